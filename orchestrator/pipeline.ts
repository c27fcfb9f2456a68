// What jw1 does for each request: validate, gate, route to the agents, merge. Protocol-free: the HTTP
// gateway and the gRPC service both call these functions and only translate in and out.
import { MprError, toMprError } from '../lib/errors.ts';
import { validateText } from '../lib/text-input.ts';
import { nameToEnum, SKIP_REASON_PREFIX } from '../lib/wire-names.ts';
import type { CleanRequest } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeRequest } from '../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse__Output } from '../proto/generated/mpr/v1/DescribeResponse.ts';
import type { EngineInfo__Output } from '../proto/generated/mpr/v1/EngineInfo.ts';
import type { ErrorInfo } from '../proto/generated/mpr/v1/ErrorInfo.ts';
import type { AgentClients } from './clients/agent-clients.ts';
import type { CallBudget } from './clients/unary-call.ts';
import { decideSkip, preCheckDecision, type SkipDecision, type SkipGateConfig } from './router/skip-gate.ts';

export type ProcessModeName = 'clean' | 'describe' | 'clean_then_describe';

export interface PipelineConfig {
  maxTextBytes: number;
  maxBatchItems: number;
  degradedMode: 'fail' | 'passthrough';
  skipGate: SkipGateConfig;
}

export interface ProcessInput {
  text: string;
  mode: ProcessModeName;
  describe: Omit<DescribeRequest, 'text'>;
  clean: Omit<CleanRequest, 'text'>;
}

export interface ProcessOutput {
  clean?: CleanResponse__Output;
  describe?: DescribeResponse__Output;
}

export type BatchItemResult = { ok: CleanResponse__Output } | { error: ErrorInfo };

export interface Pipeline {
  clean(request: CleanRequest, budget: CallBudget): Promise<CleanResponse__Output>;
  describe(request: DescribeRequest, budget: CallBudget): Promise<DescribeResponse__Output>;
  process(input: ProcessInput, budget: CallBudget): Promise<ProcessOutput>;
  cleanBatch(items: CleanRequest[], budget: CallBudget): Promise<BatchItemResult[]>;
}

const NO_ENGINE: EngineInfo__Output = { kind: '', id: '', version: '', executionProvider: '' };

function unchanged(text: string, started: number, extra: Partial<CleanResponse__Output>): CleanResponse__Output {
  return {
    cleanedText: text,
    edits: [],
    skipped: false,
    skipReason: 'SKIP_REASON_UNSPECIFIED',
    usage: { inputTokens: 0, outputTokens: 0 },
    timings: { totalMs: performance.now() - started, queueMs: 0, prefillMs: 0, timeToFirstTokenMs: 0, decodeTokensPerSecond: 0 },
    engine: NO_ENGINE,
    guardFallback: false,
    guardReason: '',
    degraded: false,
    failedSentences: [],
    ...extra,
  };
}

function skipped(text: string, started: number, decision: SkipDecision & { skip: true }, engine = NO_ENGINE): CleanResponse__Output {
  return unchanged(text, started, {
    skipped: true,
    skipReason: nameToEnum(decision.reason, SKIP_REASON_PREFIX) as CleanResponse__Output['skipReason'],
    engine,
  });
}

export function createPipeline(agents: AgentClients, config: PipelineConfig): Pipeline {
  const limits = { maxBytes: config.maxTextBytes };

  async function clean(request: CleanRequest, budget: CallBudget): Promise<CleanResponse__Output> {
    const text = validateText(request.text, limits);
    const started = performance.now();
    const early = preCheckDecision(text, config.skipGate);
    if (early?.skip) return skipped(text, started, early);
    try {
      const check = await agents.check({ text, language: request.language ?? '' }, budget);
      const decision = decideSkip(text, { check }, config.skipGate);
      if (decision.skip) return skipped(text, started, decision, check.engine ?? NO_ENGINE);
      const response = await agents.clean({ ...request, text }, budget);
      return { ...response, timings: { ...response.timings!, totalMs: performance.now() - started } };
    } catch (error) {
      const typed = toMprError(error);
      if (typed.code === 'unavailable' && config.degradedMode === 'passthrough') {
        return unchanged(text, started, { degraded: true });
      }
      throw typed;
    }
  }

  async function describe(request: DescribeRequest, budget: CallBudget): Promise<DescribeResponse__Output> {
    const text = validateText(request.text, limits);
    return agents.describe({ ...request, text }, budget);
  }

  async function process(input: ProcessInput, budget: CallBudget): Promise<ProcessOutput> {
    const output: ProcessOutput = {};
    let text = validateText(input.text, limits);
    if (input.mode !== 'describe') {
      output.clean = await clean({ ...input.clean, text }, budget);
      text = output.clean.cleanedText;
    }
    if (input.mode !== 'clean') output.describe = await describe({ ...input.describe, text }, budget);
    return output;
  }

  async function cleanBatch(items: CleanRequest[], budget: CallBudget): Promise<BatchItemResult[]> {
    if (items.length === 0) throw new MprError('invalid_argument', 'items must hold at least one text');
    if (items.length > config.maxBatchItems) {
      throw new MprError('batch_too_large', `batch has ${items.length} items; the limit is ${config.maxBatchItems}`);
    }
    const settled = await Promise.allSettled(items.map((item) => clean(item, budget)));
    return settled.map((outcome) =>
      outcome.status === 'fulfilled' ? { ok: outcome.value } : { error: toMprError(outcome.reason).toJSON() },
    );
  }

  return { clean, describe, process, cleanBatch };
}
