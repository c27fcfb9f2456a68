// Rate and quota per client: an API key's name (or a token subject, or without authentication the
// x-api-key label or the client address). Each client may send `burst` requests per window of
// burst/rps seconds, so its long-run rate is `rps`; a key may carry its own rate and a quota (requests
// per minute, hour, day or week). A request over either is refused at once (429 rate_limited or
// quota_exceeded, with Retry-After) rather than queued. rate-limiter-flexible keeps the counts: in this
// process by default (microseconds per request), or in Redis when jw1 runs as several replicas, so that
// together they hold each client to one limit. When Redis cannot answer, the configured policy decides:
// `open` admits (availability over the limit), `closed` answers 503 (the limit over availability).
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { MprError } from '../lib/errors.ts';
import type { Quota, RateLimit } from './auth/index.ts';
import type { RateLimitStore } from './rate-limit-store.ts';

export type StoreFailurePolicy = 'open' | 'closed';

export interface ClientRateConfig {
  /** Requests per second per client when its key sets none; 0 turns that default limit off. */
  rps: number;
  burst: number;
  /** Counts shared by every replica; absent keeps them in this process. */
  store?: RateLimitStore;
  /** What happens to a request when the shared store cannot answer (default: open). */
  onStoreFailure?: StoreFailurePolicy;
}

/** Whom a request is charged to, and the limits of that client's key when it has its own. */
export interface RateSubject {
  id: string;
  rateLimit?: RateLimit;
  quota?: Quota;
}

export interface RateLimiterObserver {
  rejected?(reason: 'rate_limited' | 'quota_exceeded'): void;
  /** The shared store failed for one request, which was then admitted (open) or refused (closed). */
  storeFailed?(policy: StoreFailurePolicy, error: unknown): void;
}

export interface ClientRateLimiter {
  /**
   * Charges `cost` requests (a batch costs one per item, at most the burst, so that any batch the
   * server accepts can pass) to the subject, less `alreadyCharged` (what an earlier admit of the same
   * request took); throws MprError rate_limited or quota_exceeded when that is over a limit.
   */
  admit(subject: string | RateSubject, cost?: number, alreadyCharged?: number): Promise<void>;
  close(): Promise<void>;
}

interface Window {
  points: number;
  seconds: number;
}

/**
 * The counting window of a rate. Redis counts in whole seconds, so there a window shorter than a second
 * becomes one second holding that second's worth of requests (the long-run rate is unchanged).
 */
export function windowOf(rate: Required<RateLimit>, wholeSeconds: boolean): Window {
  const seconds = rate.burst / rate.rps;
  if (!wholeSeconds) return { points: rate.burst, seconds };
  const whole = Math.max(1, Math.ceil(seconds));
  return { points: Math.max(rate.burst, Math.round(rate.rps * whole)), seconds: whole };
}

export function createClientRateLimiter(
  config: ClientRateConfig,
  observer: RateLimiterObserver = {},
): ClientRateLimiter {
  const policy = config.onStoreFailure ?? 'open';
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (kind: 'rate' | 'quota', window: Window): RateLimiterAbstract => {
    const name = `${kind}:${window.points}:${window.seconds}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      const options = { points: window.points, duration: window.seconds, keyPrefix: `mpr:${name}` };
      limiter = config.store
        ? new RateLimiterRedis({ ...options, storeClient: config.store.client, rejectIfRedisNotReady: true })
        : new RateLimiterMemory(options);
      limiters.set(name, limiter);
    }
    return limiter;
  };

  const consume = async (
    kind: 'rate' | 'quota',
    window: Window,
    id: string,
    points: number,
    refusal: () => MprError,
  ): Promise<void> => {
    try {
      await limiterFor(kind, window).consume(id, points);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        observer.rejected?.(kind === 'rate' ? 'rate_limited' : 'quota_exceeded');
        const refused = refusal();
        throw new MprError(refused.code, refused.message, {
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        });
      }
      observer.storeFailed?.(policy, error);
      if (policy === 'closed') {
        throw new MprError('unavailable', 'the rate limit store is unreachable; retry later', { cause: error });
      }
    }
  };

  return {
    admit: async (subject, cost = 1, alreadyCharged = 0) => {
      const { id, rateLimit, quota } = typeof subject === 'string' ? ({ id: subject } as RateSubject) : subject;
      const rps = rateLimit?.rps ?? config.rps;
      const burst = rateLimit?.burst ?? config.burst;
      const wanted = Math.max(1, Math.ceil(cost));
      if (rps > 0) {
        const window = windowOf({ rps, burst }, config.store !== undefined);
        const points = Math.min(wanted, window.points) - Math.min(alreadyCharged, window.points);
        if (points > 0) {
          await consume(
            'rate',
            window,
            id,
            points,
            () =>
              new MprError('rate_limited', `rate limit of ${rps} requests/s (burst ${burst}) reached for this client`),
          );
        }
      }
      if (quota) {
        const window = { points: quota.requests, seconds: quota.periodSeconds };
        const points = Math.min(wanted, quota.requests) - Math.min(alreadyCharged, quota.requests);
        if (points > 0) {
          await consume(
            'quota',
            window,
            id,
            points,
            () =>
              new MprError(
                'quota_exceeded',
                `quota of ${quota.requests} requests per ${quota.periodSeconds} s used up for this client`,
              ),
          );
        }
      }
    },
    close: async () => {
      await config.store?.close();
    },
  };
}
