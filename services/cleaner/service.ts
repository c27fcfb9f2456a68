// jw2's gRPC handlers: validate, run the engine with the caller's cancellation, shape the response.
import { validateText } from '../../lib/text-input.ts';
import { unary } from '../../lib/grpc/index.ts';
import type { ModelMetrics } from '../../lib/metrics/index.ts';
import { withSpan } from '../../lib/telemetry/index.ts';
import type { CleanRequest__Output } from '../../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import type { CheckRequest__Output } from '../../proto/generated/mpr/v1/CheckRequest.ts';
import type { CheckResponse } from '../../proto/generated/mpr/v1/CheckResponse.ts';
import type { CleanerServiceHandlers } from '../../proto/generated/mpr/v1/CleanerService.ts';
import type { ParaphraseRequest__Output } from '../../proto/generated/mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse } from '../../proto/generated/mpr/v1/ParaphraseResponse.ts';
import { MprError } from '../../lib/errors.ts';
import { SKIP_REASON_PREFIX, nameToEnum } from '../../lib/wire-names.ts';
import { fromWireGeneration, toWireEdit, toWireEngine, toWireFlag, toWireTimings } from '../shared/wire.ts';
import { checkVerdict } from './check-verdict.ts';
import type { CheckResult, CleanerEngine } from './engine.ts';

export interface CleanerServiceOptions {
  maxTextBytes: number;
  metrics?: ModelMetrics;
}

type SkipReasonEnum = NonNullable<CleanResponse['skipReason']>;

/** A named adapter the engine does not serve is refused, never answered by the base model. */
function requireAdapter(engine: CleanerEngine, adapter: string): void {
  if (adapter && !engine.hasAdapter?.(adapter)) {
    throw new MprError('unknown_adapter', `unknown adapter "${adapter}": the cleaner serves no adapter of that name`);
  }
}

export function createCleanerHandlers(engine: CleanerEngine, options: CleanerServiceOptions): CleanerServiceHandlers {
  const limits = { maxBytes: options.maxTextBytes };
  const check = (text: string, language: string): Promise<CheckResult> =>
    withSpan(
      'cleaner.engine.check',
      { 'mpr.engine.id': engine.info.id, 'mpr.input_chars': text.length },
      async (span) => {
        const checked = await engine.check(text, language || undefined);
        span.setAttributes({
          'mpr.language': checked.language,
          'mpr.needs_cleaning': checked.needsCleaning,
          'mpr.issues': checked.issues.length,
        });
        return checked;
      },
    );

  return {
    Clean: unary<CleanRequest__Output, CleanResponse>(async (request, context) => {
      const text = validateText(request.text, limits);
      requireAdapter(engine, request.adapter);
      const started = performance.now();
      const checked = request.checkFirst ? checkVerdict(await check(text, request.language)) : null;
      const verdict = request.checkLanguageOnly && checked === 'already_clean' ? null : checked;
      if (verdict) {
        return {
          cleanedText: text,
          edits: [],
          skipped: true,
          skipReason: nameToEnum(verdict, SKIP_REASON_PREFIX) as SkipReasonEnum,
          usage: { inputTokens: 0, outputTokens: 0 },
          timings: toWireTimings(performance.now() - started),
          engine: toWireEngine(engine.info),
        };
      }
      const engineAttributes = {
        'mpr.engine.kind': engine.info.kind,
        'mpr.engine.id': engine.info.id,
        'mpr.input_chars': text.length,
      };
      const result = await withSpan('cleaner.engine.clean', engineAttributes, async (span) => {
        const cleaned = await engine.clean(text, {
          ...(request.language ? { language: request.language } : {}),
          ...(request.generation ? { generation: fromWireGeneration(request.generation)! } : {}),
          ...(request.adapter ? { adapter: request.adapter } : {}),
          signal: context.signal,
        });
        span.setAttributes({
          'mpr.edits': cleaned.edits.length,
          'mpr.tokens.input': cleaned.usage.inputTokens,
          'mpr.tokens.output': cleaned.usage.outputTokens,
          'mpr.guard_fallback': cleaned.guardFallback ?? false,
          'mpr.verified_clean': cleaned.verifiedClean ?? false,
        });
        return cleaned;
      });
      options.metrics?.generation({
        model: engine.info.id,
        ...result.usage,
        timeToFirstTokenMs: result.timings?.timeToFirstTokenMs ?? 0,
        decodeTokensPerSecond: result.timings?.decodeTokensPerSecond ?? 0,
      });
      return {
        cleanedText: result.cleanedText,
        edits: result.edits.map(toWireEdit),
        flags: (result.flags ?? []).map(toWireFlag),
        skipped: false,
        usage: result.usage,
        timings: toWireTimings(performance.now() - started, result.timings),
        engine: toWireEngine(engine.info),
        guardFallback: result.guardFallback ?? false,
        guardReason: result.guardReason ?? '',
        verifiedClean: result.verifiedClean ?? false,
      };
    }),
    Paraphrase: unary<ParaphraseRequest__Output, ParaphraseResponse>(async (request, context) => {
      const text = validateText(request.text, limits);
      const paraphrase = engine.paraphrase?.bind(engine);
      if (!paraphrase) {
        throw new MprError(
          'paraphrase_unavailable',
          'no paraphrase model is configured: give the cleaner a model directory (MPR_CLEANER_MODEL) whose entry in ' +
            'models/registry.yaml names a base, lists a paraphrase adapter and sets paraphraseAdapter to it',
        );
      }
      requireAdapter(engine, request.adapter);
      const started = performance.now();
      const attributes = { 'mpr.engine.id': engine.info.id, 'mpr.input_chars': text.length };
      const result = await withSpan('cleaner.engine.paraphrase', attributes, async (span) => {
        const paraphrased = await paraphrase(text, {
          ...(request.language ? { language: request.language } : {}),
          ...(request.generation ? { generation: fromWireGeneration(request.generation)! } : {}),
          ...(request.adapter ? { adapter: request.adapter } : {}),
          signal: context.signal,
        });
        span.setAttributes({
          'mpr.adapter': paraphrased.adapter,
          'mpr.tokens.output': paraphrased.usage.outputTokens,
          'mpr.guard_fallback': paraphrased.guardFallback ?? false,
        });
        return paraphrased;
      });
      options.metrics?.generation({
        model: engine.info.id,
        ...result.usage,
        timeToFirstTokenMs: result.timings?.timeToFirstTokenMs ?? 0,
        decodeTokensPerSecond: result.timings?.decodeTokensPerSecond ?? 0,
      });
      return {
        paraphrasedText: result.paraphrasedText,
        usage: result.usage,
        timings: toWireTimings(performance.now() - started, result.timings),
        engine: toWireEngine(engine.info),
        guardFallback: result.guardFallback ?? false,
        guardReason: result.guardReason ?? '',
        adapter: result.adapter,
      };
    }),
    Check: unary<CheckRequest__Output, CheckResponse>(async (request) => {
      const text = validateText(request.text, { ...limits, allowEmpty: true });
      requireAdapter(engine, request.adapter);
      const result = await check(text, request.language);
      const verdict = checkVerdict(result);
      return {
        language: result.language,
        languageSupported: result.languageSupported,
        needsCleaning: result.needsCleaning,
        issues: result.issues.map(toWireEdit),
        engine: toWireEngine(engine.info),
        verdict: (verdict ? nameToEnum(verdict, SKIP_REASON_PREFIX) : 'SKIP_REASON_UNSPECIFIED') as SkipReasonEnum,
      };
    }),
  };
}
