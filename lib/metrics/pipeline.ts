// jw1's routing decisions: skip-gate outcomes, cache lookups, and the per-agent limiter (queue depth and
// rejections). Typed recorders, so that label values stay within the documented sets.
import { Counter, Gauge, type Registry } from 'prom-client';

export type CacheResult = 'hit' | 'miss';
export type RejectionReason = 'queue_full' | 'circuit_open' | 'rate_limited' | 'quota_exceeded' | 'deadline';
/** What the cleaner's model made of a sentence the skip-gate sent to it. */
export type ModelVerdict = 'verified_clean' | 'changed_or_unverified';

export interface PipelineMetrics {
  /** reason: a skip reason (trivial, already_clean, ...) or needs_model when the text goes to the cleaner. */
  skipDecision(reason: string): void;
  cacheLookup(result: CacheResult): void;
  /** verified_clean: the model reproduced the sentence (a text the gate could have skipped). */
  modelVerdict(verdict: ModelVerdict): void;
  /** The limiter's queue length is read at scrape time from `read` (e.g. () => guard.stats().queued). */
  watchQueueDepth(agent: string, read: () => number): void;
  rejection(agent: string, reason: RejectionReason): void;
  /** The circuit breaker's state in front of `agent`, read at scrape time. */
  watchCircuit(agent: string, read: () => CircuitState): void;
}

export type CircuitState = 'closed' | 'half_open' | 'open';
const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'half_open', 'open'];

export function pipelineMetrics(registry: Registry): PipelineMetrics {
  const decisions = new Counter({
    name: 'mpr_skip_gate_decisions_total',
    help: 'Skip-gate decisions by reason (needs_model = sent to the cleaner)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const cache = new Counter({
    name: 'mpr_cache_requests_total',
    help: 'Result cache lookups by result (hit, miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const modelVerdicts = new Counter({
    name: 'mpr_cleaner_model_verdicts_total',
    help: 'Sentences the skip-gate sent to the cleaner, by what the model made of them (verified_clean = it reproduced the input: a skip the gate missed)',
    labelNames: ['verdict'] as const,
    registers: [registry],
  });
  const queues = new Map<string, () => number>();
  new Gauge({
    name: 'mpr_agent_queue_depth',
    help: 'Calls waiting for a slot of the limiter in front of each agent',
    labelNames: ['agent'] as const,
    registers: [registry],
    collect() {
      for (const [agent, read] of queues) this.set({ agent }, read());
    },
  });
  const rejections = new Counter({
    name: 'mpr_agent_rejections_total',
    help: 'Calls turned away before reaching an agent, by agent and reason',
    labelNames: ['agent', 'reason'] as const,
    registers: [registry],
  });
  const circuits = new Map<string, () => CircuitState>();
  new Gauge({
    name: 'mpr_agent_circuit_state',
    help: 'Circuit breaker in front of each agent: 1 for its current state (closed, half_open, open), 0 for the others',
    labelNames: ['agent', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [agent, read] of circuits) {
        const current = read();
        for (const state of CIRCUIT_STATES) this.set({ agent, state }, state === current ? 1 : 0);
      }
    },
  });
  return {
    skipDecision: (reason) => decisions.inc({ reason }),
    cacheLookup: (result) => cache.inc({ result }),
    modelVerdict: (verdict) => modelVerdicts.inc({ verdict }),
    watchQueueDepth: (agent, read) => void queues.set(agent, read),
    rejection: (agent, reason) => rejections.inc({ agent, reason }),
    watchCircuit: (agent, read) => void circuits.set(agent, read),
  };
}
