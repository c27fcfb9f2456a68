// The public seams of the generation runtime. Callers see TextGenerator; batching, the KV cache and the
// ONNX backend stay behind it. Logits processors and token constraints plug into the decode loop.
import type { LogitsMask } from '../kernels/logits-mask.ts';
import type { TokenVocabulary } from '../tokenizer/vocabulary.ts';

export type { LogitsMask, MaskList } from '../kernels/logits-mask.ts';
export type { TokenVocabulary } from '../tokenizer/vocabulary.ts';

/** Mutates one sequence's next-token logits in place (temperature, top-k, repetition penalty...). */
export interface LogitsProcessor {
  process(logits: Float32Array, generatedIds: readonly number[]): void;
}

/**
 * A per-sequence grammar over output tokens (e.g. a JSON Schema). The decode loop calls `mask` before
 * sampling, `accept` with the chosen token, and stops the sequence as soon as `isComplete()` is true.
 */
export interface TokenConstraint {
  /** Sets the logits of every token that may not come next to -Infinity; `remainingTokens` is the budget left. */
  mask(logits: Float32Array, remainingTokens: number): void;
  /**
   * Optional: the same mask `mask` would apply, described without the logits. A greedy sequence whose
   * constraint has it gets its masked argmax inside the decoder, so its logits never travel. Called
   * instead of (never in addition to) `mask` for a step.
   */
  nextMask?(remainingTokens: number): LogitsMask;
  accept(tokenId: number): void;
  isComplete(): boolean;
}

export interface SamplingOptions {
  /** 0 (the default) is greedy and deterministic. */
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
}

export interface GenerateOptions extends SamplingOptions {
  maxNewTokens: number;
  stopStrings?: string[];
  constraint?: TokenConstraint;
  signal?: AbortSignal;
  /**
   * Greedy, unconstrained requests only (ignored otherwise): the tokens the caller expects the output to
   * be, e.g. a grammar correction's input then the end-of-turn token. Runs of it are checked against the
   * model in one forward pass each instead of one pass per token; the output is the same as without it.
   * Same up to float rounding, as with batching: a pass over k positions sums in another order than k
   * one-token steps (logits differ by up to ~3e-5 on the bench's tiny model), so only an argmax tie that
   * close could go the other way.
   */
  draft?: readonly number[];
  /**
   * A LoRA adapter loaded on the generator, by name, applied at run time on the shared base model; absent:
   * the base model. A name the generator does not hold fails with unknown_adapter, never the base model.
   */
  adapter?: string;
}

export interface GenerationUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface GenerationTimings {
  queueMs: number;
  prefillMs: number;
  timeToFirstTokenMs: number;
  decodeTokensPerSecond: number;
  totalMs: number;
}

export type FinishReason = 'stop_token' | 'stop_string' | 'max_new_tokens' | 'constraint_complete' | 'cancelled';

export interface GenerationResult {
  text: string;
  tokenIds: number[];
  finishReason: FinishReason;
  usage: GenerationUsage;
  timings: GenerationTimings;
  /** Forward passes this output took, prefill included (a pass shared by a batch counts for each row). */
  forwardPasses?: number;
  /** With a draft: draft tokens taken as proposed by verifying passes (beyond the one token every pass yields). */
  draftTokensAccepted?: number;
}

export interface TextGenerator {
  readonly modelId: string;
  readonly vocabulary: TokenVocabulary;
  /** Renders a chat conversation with the model's chat template (with the assistant header unless told not to). */
  applyChatTemplate(
    messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>,
    addGenerationPrompt?: boolean,
  ): string;
  countTokens(text: string): number;
  /** Whether `generate` accepts `adapter: name` now (generators without adapters: absent or false). */
  hasAdapter?(name: string): boolean;
  /** Replaces the adapter set (name -> PEFT directory) without a restart (generators with adapters). */
  setAdapters?(adapters: Readonly<Record<string, string>>): Promise<void>;
  /**
   * Optional: the tokens of an answer that is exactly `text` and then ends its turn (the text without
   * special tokens, then the end-of-turn token), as a `draft` for a reply expected to repeat `text`.
   */
  encodeAnswer?(text: string): number[];
  /** Streams text pieces as they are decoded; the returned promise-like `result` settles when done. */
  stream(
    prompt: string,
    options: GenerateOptions,
  ): { pieces: AsyncIterable<string>; result: Promise<GenerationResult> };
  generate(prompt: string, options: GenerateOptions): Promise<GenerationResult>;
  close(): Promise<void>;
}
