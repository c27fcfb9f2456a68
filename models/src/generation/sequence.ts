// One request inside the decode loop: picks tokens from its logits row, decodes them to text, applies
// stop tokens / stop strings / the constraint / the token budget, streams pieces, and builds the result.
import { MprError, toMprError } from '../../../lib/errors.ts';
import { samplingProcessors } from './logits-processors.ts';
import { DRAFT_POLICY, DraftCursor, proposableDraft, type DraftPolicy } from './draft.ts';
import { PieceQueue } from './piece-queue.ts';
import { createSeededSampler, greedySampler, type Sampler } from './sampler.ts';
import { StopStringMatcher } from './stop-strings.ts';
import type {
  FinishReason,
  GenerateOptions,
  GenerationResult,
  LogitsMask,
  LogitsProcessor,
  TokenVocabulary,
} from './types.ts';

/**
 * Logits one verifying pass may produce (rows x positions x vocabulary): 8 Mi floats, 32 MiB, about 65
 * draft tokens of a lone row at Llama 3's 128k vocabulary. A longer draft is verified over several passes.
 */
const DRAFT_LOGITS_PER_PASS = 2 ** 23;
const MIN_DRAFT_PER_PASS = 8;

export class Sequence {
  readonly promptIds: readonly number[];
  readonly generated: number[] = [];
  readonly pieces = new PieceQueue();
  readonly result: Promise<GenerationResult>;
  readonly signal: AbortSignal | undefined;
  /** The adapter slot the sequence runs with (see adapter-slots.ts); -1: the base model. */
  adapterSlot = -1;
  /** Token chosen last and not yet in the KV cache. */
  pendingToken = -1;
  /** Position id of the pending token (= real tokens already in the cache). */
  nextPosition: number;
  finishReason: FinishReason | null = null;
  /** Forward passes this sequence took part in (the batcher counts them). */
  forwardPasses = 0;
  /** Greedy, unconstrained sequences with a draft only. */
  private readonly draft: DraftCursor | null;
  private draftTokensAccepted = 0;

  private readonly options: GenerateOptions;
  private readonly vocabulary: TokenVocabulary;
  private readonly stopIds: ReadonlySet<number>;
  private readonly processors: LogitsProcessor[];
  private readonly sampler: Sampler;
  private readonly stopStrings: StopStringMatcher;
  private readonly budget: number;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly streaming: boolean;
  private text = '';
  private emitted = 0;
  private outputTokens = 0;
  private resolve!: (result: GenerationResult) => void;
  private reject!: (error: unknown) => void;
  private readonly enqueuedAt = performance.now();
  private prefillStartedAt = 0;
  private prefillMs = 0;
  private firstTokenAt = 0;
  private lastTokenAt = 0;

  /** `draftPolicy`: what a proposed position costs where the model runs, which sets how wide drafts are proposed (see draft.ts). */
  constructor(
    promptIds: readonly number[],
    options: GenerateOptions,
    vocabulary: TokenVocabulary,
    contextLength: number,
    streaming: boolean,
    draftPolicy: DraftPolicy = DRAFT_POLICY.cpu,
  ) {
    this.promptIds = promptIds;
    this.nextPosition = promptIds.length;
    this.options = options;
    this.vocabulary = vocabulary;
    this.stopIds = new Set(vocabulary.stopTokenIds);
    this.processors = samplingProcessors(options);
    this.sampler =
      (options.temperature ?? 0) > 0
        ? createSeededSampler(options.seed ?? Math.floor(Math.random() * 2 ** 32))
        : greedySampler;
    this.stopStrings = new StopStringMatcher(options.stopStrings ?? []);
    this.budget = Math.min(options.maxNewTokens, contextLength - promptIds.length);
    this.signal = options.signal;
    this.streaming = streaming;
    this.draft =
      options.draft?.length && !this.needsLogits
        ? new DraftCursor(proposableDraft(options.draft, vocabulary.stopTokenIds), draftPolicy)
        : null;
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // generate() callers may never look at a failed stream's pieces; the result promise carries the error.
    this.result.catch(() => undefined);
    if (this.budget <= 0) this.finish('max_new_tokens');
    else if (this.signal?.aborted) this.finish('cancelled');
  }

  get done(): boolean {
    return this.finishReason !== null;
  }

  markPrefill(startedAt: number, endedAt: number): void {
    this.prefillStartedAt = startedAt;
    this.prefillMs = endedAt - startedAt;
  }

  /** True unless greedy and unconstrained: then the decoder can hand over the argmax instead of logits. */
  get needsLogits(): boolean {
    return this.options.constraint !== undefined || this.processors.length > 0 || this.sampler !== greedySampler;
  }

  /** Tokens the budget still takes. */
  get tokensLeft(): number {
    return this.budget - this.generated.length;
  }

  /**
   * After the coming decode step, the step after it will plainly take this sequence's argmax: greedy,
   * unconstrained, no draft to verify, and the budget takes two more tokens. (A stop token or string can
   * still end it; the decoder then drops the step it ran ahead.)
   */
  get nextStepPredictable(): boolean {
    return !this.needsLogits && !this.draft && this.tokensLeft >= 2;
  }

  /**
   * Greedy with a constraint that can describe its mask (`nextMask`) and no processors: the decoder can
   * apply the mask and take the argmax itself, so the logits need not travel.
   */
  get masksInDecoder(): boolean {
    return (
      this.options.constraint?.nextMask !== undefined && this.processors.length === 0 && this.sampler === greedySampler
    );
  }

  /**
   * This step's mask for the decoder (only when `masksInDecoder`): depends on the constraint's state and
   * the budget left, both settled once the previous token was accepted. Null when the sequence failed.
   */
  decoderMask(): LogitsMask | null {
    try {
      return this.options.constraint?.nextMask?.(this.budget - this.generated.length) ?? null;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /** Records a token the decoder already chose by (masked) argmax (when `needsLogits` is false or `masksInDecoder`). */
  stepGreedy(token: number): void {
    try {
      this.accept(token);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Draft tokens to verify after the pending token in a pass over `rows` rows (empty: nothing to
   * propose). Never more than the budget can take, so a pass yields no token the budget would refuse,
   * and never so many that the pass's logits (computed for every position of every row) outgrow
   * DRAFT_LOGITS_PER_PASS.
   */
  draftProposal(rows = 1): number[] {
    const perPass = Math.max(MIN_DRAFT_PER_PASS, Math.floor(DRAFT_LOGITS_PER_PASS / (rows * this.vocabulary.size)));
    return this.draft?.proposal(Math.min(perPass, this.budget - this.generated.length - 1)) ?? [];
  }

  /**
   * Records a verifying pass: the model's tokens up to and including the first that differs from the
   * draft (`accepted` draft tokens agreed), each exactly as a plain greedy step would record it, so stop
   * tokens, stop strings and the budget end the sequence at the same token.
   */
  stepVerified(greedyTokens: Int32Array, accepted: number): void {
    for (let i = 0; i <= accepted && !this.done; i++) {
      if (i < accepted) this.draftTokensAccepted++;
      this.stepGreedy(greedyTokens[i] as number);
    }
    this.nextPosition += accepted + 1;
  }

  /** Chooses and records the next token from this sequence's logits row (mutated in place). */
  step(logits: Float32Array): void {
    try {
      const constraint = this.options.constraint;
      constraint?.mask(logits, this.budget - this.generated.length);
      for (const processor of this.processors) processor.process(logits, this.generated);
      const token = this.sampler.sample(logits);
      this.accept(token);
    } catch (error) {
      this.fail(error);
    }
  }

  private accept(token: number): void {
    const now = performance.now();
    if (this.outputTokens === 0) this.firstTokenAt = now;
    this.lastTokenAt = now;
    this.outputTokens++;
    this.pendingToken = token;
    if (this.stopIds.has(token)) {
      this.finish('stop_token');
      return;
    }
    this.generated.push(token);
    this.draft?.observe(token, this.generated);
    this.options.constraint?.accept(token);
    const bytes = this.vocabulary.tokenBytes(token);
    const before = this.text.length;
    if (bytes) this.text += this.decoder.decode(bytes, { stream: true });
    if (this.stopStrings.active) {
      const scan = this.stopStrings.scan(this.text, before);
      if (scan.stopIndex !== null) {
        this.text = this.text.slice(0, scan.stopIndex);
        this.finish('stop_string');
        return;
      }
      this.emit(scan.safeEnd);
    } else {
      this.emit(this.text.length);
    }
    if (this.options.constraint?.isComplete()) this.finish('constraint_complete');
    else if (this.generated.length >= this.budget) this.finish('max_new_tokens');
  }

  private emit(end: number): void {
    if (this.streaming && end > this.emitted) this.pieces.push(this.text.slice(this.emitted, end));
    this.emitted = Math.max(this.emitted, end);
  }

  finish(reason: FinishReason): void {
    if (this.done) return;
    this.finishReason = reason;
    if (reason !== 'stop_string') this.text += this.decoder.decode();
    this.emit(this.text.length);
    this.pieces.close();
    const end = performance.now();
    const decodeMs = this.lastTokenAt - this.firstTokenAt;
    this.resolve({
      text: this.text,
      tokenIds: [...this.generated],
      finishReason: reason,
      usage: { inputTokens: this.promptIds.length, outputTokens: this.outputTokens },
      timings: {
        queueMs: this.prefillStartedAt > 0 ? this.prefillStartedAt - this.enqueuedAt : end - this.enqueuedAt,
        prefillMs: this.prefillMs,
        timeToFirstTokenMs: this.outputTokens > 0 ? this.firstTokenAt - this.enqueuedAt : 0,
        decodeTokensPerSecond: this.outputTokens > 1 && decodeMs > 0 ? ((this.outputTokens - 1) * 1000) / decodeMs : 0,
        totalMs: end - this.enqueuedAt,
      },
      forwardPasses: this.forwardPasses,
      ...(this.draft ? { draftTokensAccepted: this.draftTokensAccepted } : {}),
    });
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.finishReason = 'cancelled';
    const typed = error instanceof MprError ? error : toMprError(error);
    this.pieces.close(typed);
    this.reject(typed);
  }
}
