// What both LLM engines do around a TextGenerator call: merge the model's generation defaults with the
// request's settings, run the generation inside a traced span (with prefill and decode child spans
// placed at the times the generator measured), and turn cancellation into the typed error.
import { context } from '@opentelemetry/api';
import { MprError } from '../../lib/errors.ts';
import { tracerFor, withSpan, type Attributes } from '../../lib/telemetry/index.ts';
import type {
  GenerateOptions,
  GenerationDefaults,
  GenerationResult,
  SamplingOptions,
  TextGenerator,
} from '../../models/index.ts';
import type { EngineTimings, GenerationSettings } from './engine-types.ts';

/**
 * The adapter a request runs with: the one it names (which the generator must hold: unknown_adapter
 * otherwise, never the base model silently), else the agent's default, else none (the base model).
 */
export function chooseAdapter(
  generator: TextGenerator,
  requested: string | undefined,
  fallback: string | undefined,
): { adapter?: string } {
  const name = requested || fallback;
  if (!name) return {};
  if (!generator.hasAdapter?.(name)) {
    throw new MprError('unknown_adapter', `unknown adapter "${name}"; this agent serves no adapter of that name`);
  }
  return { adapter: name };
}

/** The request wins over the manifest's defaults, field by field; greedy when neither says otherwise. */
export function samplingFor(defaults: GenerationDefaults, request: GenerationSettings | undefined): SamplingOptions {
  const sampling: SamplingOptions = {};
  for (const key of ['temperature', 'topK', 'topP', 'seed'] as const) {
    const value = request?.[key] ?? defaults[key];
    if (value !== undefined) sampling[key] = value;
  }
  return sampling;
}

export function engineTimings(result: GenerationResult): EngineTimings {
  const { prefillMs, timeToFirstTokenMs, decodeTokensPerSecond } = result.timings;
  return { prefillMs, timeToFirstTokenMs, decodeTokensPerSecond };
}

/** Counts the tokens of a text under a `model.tokenize` span. */
export function countTokensTraced(generator: TextGenerator, text: string): number {
  return withSpan('model.tokenize', { 'mpr.model.id': generator.modelId, 'mpr.input_chars': text.length }, (span) => {
    const tokens = generator.countTokens(text);
    span.setAttribute('mpr.tokens.input', tokens);
    return tokens;
  });
}

/** generator.stream with each piece handed to `onPiece` as it is decoded; resolves with the result. */
async function streamPieces(
  generator: TextGenerator,
  prompt: string,
  options: GenerateOptions,
  onPiece: (piece: string) => void,
): Promise<GenerationResult> {
  const { pieces, result } = generator.stream(prompt, options);
  for await (const piece of pieces) onPiece(piece);
  return result;
}

/**
 * generator.generate under a `model.generate` span (generator.stream when `onPiece` is given). The
 * generator batches requests in its own loop, so the prefill and decode phases are recorded afterwards as
 * child spans at the times it measured.
 */
export function generateTraced(
  generator: TextGenerator,
  prompt: string,
  options: GenerateOptions,
  attributes: Attributes = {},
  onPiece?: (piece: string) => void,
): Promise<GenerationResult> {
  const spanAttributes = {
    'mpr.model.id': generator.modelId,
    'mpr.max_new_tokens': options.maxNewTokens,
    'mpr.temperature': options.temperature ?? 0,
    ...attributes,
  };
  return withSpan('model.generate', spanAttributes, async (span) => {
    const startedAt = Date.now();
    const result = onPiece
      ? await streamPieces(generator, prompt, options, onPiece)
      : await generator.generate(prompt, options);
    const { timings, usage } = result;
    const parent = context.active();
    const tracer = tracerFor();
    const prefillStart = startedAt + timings.queueMs;
    tracer
      .startSpan(
        'model.prefill',
        { startTime: prefillStart, attributes: { 'mpr.tokens.input': usage.inputTokens } },
        parent,
      )
      .end(prefillStart + timings.prefillMs);
    if (usage.outputTokens > 0) {
      tracer
        .startSpan(
          'model.decode',
          {
            startTime: startedAt + timings.timeToFirstTokenMs,
            attributes: {
              'mpr.tokens.output': usage.outputTokens,
              'mpr.decode_tokens_per_second': timings.decodeTokensPerSecond,
              'mpr.finish_reason': result.finishReason,
            },
          },
          parent,
        )
        .end(startedAt + timings.totalMs);
    }
    span.setAttributes({
      'mpr.tokens.input': usage.inputTokens,
      'mpr.tokens.output': usage.outputTokens,
      'mpr.finish_reason': result.finishReason,
      'mpr.time_to_first_token_ms': timings.timeToFirstTokenMs,
      'mpr.decode_tokens_per_second': timings.decodeTokensPerSecond,
    });
    if (result.finishReason === 'cancelled') throw new MprError('cancelled', 'request was cancelled while decoding');
    return result;
  });
}
