// What jw1 does for each request: validate, gate, route to the agents, merge. Protocol-free: the HTTP
// gateway and the gRPC service both call these functions and only translate in and out.
import { mapSettledBounded } from '../lib/concurrency.ts';
import { MprError, toMprError } from '../lib/errors.ts';
import { withSpan } from '../lib/telemetry/index.ts';
import { validateText } from '../lib/text-input.ts';
import type { CleanRequest } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeRequest } from '../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse__Output } from '../proto/generated/mpr/v1/DescribeResponse.ts';
import type { ParaphraseRequest } from '../proto/generated/mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse__Output } from '../proto/generated/mpr/v1/ParaphraseResponse.ts';
import type { CallBudget } from './clients/call-budget.ts';
import { elapsedSince, unchangedResponse } from './clean-response.ts';
import type {
  BatchItemResult,
  Pipeline,
  PipelineConfig,
  PipelineDeps,
  ProcessInput,
  ProcessOutput,
  SentenceListener,
} from './pipeline-types.ts';
import { mergeSentences, splitSentences, type SentenceOutcome, type SentenceSpan } from './sentences/index.ts';
import { createSentenceCleaner } from './sentence-cleaner.ts';

export type {
  BatchItemResult,
  Pipeline,
  PipelineConfig,
  PipelineDeps,
  PipelineObserver,
  ProcessInput,
  ProcessModeName,
  ProcessOutput,
  SentenceListener,
} from './pipeline-types.ts';

export function createPipeline(deps: PipelineDeps, config: PipelineConfig): Pipeline {
  const { agents, guards } = deps;
  const limits = { maxBytes: config.maxTextBytes };
  const cleanSentence = createSentenceCleaner(deps, config);

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
