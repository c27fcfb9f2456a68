// The one runner of the skip-gate's stages. It walks SKIP_STAGES in order, each stage once, asks for a
// signal only when the stage that reads it is reached, and records the decision once, when it is made.
// The pipeline runs it in two steps, so that each decision lands on the span of the work that made it:
// the local stages and the cache inside `skip_gate`, jw2's verdict inside the cleaner's `agent_call`.
import {
  DEFAULT_SKIP_GATE_CONFIG,
  gateText,
  SKIP_STAGES,
  type GateSignals,
  type SkipDecision,
  type SkipGateConfig,
} from './stages.ts';

/** How to get each signal, called at most once and only when its stage is reached. */
export type GateProbes = { [Signal in keyof GateSignals]?: () => GateSignals[Signal] };

export type DecisionRecorder = (decision: SkipDecision) => void;

export interface SkipGate {
  /**
   * Runs the stages not run yet, up to a decision, or up to a stage whose signal has no probe here
   * (undefined: gather that signal, then advance or finish).
   */
  advance(probes?: GateProbes): SkipDecision | undefined;
  /** Runs the remaining stages to a decision; a stage whose signal has no probe does not skip. */
  finish(probes?: GateProbes): SkipDecision;
}

export function openSkipGate(
  text: string,
  config: SkipGateConfig = DEFAULT_SKIP_GATE_CONFIG,
  record?: DecisionRecorder,
): SkipGate {
  const seen = gateText(text);
  const signals: Partial<Record<keyof GateSignals, unknown>> = {};
  let next = 0;
  let decision: SkipDecision | undefined;
  const decide = (made: SkipDecision): SkipDecision => {
    decision = made;
    record?.(made);
    return made;
  };
  const run = (probes: GateProbes, waitForSignals: boolean): SkipDecision | undefined => {
    if (decision) return decision;
    for (; next < SKIP_STAGES.length; next++) {
      const stage = SKIP_STAGES[next]!;
      if (stage.reads && !(stage.reads in signals)) {
        const probe = probes[stage.reads];
        if (probe) signals[stage.reads] = probe();
        else if (waitForSignals) return undefined;
      }
      if (stage.skips(seen, signals as Partial<GateSignals>, config))
        return decide({ skip: true, reason: stage.reason });
    }
    return decide({ skip: false, reason: 'needs_model' });
  };
  return {
    advance: (probes = {}) => run(probes, true),
    finish: (probes = {}) => run(probes, false)!,
  };
}

/** The whole gate at once, from signals already gathered (an absent signal does not skip). */
export function decideSkip(
  text: string,
  signals: Partial<GateSignals>,
  config: SkipGateConfig = DEFAULT_SKIP_GATE_CONFIG,
): SkipDecision {
  return openSkipGate(text, config).finish({
    cacheHit: () => signals.cacheHit ?? false,
    verdict: () => signals.verdict ?? null,
  });
}
