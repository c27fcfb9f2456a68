// Protection of one downstream agent: a p-queue limiter (bounded concurrency and a bounded queue that
// rejects at once when full, so callers get 429 fast instead of growing latency) and an opossum
// circuit breaker (after repeated unavailability, fail fast until a trial call succeeds).
// p-queue rather than bottleneck: bottleneck's local datastore yields to a 0 ms timer on every
// operation, ~7 ms per job measured here (npm run bench:limiter), which alone would exceed the
// gateway's 2 ms overhead goal; p-queue costs ~0.01 ms per job.
import PQueue from 'p-queue';
import CircuitBreaker from 'opossum';
import { MprError, toMprError } from '../../lib/errors.ts';

export interface AgentGuardConfig {
  maxConcurrent: number;
  maxQueue: number;
  /** How long the breaker stays open before a trial call. */
  breakerResetMs: number;
  /**
   * A call that ran at least this long and still missed its deadline counts against the agent, like an
   * unavailable one: a hung agent never answers with an error, so without this it would never open the
   * circuit and every caller would wait out its full deadline. Shorter misses do not count (a caller may
   * set a deadline shorter than any agent can meet; that must not trip the circuit for everyone).
   */
  breakerStallMs: number;
}

export interface AgentGuardStats {
  running: number;
  queued: number;
  breaker: 'closed' | 'open' | 'half_open';
}

export interface AgentGuard {
  /** Runs `call` under the breaker only, outside the limiter's queue. */
  protect<T>(call: () => Promise<T>): Promise<T>;
  /** Runs `call` in the limiter's queue, under the breaker; waits no longer than the deadline. */
  schedule<T>(deadline: number, call: () => Promise<T>): Promise<T>;
  stats(): AgentGuardStats;
  onRejected?: (reason: 'queue_full' | 'circuit_open') => void;
}

// Only failures that say the agent is unhealthy open the circuit: a client's bad input never does, nor a
// short deadline (see breakerStallMs for the long ones).
const UNHEALTHY = new Set(['unavailable', 'internal', 'model_error']);

export function createAgentGuard(agent: string, config: AgentGuardConfig): AgentGuard {
  const queue = new PQueue({ concurrency: config.maxConcurrent });
  // Deadline misses of calls that ran for breakerStallMs or more: the agent stalled, not the caller.
  const stalls = new WeakSet<object>();
  const timed = async (call: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      return await call();
    } catch (error) {
      if (
        error instanceof MprError &&
        error.code === 'deadline_exceeded' &&
        performance.now() - started >= config.breakerStallMs
      )
        stalls.add(error);
      throw error;
    }
  };
  const breaker = new CircuitBreaker(timed, {
    timeout: false,
    resetTimeout: config.breakerResetMs,
    errorThresholdPercentage: 50,
    volumeThreshold: 5,
    rollingCountTimeout: 10_000,
    errorFilter: (error: unknown) =>
      !(UNHEALTHY.has(toMprError(error).code) || (typeof error === 'object' && error !== null && stalls.has(error))),
  });

  const guard: AgentGuard = {
    protect: async <T>(call: () => Promise<T>) => {
      try {
        return (await breaker.fire(call)) as T;
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') {
          guard.onRejected?.('circuit_open');
          throw new MprError('unavailable', `${agent} is failing; circuit open, retry later`, {
            retryAfterSeconds: Math.ceil(config.breakerResetMs / 1000),
          });
        }
        throw error;
      }
    },
    schedule: async <T>(deadline: number, call: () => Promise<T>) => {
      // With a free slot and nobody waiting the job starts at once (p-queue starts it synchronously), so
      // there is no wait to bound: the call carries the deadline itself. This is every call below
      // saturation, and it spares each one a timer, an AbortController and two abort listeners.
      // (Checked before the queue bound, so that maxQueue 0 means "no waiting", not "no calls".)
      if (queue.pending < config.maxConcurrent && queue.size === 0) return queue.add(() => guard.protect(call));
      if (queue.size >= config.maxQueue) {
        guard.onRejected?.('queue_full');
        throw new MprError(
          'overloaded',
          `${agent} is at capacity (${config.maxConcurrent} running, ${config.maxQueue} queued)`,
        );
      }
      // A job still queued when its caller's deadline passes leaves the queue and does no work. The timer
      // is cleared as soon as the call settles (AbortSignal.timeout would keep one alive per request until
      // its deadline, tens of seconds under load).
      const expiry = new AbortController();
      const timer = setTimeout(() => expiry.abort(), Math.max(1, deadline - Date.now()));
      try {
        return await queue.add(() => guard.protect(call), { signal: expiry.signal });
      } catch (error) {
        if (expiry.signal.aborted && !(error instanceof MprError))
          throw new MprError('deadline_exceeded', `deadline passed while waiting for ${agent}`);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    stats: () => {
      return {
        running: queue.pending,
        queued: queue.size,
        breaker: breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed',
      };
    },
  };
  return guard;
}
