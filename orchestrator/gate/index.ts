// The skip-gate: its ordered stages, the runner that walks them, and where a decision is recorded.
export { decisionRecorder, type SkipGateObserver } from './record.ts';
export { decideSkip, openSkipGate, type DecisionRecorder, type GateProbes, type SkipGate } from './run.ts';
export {
  DEFAULT_SKIP_GATE_CONFIG,
  SKIP_STAGES,
  type AgentVerdict,
  type GateSignals,
  type SkipDecision,
  type SkipGateConfig,
  type SkipReasonName,
} from './stages.ts';
