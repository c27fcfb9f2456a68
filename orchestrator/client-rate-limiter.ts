// Rate per API key (or client address when none is given): each key may send `burst` requests per
// window of burst/rps seconds, so its long-run rate is `rps`. A request over the limit is refused at
// once (429 rate_limited with Retry-After) rather than queued. rate-limiter-flexible's in-memory store
// is made for this and costs microseconds per request (bottleneck's reservoir costs milliseconds).
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { MprError } from '../lib/errors.ts';

export interface ClientRateConfig {
  /** Requests per second per key; 0 turns the limit off. */
  rps: number;
  burst: number;
}

export interface ClientRateLimiter {
  /**
   * Charges `cost` requests (a batch costs one per item, at most the burst, so that any batch the
   * server accepts can pass) to `key`, less `alreadyCharged` (what an earlier admit of the same request
   * took); throws MprError('rate_limited') when that is over its rate.
   */
  admit(key: string, cost?: number, alreadyCharged?: number): Promise<void>;
  close(): Promise<void>;
}

/** `onRejected` is told of every refused request (for the rejections metric). */
export function createClientRateLimiter(
  config: ClientRateConfig,
  onRejected?: () => void,
): ClientRateLimiter | undefined {
  if (config.rps <= 0) return undefined;
  const limiter = new RateLimiterMemory({ points: config.burst, duration: config.burst / config.rps });
  return {
    admit: async (key, cost = 1, alreadyCharged = 0) => {
      const points = Math.min(Math.max(1, Math.ceil(cost)), config.burst) - alreadyCharged;
      if (points <= 0) return;
      try {
        await limiter.consume(key, points);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          onRejected?.();
          throw new MprError(
            'rate_limited',
            `rate limit of ${config.rps} requests/s (burst ${config.burst}) reached for this client`,
            {
              retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
            },
          );
        }
        throw error;
      }
    },
    close: async () => undefined,
  };
}
