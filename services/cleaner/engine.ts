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
}

export interface CleanOptions {
  language?: string;
  generation?: GenerationSettings;
  signal?: AbortSignal;
}

export interface CleanResult {
  cleanedText: string;
  edits: EditSpan[];
  usage: TokenUsage;
  timings?: EngineTimings;
  /** The output guard rejected the model output; `guardReason` says why. */
  guardFallback?: boolean;
  guardReason?: string;
}

export interface CheckResult {
  language: string;
  languageSupported: boolean;
  needsCleaning: boolean;
  issues: EditSpan[];
}

export interface CleanerEngine {
  readonly info: EngineInfo;
  clean(text: string, options?: CleanOptions): Promise<CleanResult>;
  /** Cheap: no model call. Used by the orchestrator's skip-gate. */
  check(text: string, language?: string): CheckResult;
  close?(): Promise<void>;
}
