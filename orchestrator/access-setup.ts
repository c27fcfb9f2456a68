// Builds jw1's access gate from the configuration: the authenticator (key file, JWKS), the rate limiter
// (in this process, or in Redis shared by the replicas) and their metrics, and says at start-up which
// of them are on.
import type { Config } from '../lib/config.ts';
import { errorMessage } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { AccessMetrics, RejectionReason } from '../lib/metrics/index.ts';
import { type AccessControl, createAccessControl } from './access-control.ts';
import { createAuthenticator } from './auth/index.ts';
import { createClientRateLimiter } from './client-rate-limiter.ts';
import { connectRateLimitStore, redactRedisUrl } from './rate-limit-store.ts';

/** Shortest gap between two log lines about failed rate-limit checks (each one is counted). */
const STORE_FAILURE_LOG_INTERVAL_MS = 10_000;

export interface RunningAccess {
  access: AccessControl;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export function startAccessControl(
  config: Config,
  metrics: AccessMetrics,
  onRejected: (reason: RejectionReason) => void,
  logger: Logger,
): RunningAccess {
  const authenticator = createAuthenticator(
    {
      required: config.authRequired,
      keysFile: config.authKeysFile,
      jwksFile: config.authJwksFile,
      jwtIssuer: config.authJwtIssuer,
      jwtAudience: config.authJwtAudience,
      reloadPollMs: config.authReloadPollMs,
    },
    {
      reloaded: (file, outcome) => {
        metrics.reload(file, outcome.ok);
        if (outcome.ok) logger.info({ file, entries: outcome.entries }, 'authentication file reloaded');
        else
          logger.error(
            { file, error: errorMessage(outcome.error) },
            'authentication file refused; keeping the last good one',
          );
      },
    },
  );
  metrics.watchKeyCount(() => authenticator.keyCount());
  if (authenticator.required) {
    logger.info(authenticator.summary(), 'authentication on: /v1 requests and gRPC calls need an API key or token');
  } else {
    const fields = { ...authenticator.summary(), host: config.host };
    if (isLoopback(config.host)) logger.info(fields, 'authentication off: every caller that reaches jw1 is served');
    else
      logger.warn(
        fields,
        'authentication off on a non-loopback address: set MPR_AUTH_REQUIRED=true and MPR_AUTH_KEYS_FILE',
      );
  }

  const store = config.rateLimitRedisUrl
    ? connectRateLimitStore({ url: config.rateLimitRedisUrl, timeoutMs: config.rateLimitRedisTimeoutMs, logger })
    : undefined;
  if (store) metrics.watchStore(() => store.ready());
  logger.info(
    store
      ? { store: redactRedisUrl(config.rateLimitRedisUrl), onFailure: config.rateLimitRedisFailure }
      : { store: 'memory' },
    store ? 'rate limits shared by every replica through Redis' : 'rate limits kept in this process',
  );
  let lastFailureLog = 0;
  const rateLimiter = createClientRateLimiter(
    {
      rps: config.rateLimitRps,
      burst: config.rateLimitBurst,
      ...(store ? { store } : {}),
      onStoreFailure: config.rateLimitRedisFailure,
    },
    {
      rejected: onRejected,
      storeFailed: (policy, error) => {
        metrics.storeFailure(policy);
        const now = Date.now();
        if (now - lastFailureLog < STORE_FAILURE_LOG_INTERVAL_MS) return;
        lastFailureLog = now;
        logger.warn(
          { policy, error: errorMessage(error) },
          policy === 'open'
            ? 'rate limit not checked (Redis unreachable): request admitted'
            : 'rate limit not checked (Redis unreachable): request refused',
        );
      },
    },
  );
  return {
    access: createAccessControl({ authenticator, rateLimiter, metrics, logger }),
    close: async () => {
      authenticator.close();
      await rateLimiter.close();
    },
  };
}
