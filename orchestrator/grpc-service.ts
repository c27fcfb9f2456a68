// jw1's own gRPC service: the same pipeline as the HTTP gateway, with the caller's gRPC deadline and
// cancellation carried to every agent call. The streaming methods are in grpc-stream.ts.
import { unary, type CallContext } from '../lib/grpc/index.ts';
import { enumToName, PROCESS_MODE_PREFIX } from '../lib/wire-names.ts';
import type { OrchestratorHandlers } from '../proto/generated/mpr/v1/Orchestrator.ts';
import type { CleanRequest__Output } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeRequest__Output } from '../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse } from '../proto/generated/mpr/v1/DescribeResponse.ts';
import type { ProcessRequest__Output } from '../proto/generated/mpr/v1/ProcessRequest.ts';
import type { ProcessResponse } from '../proto/generated/mpr/v1/ProcessResponse.ts';
import type { CleanBatchRequest__Output } from '../proto/generated/mpr/v1/CleanBatchRequest.ts';
import type { CleanBatchResponse } from '../proto/generated/mpr/v1/CleanBatchResponse.ts';
import type { ParaphraseRequest__Output } from '../proto/generated/mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse } from '../proto/generated/mpr/v1/ParaphraseResponse.ts';
import type { StreamMetrics } from '../lib/metrics/index.ts';
import type { ClientRateLimiter } from './client-rate-limiter.ts';
import { admitCaller, budgetOf } from './grpc-call.ts';
import { createStreamHandlers } from './grpc-stream.ts';
import type { Pipeline, ProcessModeName } from './pipeline.ts';

function modeOf(request: ProcessRequest__Output): ProcessModeName {
  const name = enumToName(request.mode, PROCESS_MODE_PREFIX);
  return name === 'clean' || name === 'describe' || name === 'paraphrase' ? name : 'clean_then_describe';
}

/**
 * Wraps a handler so that it first passes the caller's rate limit, charged `costOf(request)` requests (a
 * batch: one per item).
 */
function limited<Req, Res>(
  limiter: ClientRateLimiter | undefined,
  handler: (request: Req, context: CallContext) => Promise<Res>,
  costOf: (request: Req) => number = () => 1,
) {
  if (!limiter) return handler;
  return async (request: Req, context: CallContext) => {
    await admitCaller(limiter, context, costOf(request));
    return handler(request, context);
  };
}

export function createOrchestratorHandlers(
  pipeline: Pipeline,
  requestTimeoutMs: number,
  rateLimiter?: ClientRateLimiter,
  streamMetrics?: StreamMetrics,
): OrchestratorHandlers {
  return {
    ...createStreamHandlers(pipeline, requestTimeoutMs, rateLimiter, streamMetrics),
    Clean: unary<CleanRequest__Output, CleanResponse>(
      limited(rateLimiter, (request, context) => pipeline.clean(request, budgetOf(context, requestTimeoutMs))),
    ),
    Describe: unary<DescribeRequest__Output, DescribeResponse>(
      limited(rateLimiter, (request, context) => pipeline.describe(request, budgetOf(context, requestTimeoutMs))),
    ),
    Process: unary<ProcessRequest__Output, ProcessResponse>(
      limited(rateLimiter, async (request: ProcessRequest__Output, context: CallContext) => {
        const adapters = request.adapters;
        const output = await pipeline.process(
          {
            text: request.text,
            mode: modeOf(request),
            clean: {
              language: request.language,
              requestId: request.requestId,
              generation: request.generation,
              adapter: adapters?.clean ?? '',
            },
            describe: {
              task: request.task,
              schemaJson: request.schemaJson,
              instructions: request.instructions,
              requestId: request.requestId,
              generation: request.generation,
              adapter: adapters?.describe ?? '',
            },
            paraphrase: { adapter: adapters?.paraphrase ?? '' },
          },
          budgetOf(context, requestTimeoutMs),
        );
        return { requestId: request.requestId, ...output };
      }),
    ),
    Paraphrase: unary<ParaphraseRequest__Output, ParaphraseResponse>(
      limited(rateLimiter, (request, context) => pipeline.paraphrase(request, budgetOf(context, requestTimeoutMs))),
    ),
    CleanBatch: unary<CleanBatchRequest__Output, CleanBatchResponse>(
      limited(
        rateLimiter,
        async (request: CleanBatchRequest__Output, context: CallContext) => ({
          items: await pipeline.cleanBatch(request.items, budgetOf(context, requestTimeoutMs)),
        }),
        (request) => request.items.length,
      ),
    ),
  };
}
