// jw1's access control: authentication decisions by key name (the name, never the key), reloads of the
// key and JWKS files, failures of the shared rate-limit store, and connections refused as abusive.
import { Counter, Gauge, type Registry } from 'prom-client';

export type AccessOutcome = 'allowed' | 'unauthenticated' | 'permission_denied';
export type AuthFileName = 'keys' | 'jwks';
export type StorePolicy = 'open' | 'closed';

export interface AccessMetrics {
  /** keyName: the principal's name, empty when the caller could not be authenticated. */
  decision(outcome: AccessOutcome, keyName: string): void;
  reload(file: AuthFileName, ok: boolean): void;
  /** Keys in the current key file, read at scrape time. */
  watchKeyCount(read: () => number): void;
  /** A request met an unreachable rate-limit store and was admitted (open) or refused (closed). */
  storeFailure(policy: StorePolicy): void;
  /** An HTTP connection refused before it became a request (request_timeout, headers_too_large, ...). */
  clientError(code: string): void;
  /** Whether the shared rate-limit store is connected, read at scrape time. */
  watchStore(read: () => boolean): void;
}

export function accessMetrics(registry: Registry): AccessMetrics {
  const decisions = new Counter({
    name: 'mpr_auth_decisions_total',
    help: 'Authentication and permission decisions on jw1 requests, by outcome and key name (empty when unauthenticated)',
    labelNames: ['outcome', 'key_name'] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'mpr_auth_reloads_total',
    help: 'Reloads of the API key file and the JWKS file after a change, by result (error keeps the last good file)',
    labelNames: ['file', 'result'] as const,
    registers: [registry],
  });
  let readKeys: (() => number) | undefined;
  new Gauge({
    name: 'mpr_auth_keys',
    help: 'API keys in the current key file',
    registers: [registry],
    collect() {
      if (readKeys) this.set(readKeys());
    },
  });
  const storeFailures = new Counter({
    name: 'mpr_rate_limit_store_failures_total',
    help: 'Requests whose rate limit could not be checked in Redis, by the policy applied (open: admitted, closed: refused)',
    labelNames: ['policy'] as const,
    registers: [registry],
  });
  let readStore: (() => boolean) | undefined;
  new Gauge({
    name: 'mpr_rate_limit_store_up',
    help: 'Whether jw1 is connected to the Redis that shares rate limits (absent when limits are kept in the process)',
    registers: [registry],
    collect() {
      if (readStore) this.set(readStore() ? 1 : 0);
    },
  });
  const clientErrors = new Counter({
    name: 'mpr_http_client_errors_total',
    help: 'HTTP connections answered before they became a request, by error code (request_timeout: slow headers or body)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  return {
    clientError: (code) => clientErrors.inc({ code }),
    watchStore: (read) => {
      readStore = read;
    },
    decision: (outcome, keyName) => decisions.inc({ outcome, key_name: keyName }),
    reload: (file, ok) => reloads.inc({ file, result: ok ? 'ok' : 'error' }),
    watchKeyCount: (read) => {
      readKeys = read;
    },
    storeFailure: (policy) => storeFailures.inc({ policy }),
  };
}
