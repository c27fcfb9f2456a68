// Server-streaming handler adapter, the streaming twin of `unary`: the handler gets the request, a `send`
// for each message and the same CallContext (its signal fires when the caller cancels or its deadline
// passes); when its promise resolves the stream ends OK, when it rejects the error becomes the call's
// status, whether or not messages went out before. `watchServerStream` tells wrappers (tracing, metrics,
// admission) when a streaming call's work has ended and with which status.
import * as grpc from '@grpc/grpc-js';
import { type CallContext, servedCallContext } from './handlers.ts';
import { toGrpcError } from './status.ts';

export type ServerStreamHandler<Req, Res> = (
  request: Req,
  send: (message: Res) => void,
  context: CallContext,
) => Promise<void>;

/** Whether the call can still take messages: not cancelled by the caller, not ended by us. */
function writable(call: grpc.ServerWritableStream<unknown, unknown>): boolean {
  return !call.cancelled && !call.destroyed && !call.writableEnded;
}

/** Event every call run by serverStream emits once, when its handler has settled: (code, failure?). */
const STREAM_SETTLED = 'mpr.stream-settled';

/**
 * Ends a server-streaming call: OK without an error, else with the error's status (unless the caller has
 * gone already), and tells watchServerStream. For handlers and for wrappers that refuse a call.
 */
export function endServerStream(call: grpc.ServerWritableStream<unknown, unknown>, error?: unknown): void {
  const failure = error === undefined ? undefined : toGrpcError(error);
  if (writable(call)) {
    // grpc-js turns an 'error' event on the call into its final status.
    if (failure) call.emit('error', failure);
    else call.end();
  }
  call.emit(STREAM_SETTLED, failure?.code ?? grpc.status.OK, failure);
}

export function serverStream<Req, Res>(
  handler: ServerStreamHandler<Req, Res>,
): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    const { context, settle } = servedCallContext(call);
    // Messages are small and bounded (a sentence's result, a few tokens of JSON); a slow reader makes the
    // stream buffer them rather than stall the work, which the caller's deadline bounds anyway.
    const send = (message: Res) => {
      if (writable(call)) call.write(message);
    };
    handler(call.request, send, context).then(
      () => {
        settle();
        endServerStream(call as grpc.ServerWritableStream<unknown, unknown>);
      },
      (error: unknown) => {
        settle();
        endServerStream(call as grpc.ServerWritableStream<unknown, unknown>, error);
      },
    );
  };
}

/**
 * Calls `onEnd` once a call ended by endServerStream is over for the server: its handler has settled (a
 * cancelled call's work has stopped), with the status the handler ended it with. A handler that finishes
 * its work although the caller went away ends OK, as a unary handler would.
 */
export function watchServerStream(
  call: grpc.ServerWritableStream<unknown, unknown>,
  onEnd: (code: grpc.status, failure?: Partial<grpc.StatusObject>) => void,
): void {
  call.once(STREAM_SETTLED, onEnd);
}
