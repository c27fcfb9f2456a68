// jw2's LLM engine: "Fix: <text>" through the model's chat template, greedy by default, a token budget
// tied to the input's length, then the output guard; edits come from a word-level diff. check() stays
// cheap: it is the embedded engine's checker, no model call.
// A correction mostly copies its input, so the input's tokens (then the end-of-turn token) go to the
// generator as a draft: greedy decoding checks runs of it in one forward pass each (same output, fewer
// passes), and an input the model would leave unchanged is verified in one pass after the prompt on a GPU
// (on a CPU, where every fed position costs, the first pass proposes a part and the next the rest).
import { MprError } from '../../../../lib/errors.ts';
import { withSpan } from '../../../../lib/telemetry/index.ts';
import type { GenerationDefaults, TextGenerator } from '../../../../models/index.ts';
import {
  chooseAdapter,
  countTokensTraced,
  engineTimings,
  generateTraced,
  samplingFor,
} from '../../../shared/llm-generation.ts';
import { cleanerTemplate, PARAPHRASE_TEMPLATE } from '../../../shared/prompt-templates.ts';
import type {
  CheckResult,
  CleanerEngine,
  CleanOptions,
  CleanResult,
  EngineInfo,
  ParaphraseOptions,
  ParaphraseResult,
} from '../../engine.ts';
import { diffEdits } from './edits.ts';
import { guardOutput, type GuardOptions } from './guard.ts';

/** What a refused model output turns into: the input unchanged, or the embedded engine's correction. */
export type GuardFallback = 'input' | 'default';

export interface LlmCleanerOptions {
  generator: TextGenerator;
  info: EngineInfo;
  /** The embedded engine: check() and, with fallback 'default', the answer when the guard refuses. */
  rules: CleanerEngine;
  /** Manifest prompt template name; default cleaner-fix-v1. */
  promptTemplate?: string | null;
  /** Manifest generation defaults (the request's settings override them). */
  generation?: GenerationDefaults;
  guard?: GuardOptions;
  fallback?: GuardFallback;
  adapters?: AdapterDefaults;
}

/** Which of the model's LoRA adapters requests run with when they name none. */
export interface AdapterDefaults {
  /** For clean(); absent: the base model. */
  defaultAdapter?: string;
  /** For paraphrase(); absent: the engine has no paraphrase model and offers no paraphrase(). */
  paraphraseAdapter?: string;
}

const DEFAULT_MAX_NEW_TOKENS = 256;

/** What the LLM engine adds to the cleaner's result (the service reads the CleanResult fields only). */
export interface LlmCleanResult extends CleanResult {
  /**
   * The model's greedy output was the input itself, then the end of its turn: the model verified the
   * text as already clean. With a draft that is one forward pass after the prompt on a GPU (two or three
   * on a CPU, whose draft policy proposes less before the output has shown it follows the draft), unless
   * the draft is longer than a pass verifies (about 65 tokens alone at a 128k vocabulary) or the batch held
   * a row that needs logits (a sampled request), which makes every row step plainly.
   */
  verifiedClean: boolean;
  /** Forward passes the generation took, prompt included, when the generator reports them. */
  forwardPasses?: number;
}

/** A correction is about as long as its input: room for 1.5x the input tokens plus a little. */
export function outputTokenBound(inputTokens: number): number {
  return Math.ceil(inputTokens * 1.5) + 16;
}

export class LlmCleanerEngine implements CleanerEngine {
  readonly info: EngineInfo;
  private readonly options: LlmCleanerOptions;
  private readonly template: ReturnType<typeof cleanerTemplate>;
  private readonly paraphraseTemplate = cleanerTemplate(PARAPHRASE_TEMPLATE);
  private adapterDefaults: AdapterDefaults;
  /** Present while a paraphrase adapter is configured (see CleanerEngine.paraphrase). */
  paraphrase?: (text: string, options?: ParaphraseOptions) => Promise<ParaphraseResult>;

  constructor(options: LlmCleanerOptions) {
    this.options = options;
    this.info = Object.freeze({ ...options.info });
    this.template = cleanerTemplate(options.promptTemplate ?? null);
    this.adapterDefaults = {};
    this.useAdapterDefaults(options.adapters ?? {});
  }

  hasAdapter(name: string): boolean {
    return this.options.generator.hasAdapter?.(name) ?? false;
  }

  /** Replaces the model's adapter set and the defaults (a manifest reload); running requests keep theirs. */
  async setAdapters(adapters: Readonly<Record<string, string>>, defaults: AdapterDefaults): Promise<void> {
    const { generator } = this.options;
    if (!generator.setAdapters) throw new MprError('invalid_argument', 'this model takes no adapters');
    await generator.setAdapters(adapters);
    this.useAdapterDefaults(defaults);
  }

  private useAdapterDefaults(defaults: AdapterDefaults): void {
    this.adapterDefaults = { ...defaults };
    this.paraphrase = defaults.paraphraseAdapter
      ? (text, options) => this.paraphraseWith(text, options ?? {})
      : undefined;
  }

  /** Another wording of `text` by the paraphrase adapter, through the same preamble guard (no edit-ratio limit). */
  private async paraphraseWith(text: string, options: ParaphraseOptions): Promise<ParaphraseResult> {
    if (options.signal?.aborted) throw new MprError('cancelled', 'request was cancelled');
    const { generator, generation = {} } = this.options;
    const chosen = chooseAdapter(generator, options.adapter, this.adapterDefaults.paraphraseAdapter);
    const input = text.trim();
    const prompt = generator.applyChatTemplate(this.paraphraseTemplate(input), true);
    const inputTokens = countTokensTraced(generator, input);
    const requested = options.generation?.maxNewTokens ?? generation.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
    const result = await generateTraced(
      generator,
      prompt,
      {
        ...samplingFor(generation, options.generation),
        maxNewTokens: Math.min(requested, outputTokenBound(inputTokens) * 2),
        stopStrings: [...(generation.stopStrings ?? []), ...(input.includes('\n') ? [] : ['\n'])],
        ...chosen,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      { 'mpr.agent': 'cleaner', 'mpr.task': 'paraphrase', 'mpr.adapter': chosen.adapter ?? '' },
    );
    const decision = guardOutput(text, result.text, { maxEditRatio: Number.POSITIVE_INFINITY });
    const common = { usage: result.usage, timings: engineTimings(result), adapter: chosen.adapter ?? '' };
    return decision.accepted
      ? { ...common, paraphrasedText: decision.text, guardFallback: false }
      : { ...common, paraphrasedText: text, guardFallback: true, guardReason: decision.reason };
  }

  async clean(text: string, options: CleanOptions = {}): Promise<LlmCleanResult> {
    if (options.signal?.aborted) throw new MprError('cancelled', 'request was cancelled');
    const { generator, generation = {} } = this.options;
    const adapter = chooseAdapter(generator, options.adapter, this.adapterDefaults.defaultAdapter);
    const input = text.trim();
    const prompt = generator.applyChatTemplate(this.template(input), true);
    const inputTokens = countTokensTraced(generator, input);
    // Ignored by the generator when the request samples: a draft only speeds up greedy decoding.
    const draft = generator.encodeAnswer?.(input);
    const requested = options.generation?.maxNewTokens ?? generation.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
    // One sentence in, one sentence out: a newline the input lacks ends the answer.
    const stopStrings = [...(generation.stopStrings ?? []), ...(input.includes('\n') ? [] : ['\n'])];
    const result = await generateTraced(
      generator,
      prompt,
      {
        ...samplingFor(generation, options.generation),
        maxNewTokens: Math.min(requested, outputTokenBound(inputTokens)),
        stopStrings,
        ...(draft ? { draft } : {}),
        ...adapter,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      { 'mpr.agent': 'cleaner', 'mpr.adapter': adapter.adapter ?? '' },
    );
    const usage = result.usage;
    const timings = engineTimings(result);
    const verified = {
      verifiedClean: draft !== undefined && reproducesDraft(result.tokenIds, result.finishReason, draft),
      ...(result.forwardPasses === undefined ? {} : { forwardPasses: result.forwardPasses }),
    };
    const guardAttributes = { 'mpr.output_chars': result.text.length, 'mpr.verified_clean': verified.verifiedClean };
    const decision = withSpan('cleaner.output_guard', guardAttributes, (span) => {
      const outcome = guardOutput(text, result.text, this.options.guard);
      span.setAttributes({
        'mpr.guard_fallback': !outcome.accepted,
        'mpr.guard_reason': outcome.accepted ? '' : outcome.reason,
        'mpr.guard_notes': outcome.notes.join(','),
        'mpr.edit_ratio': outcome.editRatio,
      });
      return outcome;
    });
    if (decision.accepted) {
      return {
        cleanedText: decision.text,
        edits: diffEdits(text, decision.text),
        usage,
        timings,
        guardFallback: false,
        ...verified,
      };
    }
    if (this.options.fallback === 'default') {
      const rules = await this.options.rules.clean(text, options.language ? { language: options.language } : {});
      return {
        cleanedText: rules.cleanedText,
        edits: rules.edits,
        usage,
        timings,
        guardFallback: true,
        guardReason: decision.reason,
        ...verified,
      };
    }
    return {
      cleanedText: text,
      edits: [],
      usage,
      timings,
      guardFallback: true,
      guardReason: decision.reason,
      ...verified,
    };
  }

  check(text: string, language?: string): Promise<CheckResult> {
    return this.options.rules.check(text, language);
  }

  async close(): Promise<void> {
    await this.options.generator.close();
    await this.options.rules.close?.();
  }
}

/** The output is the draft's text tokens and ended on a stop token (whichever: any ends the turn). */
function reproducesDraft(tokenIds: readonly number[], finishReason: string, draft: readonly number[]): boolean {
  return (
    finishReason === 'stop_token' && tokenIds.length === draft.length - 1 && tokenIds.every((id, i) => id === draft[i])
  );
}
