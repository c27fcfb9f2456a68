// jw1's own gRPC service: the same pipeline as the HTTP gateway, with the caller's gRPC deadline and
// cancellation carried to every agent call. Every call passes the access gate first (grpc-call.ts). The
// streaming methods are in grpc-stream.ts.
import { unary } from '../lib/grpc/index.ts';
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
import { admitCall, budgetOf, type CallGuard, checkDescribeCall, checkNamedAdapters } from './grpc-call.ts';
import { createStreamHandlers } from './grpc-stream.ts';
import type { Pipeline, ProcessModeName } from './pipeline.ts';

function modeOf(request: ProcessRequest__Output): ProcessModeName {
  const name = enumToName(request.mode, PROCESS_MODE_PREFIX);
  return name === 'clean' || name === 'describe' || name === 'paraphrase' ? name : 'clean_then_describe';
}

export function createOrchestratorHandlers(
  pipeline: Pipeline,
  requestTimeoutMs: number,
  guard: CallGuard,
  streamMetrics?: StreamMetrics,
): OrchestratorHandlers {
  return {
    ...createStreamHandlers(pipeline, requestTimeoutMs, guard, streamMetrics),
    Clean: unary<CleanRequest__Output, CleanResponse>(async (request, context) => {
      const admission = await admitCall(context, guard, 'clean');
      checkNamedAdapters(guard, admission, [request.adapter]);
      return pipeline.clean(request, budgetOf(context, requestTimeoutMs));
    }),
    Describe: unary<DescribeRequest__Output, DescribeResponse>(async (request, context) => {
      const admission = await admitCall(context, guard, 'describe');
      checkDescribeCall(guard, admission, request.task, request.schemaJson);
      checkNamedAdapters(guard, admission, [request.adapter]);
      return pipeline.describe(request, budgetOf(context, requestTimeoutMs));
    }),
    Process: unary<ProcessRequest__Output, ProcessResponse>(async (request, context) => {
      const admission = await admitCall(context, guard, 'process');
      const mode = modeOf(request);
      if (mode !== 'clean' && mode !== 'paraphrase') {
        checkDescribeCall(guard, admission, request.task, request.schemaJson);
      }
      const adapters = request.adapters;
      checkNamedAdapters(guard, admission, [adapters?.clean, adapters?.describe, adapters?.paraphrase]);
      const output = await pipeline.process(
        {
          text: request.text,
          mode,
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
    Paraphrase: unary<ParaphraseRequest__Output, ParaphraseResponse>(async (request, context) => {
      const admission = await admitCall(context, guard, 'paraphrase');
      checkNamedAdapters(guard, admission, [request.adapter]);
      return pipeline.paraphrase(request, budgetOf(context, requestTimeoutMs));
    }),
    // A batch costs one request per item, charged before any item is worked on.
    CleanBatch: unary<CleanBatchRequest__Output, CleanBatchResponse>(async (request, context) => {
      const admission = await admitCall(context, guard, 'clean', request.items.length);
      checkNamedAdapters(
        guard,
        admission,
        request.items.map((item) => item.adapter),
      );
      return { items: await pipeline.cleanBatch(request.items, budgetOf(context, requestTimeoutMs)) };
    }),
  };
}
