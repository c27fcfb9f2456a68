// The pipeline's contract: what it is given (agents, guards, cache, observer, settings), what it takes and
// what it answers. The HTTP gateway and the gRPC service program against `Pipeline` alone.
import type { CleanRequest } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeRequest } from '../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse__Output } from '../proto/generated/mpr/v1/DescribeResponse.ts';
import type { ErrorInfo } from '../proto/generated/mpr/v1/ErrorInfo.ts';
import type { ParaphraseRequest } from '../proto/generated/mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse__Output } from '../proto/generated/mpr/v1/ParaphraseResponse.ts';
import type { ResultCache } from './cache.ts';
import type { AgentClients } from './clients/agent-clients.ts';
import type { CallBudget } from './clients/call-budget.ts';
import type { AgentGuard } from './clients/guard.ts';
import type { SkipGateConfig, SkipGateObserver } from './gate/index.ts';
import type { SentenceOutcome } from './sentences/index.ts';

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
