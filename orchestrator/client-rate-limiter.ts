// Rate per API key (or client address when none is given), with bottleneck: each key gets a reservoir
// of `burst` requests refilled at `rps` per second. A request that finds the reservoir empty is refused
// at once (429 rate_limited with Retry-After) rather than queued.
import Bottleneck from 'bottleneck';
import { MprError } from '../lib/errors.ts';

export interface ClientRateConfig {
  /** Requests per second per key; 0 turns the limit off. */
  rps: number;
  burst: number;
}

export interface ClientRateLimiter {
  /** Throws MprError('rate_limited') when `key` is over its rate. */
  admit(key: string): Promise<void>;
  close(): Promise<void>;
}

export function createClientRateLimiter(config: ClientRateConfig): ClientRateLimiter | undefined {
  if (config.rps <= 0) return undefined;
  // Refill in small steps so that a client at its rate is not refused in bursts at each second's edge.
  const stepsPerSecond = Math.min(config.rps, 10);
  const group = new Bottleneck.Group({
    reservoir: config.burst,
    reservoirIncreaseAmount: config.rps / stepsPerSecond,
    reservoirIncreaseInterval: 1000 / stepsPerSecond,
    reservoirIncreaseMaximum: config.burst,
    highWater: 0,
    strategy: Bottleneck.strategy.OVERFLOW,
    // Idle keys are forgotten so that many distinct clients cannot grow memory without bound.
    timeout: 60_000,
  });
  return {
    admit: async (key) => {
      try {
        await group.key(key).schedule(() => Promise.resolve());
      } catch (error) {
        if (error instanceof Bottleneck.BottleneckError) {
          throw new MprError('rate_limited', `rate limit of ${config.rps} requests/s (burst ${config.burst}) reached for this client`, {
            retryAfterSeconds: Math.max(1, Math.ceil(1 / config.rps)),
          });
        }
        throw error;
      }
    },
    close: async () => {
      await Promise.all(group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true })));
    },
  };
}
