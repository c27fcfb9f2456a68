// The request headers the gateway reads (app.ts), named once for it and for its OpenAPI document.

/**
 * Header carrying an API key (as `Authorization: Bearer` does); without authentication only a label naming
 * the caller for its rate limit (the client address is used without it).
 */
export const API_KEY_HEADER = 'x-api-key';

/** Header a caller uses to set its own deadline (ms), capped by the configured request timeout. */
export const TIMEOUT_HEADER = 'x-mpr-timeout-ms';

/** Header carrying the request id, echoed in the answer; one is made when it is absent or unfit. */
export const REQUEST_ID_HEADER = 'x-request-id';
