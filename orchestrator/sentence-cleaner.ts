// One sentence's cleaning: the skip gate (the result cache is one of its stages) decides whether jw2 is
// called at all, an adapter is vouched for before anything answers without the model, and jw2's answer
// is cached under the identity of the engine that made it.
import { withSpan } from '../lib/telemetry/index.ts';
import { enumToName, nameToEnum, SKIP_REASON_PREFIX } from '../lib/wire-names.ts';
import type { CleanRequest } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { EngineInfo__Output } from '../proto/generated/mpr/v1/EngineInfo.ts';
import { createAdapterVouchers } from './adapter-vouchers.ts';
import { cacheKey } from './cache.ts';
import { elapsedSince, noModelCost, unchangedResponse } from './clean-response.ts';
import type { CallBudget } from './clients/call-budget.ts';
import { decisionRecorder, openSkipGate, type AgentVerdict, type SkipDecision } from './gate/index.ts';
import type { PipelineConfig, PipelineDeps } from './pipeline-types.ts';

export type SentenceCleaner = (
  sentence: string,
  request: CleanRequest,
  budget: CallBudget,
) => Promise<CleanResponse__Output>;

function skippedFields(decision: SkipDecision & { skip: true }): Partial<CleanResponse__Output> {
  return {
    skipped: true,
    skipReason: nameToEnum(decision.reason, SKIP_REASON_PREFIX) as CleanResponse__Output['skipReason'],
  };
}

function skipped(text: string, started: number, decision: SkipDecision & { skip: true }): CleanResponse__Output {
  return unchangedResponse(text, elapsedSince(started), skippedFields(decision));
}

export function createSentenceCleaner(deps: PipelineDeps, config: PipelineConfig): SentenceCleaner {
  const { agents, guards, cache, observer } = deps;
  // Identity of the engine jw2 serves, learnt from its answers: part of every cache key, so a model
  // rollout never serves the previous model's results.
  let cleanerIdentity = '';

  const recordDecision = decisionRecorder(observer);
  const vouchers = createAdapterVouchers(config.adapterVouchTtlMs);
  /** Resolves when jw2 holds the adapter (asked with a Check, no model), or rejects with its refusal. */
  const requireServedAdapter = (adapter: string, request: CleanRequest, budget: CallBudget): Promise<void> =>
    vouchers.vouch(adapter, () => agents.check({ text: '', language: request.language ?? '', adapter }, budget));

  // What besides the text and the engine changes a cleaning: part of the cache key.
  // (An adapter is another model: part of the key too.)
  const answerOptions = (request: CleanRequest) => ({
    language: request.language,
    generation: request.generation,
    adapter: request.adapter ?? '',
  });
  const identityOf = (engine: EngineInfo__Output | null | undefined) =>
    engine?.id ? `${engine.id}@${engine.version}` : '';

  /** The cached answer for this sentence from jw2's current engine, if the cache holds one. */
  function lookUpCached(sentence: string, request: CleanRequest): CleanResponse__Output | undefined {
    // Until jw2 has answered once, its engine identity is unknown and nothing can be looked up.
    if (!cache || !cleanerIdentity) return undefined;
    const key = cacheKey(sentence, 'clean', cleanerIdentity, answerOptions(request));
    return withSpan('cache_lookup', {}, (span) => {
      const hit = cache.get(key);
      observer?.cacheLookup?.(hit ? 'hit' : 'miss');
      span.setAttribute('mpr.cache.result', hit ? 'hit' : 'miss');
      return hit;
    });
  }

  function cleanSentence(sentence: string, request: CleanRequest, budget: CallBudget): Promise<CleanResponse__Output> {
    return withSpan('clean_sentence', { 'mpr.input_chars': sentence.length }, async () => {
      const started = performance.now();
      const gate = openSkipGate(sentence, config.skipGate, recordDecision);
      // The gate's stages up to the cache answer without calling jw2, if one of them skips.
      let cached: CleanResponse__Output | undefined;
      const cacheHit = () => {
        cached = lookUpCached(sentence, request);
        return cached !== undefined;
      };
      const early = withSpan('skip_gate', {}, () => gate.advance({ cacheHit }));
      // An answer without the model is only right for an adapter jw2 holds: an unknown one is a typed
      // error, never a skip (the decision stands once jw2 vouches for the name).
      if (early?.skip && request.adapter) await requireServedAdapter(request.adapter, request, budget);
      // The cleaning is the cached one; the cost is this request's: no model tokens, no model time.
      if (early?.reason === 'cache_hit' && cached)
        return { ...cached, ...skippedFields(early), ...noModelCost(elapsedSince(started)) };
      if (early?.skip) return skipped(sentence, started, early);
      // The gate's last stages read jw2's cheap checker, which runs inside the same call (check_first):
      // one round trip per sentence, and the model runs only when the checker's verdict says so. The
      // span's time before its gRPC child starts is the wait in the agent's limiter queue.
      // With the checker's stage off, jw2 still skips a language it does not handle; "already clean" is
      // then the model's call (verifiedClean).
      const checkLanguageOnly = !config.skipGate.cheapChecker;
      const response = await withSpan('agent_call', { 'mpr.agent': 'cleaner' }, async () => {
        const call = guards.cleaner.schedule(budget.deadline, () =>
          agents.clean({ ...request, text: sentence, checkFirst: true, checkLanguageOnly }, budget),
        );
        const answer = await (request.adapter ? vouchers.observe(request.adapter, call) : call);
        gate.finish({
          verdict: () => (answer.skipped ? (enumToName(answer.skipReason, SKIP_REASON_PREFIX) as AgentVerdict) : null),
        });
        // What the model made of a text the gate sent on: the gate's misses, counted, not guessed.
        if (!answer.skipped)
          observer?.modelVerdict?.(answer.verifiedClean ? 'verified_clean' : 'changed_or_unverified');
        return answer;
      });
      // Stored under the identity of the engine that answered (during a rollout it may not be the one the
      // lookup assumed), so an entry always names the model that made it.
      const answeredBy = identityOf(response.engine);
      if (answeredBy) cleanerIdentity = answeredBy;
      if (cache && answeredBy && !response.skipped && !response.guardFallback)
        cache.set(cacheKey(sentence, 'clean', answeredBy, answerOptions(request)), response);
      return response;
    });
  }

  return cleanSentence;
}
