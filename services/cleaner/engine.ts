import type { EngineInfo, EngineTimings, GenerationSettings, TokenUsage } from '../shared/engine-types.ts';

export type { EngineInfo, EngineTimings, GenerationSettings, TokenUsage };

// The seam between the cleaner service and whatever corrects text: the embedded rule engine and the
// ONNX LLM engine both implement CleanerEngine; the service picks one from the model manifest.

/** Lower-case names of mpr.v1.EditKind without the prefix; the gRPC layer maps them to the enum. */
export type EditKindName =
  | 'spelling'
  | 'grammar'
  | 'punctuation'
  | 'whitespace'
  | 'capitalization'
  | 'article'
  | 'repeated_word'
  | 'normalization'
  | 'other';

/** text.slice(start, end) === original in the input; offsets are UTF-16 code units. */
export interface EditSpan {
  start: number;
  end: number;
  original: string;
  replacement: string;
  kind: EditKindName;
  message: string;
  /** The engine's rule that made the edit ("spelling", "confusion.their"); engines without rules leave it unset. */
  rule?: string;
}

/**
 * A span that looks wrong but has no safe replacement (an unknown word with no close and plausible
 * suggestion, a rule match whose fix is not certain): reported, not changed. Offsets as in EditSpan.
 */
export interface FlagSpan {
  start: number;
  end: number;
  kind: EditKindName;
  message: string;
  rule?: string;
}

export interface CleanOptions {
  language?: string;
  generation?: GenerationSettings;
  signal?: AbortSignal;
  /** A LoRA adapter of the engine's model, by name (see `hasAdapter`); absent: the engine's default. */
  adapter?: string;
}

export interface ParaphraseOptions {
  language?: string;
  generation?: GenerationSettings;
  signal?: AbortSignal;
  /** Absent: the engine's paraphrase adapter. */
  adapter?: string;
}

export interface ParaphraseResult {
  paraphrasedText: string;
  usage: TokenUsage;
  timings?: EngineTimings;
  /** The output guard refused the model output and the input came back; `guardReason` says why. */
  guardFallback?: boolean;
  guardReason?: string;
  /** The adapter that ran. */
  adapter: string;
}

export interface CleanResult {
  cleanedText: string;
  edits: EditSpan[];
  /** Spans left unchanged that look wrong (engines that cannot tell leave it unset). */
  flags?: FlagSpan[];
  usage: TokenUsage;
  timings?: EngineTimings;
  /** The output guard rejected the model output; `guardReason` says why. */
  guardFallback?: boolean;
  guardReason?: string;
  /**
   * The model reproduced the input exactly (an LLM engine drafting with its input: one verifying pass).
   * Engines without a model leave it unset.
   */
  verifiedClean?: boolean;
}

export interface CheckResult {
  /** ISO 639-1 code, or "und" when the text is too short or mixed to tell. */
  language: string;
  languageSupported: boolean;
  /** The text MIGHT need the cleaner: the skip-gate sends it on when true. */
  needsCleaning: boolean;
  /**
   * What the checker found, in text order. A fix the engine is sure of has its replacement; a
   * suspicious span it cannot fix cheaply (an unknown word, a possible agreement error) has
   * `replacement === original`, kind 'spelling', 'grammar', 'article', 'punctuation', 'capitalization'
   * or 'other', and a message saying what looks wrong. Spans may overlap.
   */
  issues: EditSpan[];
}

export interface CleanerEngine {
  readonly info: EngineInfo;
  clean(text: string, options?: CleanOptions): Promise<CleanResult>;
  /** Cheap: no model call (rules, and a grammar parse off the event loop). Used by the orchestrator's skip-gate. */
  check(text: string, language?: string): Promise<CheckResult>;
  /** Whether requests may name this LoRA adapter (engines without a model: absent). */
  hasAdapter?(name: string): boolean;
  /** Present only when the engine has a paraphrase model (a paraphrase adapter) configured. */
  paraphrase?(text: string, options?: ParaphraseOptions): Promise<ParaphraseResult>;
  close?(): Promise<void>;
}
