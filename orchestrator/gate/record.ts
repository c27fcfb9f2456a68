// The one place a skip-gate decision is recorded: the decision metric, and the attributes of the span
// active when the deciding stage ran.
import { activeSpan } from '../../lib/telemetry/index.ts';
import type { DecisionRecorder } from './run.ts';
import type { SkipDecision } from './stages.ts';

export interface SkipGateObserver {
  skipDecision?(reason: SkipDecision['reason']): void;
}

export function decisionRecorder(observer?: SkipGateObserver): DecisionRecorder {
  return (decision) => {
    observer?.skipDecision?.(decision.reason);
    activeSpan()?.setAttributes({
      'mpr.skip.decision': decision.skip ? 'skip' : 'proceed',
      'mpr.skip.reason': decision.reason,
    });
  };
}
