// Public API of jw2's LLM engine: a TextGenerator behind the CleanerEngine seam, its output guard and
// the diff that turns a correction into edit spans.
export {
  LlmCleanerEngine,
  outputTokenBound,
  type AdapterDefaults,
  type GuardFallback,
  type LlmCleanerOptions,
  type LlmCleanResult,
} from './engine.ts';
export {
  DEFAULT_MAX_EDIT_RATIO,
  guardOutput,
  wordEditRatio,
  type GuardDecision,
  type GuardNote,
  type GuardOptions,
} from './guard.ts';
export { classifyEdit, diffEdits } from './edits.ts';
