// The seam between the describer service and whatever produces structured JSON: the embedded
// deterministic describer and the ONNX LLM engine both implement DescriberEngine.
import type { EngineInfo, EngineTimings, GenerationSettings, TokenUsage } from '../shared/engine-types.ts';

export type { EngineInfo, EngineTimings, GenerationSettings, TokenUsage };

/** A JSON Schema object (the supported subset is documented in models/src/constrained). */
export type JsonSchema = Record<string, unknown>;

export interface DescribeInput {
  text: string;
  /** Named task ("describe", "decision", "traits") or "custom" with an inline schema. */
  task: string;
  schema: JsonSchema;
  instructions?: string;
  /** What relative dates ("by Friday", "within 14 days") count from; now when absent. */
  referenceDate?: Date;
  generation?: GenerationSettings;
  signal?: AbortSignal;
  /**
   * Streaming callers: receives the document's JSON text piece by piece as it is generated (the pieces
   * concatenated are the generated text). An engine that does not generate token by token never calls it.
   */
  onJsonDelta?: (piece: string) => void;
  /** A LoRA adapter of the engine's model, by name (see `hasAdapter`); absent: the engine's default. */
  adapter?: string;
}

export interface DescribeResult {
  document: unknown;
  /** Produced under schema-constrained decoding. */
  constrained: boolean;
  /** JSON pointers of schema fields the engine could not fill with real content. */
  unfilledFields: string[];
  usage: TokenUsage;
  timings?: EngineTimings;
}

export interface DescriberEngine {
  readonly info: EngineInfo;
  describe(input: DescribeInput): Promise<DescribeResult>;
  /** Whether requests may name this LoRA adapter (engines without a model: absent). */
  hasAdapter?(name: string): boolean;
  close?(): Promise<void>;
}
