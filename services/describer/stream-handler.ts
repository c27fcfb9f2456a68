// jw3's DescribeStream: the JSON text as the engine generates it, then the same response Describe gives.
// An engine that does not generate token by token (the embedded default) never reports a piece; its
// document then goes out as one piece, so that every stream has at least one before its result.
import { serverStream, type CallContext } from '../../lib/grpc/index.ts';
import type { DescribeRequest__Output } from '../../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse } from '../../proto/generated/mpr/v1/DescribeResponse.ts';
import type { DescribeStreamEvent } from '../../proto/generated/mpr/v1/DescribeStreamEvent.ts';

/** One Describe call, unary or streamed: `onJsonDelta` gets the generated text as it comes, if any. */
export type RunDescribe = (
  request: DescribeRequest__Output,
  context: CallContext,
  onJsonDelta?: (piece: string) => void,
) => Promise<DescribeResponse>;

export function describeStreamHandler(run: RunDescribe) {
  return serverStream<DescribeRequest__Output, DescribeStreamEvent>(async (request, send, context) => {
    let streamed = false;
    const response = await run(request, context, (piece) => {
      streamed = true;
      send({ jsonDelta: piece });
    });
    if (!streamed) send({ jsonDelta: response.json ?? '' });
    send({ result: response });
  });
}
