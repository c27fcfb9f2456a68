// Protection of one downstream agent: a bottleneck limiter (bounded concurrency and a bounded queue
// that rejects at once when full, so callers get 429 fast instead of growing latency) and an opossum
// circuit breaker (after repeated unavailability, fail fast until a trial call succeeds).
import Bottleneck from 'bottleneck';
import CircuitBreaker from 'opossum';
import { MprError, toMprError } from '../../lib/errors.ts';

export interface AgentGuardConfig {
  maxConcurrent: number;
  maxQueue: number;
  /** How long the breaker stays open before a trial call. */
  breakerResetMs: number;
}

export interface AgentGuardStats {
  running: number;
  queued: number;
  breaker: 'closed' | 'open' | 'half_open';
}

export interface AgentGuard {
  /** Runs `call` under the breaker only (cheap calls such as Check). */
  protect<T>(call: () => Promise<T>): Promise<T>;
  /** Runs `call` in the limiter's queue, under the breaker; waits no longer than the deadline. */
  schedule<T>(deadline: number, call: () => Promise<T>): Promise<T>;
  stats(): AgentGuardStats;
  onRejected?: (reason: 'queue_full' | 'circuit_open') => void;
}

// Only failures that say the agent is unhealthy open the circuit; a client's bad input never does.
const UNHEALTHY = new Set(['unavailable', 'deadline_exceeded', 'internal', 'model_error']);

export function createAgentGuard(agent: string, config: AgentGuardConfig): AgentGuard {
  const limiter = new Bottleneck({ maxConcurrent: config.maxConcurrent, highWater: config.maxQueue, strategy: Bottleneck.strategy.OVERFLOW });
  const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
    timeout: false,
    resetTimeout: config.breakerResetMs,
    errorThresholdPercentage: 50,
    volumeThreshold: 5,
    rollingCountTimeout: 10_000,
    errorFilter: (error: unknown) => !UNHEALTHY.has(toMprError(error).code),
  });

  const guard: AgentGuard = {
    protect: async <T>(call: () => Promise<T>) => {
      try {
        return (await breaker.fire(call)) as T;
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') {
          guard.onRejected?.('circuit_open');
          throw new MprError('unavailable', `${agent} is failing; circuit open, retry later`, { retryAfterSeconds: Math.ceil(config.breakerResetMs / 1000) });
        }
        throw error;
      }
    },
    schedule: async <T>(deadline: number, call: () => Promise<T>) => {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new MprError('deadline_exceeded', `deadline passed while waiting for ${agent}`)), Math.max(0, deadline - Date.now()));
      });
      // A job still queued when its caller's deadline passes does no work when its turn comes.
      const job = limiter.schedule(() => {
        if (Date.now() >= deadline) return Promise.reject(new MprError('deadline_exceeded', `deadline passed while waiting for ${agent}`));
        return guard.protect(call);
      });
      try {
        return await Promise.race([job, expired]);
      } catch (error) {
        if (error instanceof Bottleneck.BottleneckError) {
          guard.onRejected?.('queue_full');
          throw new MprError('overloaded', `${agent} is at capacity (${config.maxConcurrent} running, ${config.maxQueue} queued)`, { retryAfterSeconds: 1 });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        job.catch(() => undefined);
      }
    },
    stats: () => {
      const counts = limiter.counts();
      return {
        running: counts.EXECUTING,
        queued: counts.QUEUED + counts.RECEIVED,
        breaker: breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed',
      };
    },
  };
  return guard;
}
