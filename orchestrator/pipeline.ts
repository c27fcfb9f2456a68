// What jw1 does for each request: validate, gate, route to the agents, merge. Protocol-free: the HTTP
// gateway and the gRPC service both call these functions and only translate in and out.
import { MprError, toMprError } from '../lib/errors.ts';
import { withSpan } from '../lib/telemetry/index.ts';
import { validateText } from '../lib/text-input.ts';
import { enumToName, nameToEnum, SKIP_REASON_PREFIX } from '../lib/wire-names.ts';
import type { CleanRequest } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeRequest } from '../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse__Output } from '../proto/generated/mpr/v1/DescribeResponse.ts';
import type { EngineInfo__Output } from '../proto/generated/mpr/v1/EngineInfo.ts';
import type { ErrorInfo } from '../proto/generated/mpr/v1/ErrorInfo.ts';
import type { ParaphraseRequest } from '../proto/generated/mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse__Output } from '../proto/generated/mpr/v1/ParaphraseResponse.ts';
import type { AgentClients } from './clients/agent-clients.ts';
import type { CallBudget } from './clients/call-budget.ts';
import { mapSettledBounded } from '../lib/concurrency.ts';
import { cacheKey, type ResultCache } from './cache.ts';
import { noModelCost, unchangedResponse } from './clean-response.ts';
import type { AgentGuard } from './clients/guard.ts';
import { createAdapterVouchers } from './adapter-vouchers.ts';
import { mergeSentences, splitSentences, type SentenceOutcome, type SentenceSpan } from './sentences/index.ts';
import {
  decisionRecorder,
  openSkipGate,
  type AgentVerdict,
  type SkipDecision,
  type SkipGateConfig,
  type SkipGateObserver,
} from './gate/index.ts';

export type ProcessModeName = 'clean' | 'describe' | 'clean_then_describe' | 'paraphrase';

export interface PipelineConfig {
  maxTextBytes: number;
  maxBatchItems: number;
  degradedMode: 'fail' | 'passthrough';
  skipGate: SkipGateConfig;
  sentenceParallelism: number;
  batchParallelism: number;
  /** How long jw2's serving of an adapter lets jw1 answer requests naming it without the model (0: never). */
  adapterVouchTtlMs: number;
}

/** Where the pipeline reports its decisions (metrics, traces); every method is optional. */
export interface PipelineObserver extends SkipGateObserver {
  cacheLookup?(result: 'hit' | 'miss'): void;
  modelVerdict?(verdict: 'verified_clean' | 'changed_or_unverified'): void;
}

export interface PipelineDeps {
  agents: AgentClients;
  guards: { cleaner: AgentGuard; describer: AgentGuard };
  cache?: ResultCache;
  observer?: PipelineObserver;
}

export interface ProcessInput {
  text: string;
  mode: ProcessModeName;
  describe: Omit<DescribeRequest, 'text'>;
  clean: Omit<CleanRequest, 'text'>;
  /** Mode paraphrase; defaults to the clean fields (language, generation) and the paraphrase adapter. */
  paraphrase?: Omit<ParaphraseRequest, 'text'>;
}

export interface ProcessOutput {
  clean?: CleanResponse__Output;
  describe?: DescribeResponse__Output;
  paraphrase?: ParaphraseResponse__Output;
}

export type BatchItemResult = { ok: CleanResponse__Output } | { error: ErrorInfo };

/**
 * Streaming callers: one sentence's outcome as soon as it is known, in the order sentences finish; `index`
 * is its place among the text's `count` sentences.
 */
export type SentenceListener = (outcome: SentenceOutcome, index: number, count: number) => void;

export interface Pipeline {
  /** With `onSentence`, each sentence is reported as it finishes; the result is the same either way. */
  clean(request: CleanRequest, budget: CallBudget, onSentence?: SentenceListener): Promise<CleanResponse__Output>;
  /** With `onJsonDelta`, the document's JSON text is reported as jw3 generates it (DescribeStream). */
  describe(
    request: DescribeRequest,
    budget: CallBudget,
    onJsonDelta?: (piece: string) => void,
  ): Promise<DescribeResponse__Output>;
  process(input: ProcessInput, budget: CallBudget): Promise<ProcessOutput>;
  paraphrase(request: ParaphraseRequest, budget: CallBudget): Promise<ParaphraseResponse__Output>;
  cleanBatch(items: CleanRequest[], budget: CallBudget): Promise<BatchItemResult[]>;
}

const elapsedSince = (started: number) => performance.now() - started;

function skippedFields(decision: SkipDecision & { skip: true }): Partial<CleanResponse__Output> {
  return {
    skipped: true,
    skipReason: nameToEnum(decision.reason, SKIP_REASON_PREFIX) as CleanResponse__Output['skipReason'],
  };
}

function skipped(text: string, started: number, decision: SkipDecision & { skip: true }): CleanResponse__Output {
  return unchangedResponse(text, elapsedSince(started), skippedFields(decision));
}

export function createPipeline(deps: PipelineDeps, config: PipelineConfig): Pipeline {
  const { agents, guards, cache, observer } = deps;
  const limits = { maxBytes: config.maxTextBytes };
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

  async function clean(
    request: CleanRequest,
    budget: CallBudget,
    onSentence?: SentenceListener,
  ): Promise<CleanResponse__Output> {
    const text = validateText(request.text, limits);
    const started = performance.now();
    const sentences = withSpan('split_sentences', { 'mpr.input_chars': text.length }, (span) => {
      const spans = splitSentences(text);
      span.setAttribute('mpr.sentences', spans.length);
      return spans;
    });
    const cleanOne = (span: SentenceSpan) => cleanSentence(span.text, request, budget);
    const cleanReported = async (span: SentenceSpan, index: number) => {
      try {
        const response = await cleanOne(span);
        onSentence?.({ span, response }, index, sentences.length);
        return response;
      } catch (error) {
        onSentence?.({ span, error }, index, sentences.length);
        throw error;
      }
    };
    const settled = await mapSettledBounded(
      sentences,
      config.sentenceParallelism,
      onSentence ? cleanReported : cleanOne,
    );
    const failures = settled
      .filter((outcome) => outcome.status === 'rejected')
      .map((outcome) => toMprError(outcome.reason));
    // An adapter jw2 does not hold is the request's fault, not one sentence's: the whole text is refused.
    const unknownAdapter = failures.find((failure) => failure.code === 'unknown_adapter');
    if (unknownAdapter) throw unknownAdapter;
    // When nothing at all could be cleaned, the caller gets the error (or the degraded answer), not a
    // response that silently equals its input. (validateText refuses a blank text, so there is always a
    // sentence.)
    if (failures.length > 0 && failures.length === settled.length) {
      const first = failures[0]!;
      if (first.code === 'unavailable' && config.degradedMode === 'passthrough')
        return unchangedResponse(text, elapsedSince(started), { degraded: true });
      throw first;
    }
    const outcomes: SentenceOutcome[] = settled.map((outcome, index) =>
      outcome.status === 'fulfilled'
        ? { span: sentences[index]!, response: outcome.value }
        : { span: sentences[index]!, error: outcome.reason },
    );
    return mergeSentences(text, outcomes, performance.now() - started);
  }

  async function describe(
    request: DescribeRequest,
    budget: CallBudget,
    onJsonDelta?: (piece: string) => void,
  ): Promise<DescribeResponse__Output> {
    const text = validateText(request.text, limits);
    return withSpan('agent_call', { 'mpr.agent': 'describer' }, () =>
      guards.describer.schedule(budget.deadline, () =>
        onJsonDelta
          ? agents.describeStream({ ...request, text }, budget, onJsonDelta)
          : agents.describe({ ...request, text }, budget),
      ),
    );
  }

  async function paraphrase(request: ParaphraseRequest, budget: CallBudget): Promise<ParaphraseResponse__Output> {
    const text = validateText(request.text, limits);
    return withSpan('agent_call', { 'mpr.agent': 'cleaner', 'mpr.task': 'paraphrase' }, () =>
      guards.cleaner.schedule(budget.deadline, () => agents.paraphrase({ ...request, text }, budget)),
    );
  }

  const tracedClean: Pipeline['clean'] = (request, budget, onSentence) =>
    withSpan('pipeline.clean', {}, () => clean(request, budget, onSentence));
  const tracedDescribe: Pipeline['describe'] = (request, budget, onJsonDelta) =>
    withSpan('pipeline.describe', {}, () => describe(request, budget, onJsonDelta));
  const tracedProcess: Pipeline['process'] = (input, budget) =>
    withSpan('pipeline.process', { 'mpr.mode': input.mode }, () => process(input, budget));
  const tracedParaphrase: Pipeline['paraphrase'] = (request, budget) =>
    withSpan('pipeline.paraphrase', {}, () => paraphrase(request, budget));
  const tracedCleanBatch: Pipeline['cleanBatch'] = (items, budget) =>
    withSpan('pipeline.clean_batch', { 'mpr.items': items.length }, () => cleanBatch(items, budget));

  async function process(input: ProcessInput, budget: CallBudget): Promise<ProcessOutput> {
    const output: ProcessOutput = {};
    let text = validateText(input.text, limits);
    if (input.mode === 'paraphrase') {
      const { language, generation, requestId } = input.clean;
      output.paraphrase = await tracedParaphrase(
        { language, generation, requestId, ...input.paraphrase, text } as ParaphraseRequest,
        budget,
      );
      return output;
    }
    if (input.mode !== 'describe') {
      output.clean = await tracedClean({ ...input.clean, text }, budget);
      text = output.clean.cleanedText;
    }
    if (input.mode !== 'clean') output.describe = await tracedDescribe({ ...input.describe, text }, budget);
    return output;
  }

  async function cleanBatch(items: CleanRequest[], budget: CallBudget): Promise<BatchItemResult[]> {
    if (items.length === 0) throw new MprError('invalid_argument', 'items must hold at least one text');
    if (items.length > config.maxBatchItems) {
      throw new MprError('batch_too_large', `batch has ${items.length} items; the limit is ${config.maxBatchItems}`);
    }
    const settled = await mapSettledBounded(items, config.batchParallelism, (item) => tracedClean(item, budget));
    return settled.map((outcome) =>
      outcome.status === 'fulfilled' ? { ok: outcome.value } : { error: toMprError(outcome.reason).toJSON() },
    );
  }

  return {
    clean: tracedClean,
    describe: tracedDescribe,
    process: tracedProcess,
    paraphrase: tracedParaphrase,
    cleanBatch: tracedCleanBatch,
  };
}
