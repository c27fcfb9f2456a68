// jw1's streaming gRPC methods, over the same pipeline calls as their unary twins (so the final result is
// the same): CleanStream sends each sentence as soon as it is cleaned, then the merged result;
// DescribeStream relays jw3's JSON text as it is generated, then the validated document. Access gate,
// schema limits, deadline and skip-gate apply as for unary calls; an error after the first message ends the stream with
// its status, as it would have ended the unary call.
import { serverStream, type CallContext } from '../lib/grpc/index.ts';
import type { StreamMetrics, StreamOperation } from '../lib/metrics/index.ts';
import type { CleanRequest__Output } from '../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanStreamEvent } from '../proto/generated/mpr/v1/CleanStreamEvent.ts';
import type { DescribeRequest__Output } from '../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeStreamEvent } from '../proto/generated/mpr/v1/DescribeStreamEvent.ts';
import type { OrchestratorHandlers } from '../proto/generated/mpr/v1/Orchestrator.ts';
import type { Admission } from './access-control.ts';
import { admitCall, budgetOf, type CallGuard, checkDescribeCall } from './grpc-call.ts';
import type { Pipeline } from './pipeline.ts';
import { firstResultClock } from './streaming/first-result.ts';
import { sentenceReporter } from './streaming/sentence-events.ts';

type StreamHandlers = Pick<OrchestratorHandlers, 'CleanStream' | 'DescribeStream'>;

export function createStreamHandlers(
  pipeline: Pipeline,
  requestTimeoutMs: number,
  guard: CallGuard,
  metrics?: StreamMetrics,
): StreamHandlers {
  /** A handler's send, with the first message's time recorded; after the caller passed the access gate. */
  const streamed =
    <Req, Event>(
      operation: StreamOperation,
      run: (request: Req, send: (event: Event) => void, context: CallContext) => Promise<void>,
      check?: (request: Req, admission: Admission | undefined) => void,
    ) =>
    async (request: Req, send: (event: Event) => void, context: CallContext) => {
      const started = performance.now();
      const admission = await admitCall(context, guard, operation);
      check?.(request, admission);
      const firstResult = firstResultClock(operation, 'grpc', () => performance.now() - started, metrics);
      await run(
        request,
        (event) => {
          firstResult();
          send(event);
        },
        context,
      );
    };

  return {
    CleanStream: serverStream<CleanRequest__Output, CleanStreamEvent>(
      streamed('clean', async (request, send, context) => {
        const budget = budgetOf(context, requestTimeoutMs);
        const result = await pipeline.clean(
          request,
          budget,
          sentenceReporter((sentence) => send({ sentence })),
        );
        send({ result });
      }),
    ),
    DescribeStream: serverStream<DescribeRequest__Output, DescribeStreamEvent>(
      streamed(
        'describe',
        async (request, send, context) => {
          const budget = budgetOf(context, requestTimeoutMs);
          const result = await pipeline.describe(request, budget, (jsonDelta) => send({ jsonDelta }));
          send({ result });
        },
        (request, admission) => checkDescribeCall(guard, admission, request.task, request.schemaJson),
      ),
    ),
  };
}
