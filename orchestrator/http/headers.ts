// The request headers the gateway reads (app.ts), named once for it and for its OpenAPI document.

/** Header naming the caller for per-client rate limits; the client address is used without it. */
export const API_KEY_HEADER = 'x-api-key';

/** Header a caller uses to set its own deadline (ms), capped by the configured request timeout. */
export const TIMEOUT_HEADER = 'x-mpr-timeout-ms';

/** Header carrying the request id, echoed in the answer; one is made when it is absent or unfit. */
export const REQUEST_ID_HEADER = 'x-request-id';
