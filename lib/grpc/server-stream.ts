// Server-streaming handler adapter, the streaming twin of `unary`: the handler gets the request, a `send`
// for each message and the same CallContext (its signal fires when the caller cancels or its deadline
// passes); when its promise resolves the stream ends OK, when it rejects the error becomes the call's
// status, whether or not messages went out before. `watchServerStream` tells wrappers (tracing, metrics,
// admission) when a streaming call has ended and with which status.
import * as grpc from '@grpc/grpc-js';
import { deadlineOf, type CallContext } from './handlers.ts';
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

export function serverStream<Req, Res>(
  handler: ServerStreamHandler<Req, Res>,
): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    const controller = new AbortController();
    let settled = false;
    call.on('cancelled', () => {
      if (!settled) controller.abort(new DOMException('the caller cancelled the call', 'AbortError'));
    });
    const context: CallContext = {
      signal: controller.signal,
      metadata: call.metadata,
      deadline: deadlineOf(call),
      peer: call.getPeer(),
    };
    // Messages are small and bounded (a sentence's result, a few tokens of JSON); a slow reader makes the
    // stream buffer them rather than stall the work, which the caller's deadline bounds anyway.
    const send = (message: Res) => {
      if (writable(call)) call.write(message);
    };
    handler(call.request, send, context).then(
      () => {
        settled = true;
        if (writable(call)) call.end();
      },
      (error: unknown) => {
        settled = true;
        // grpc-js turns an 'error' event on the call into its final status.
        if (writable(call)) call.emit('error', toGrpcError(error));
      },
    );
  };
}

/**
 * Calls `onEnd` once with the final status of a server-streaming call: the code of an error it ended with,
 * OK when it ended normally, CANCELLED when the caller went away first.
 */
export function watchServerStream(
  call: grpc.ServerWritableStream<unknown, unknown>,
  onEnd: (code: grpc.status, failure?: Partial<grpc.StatusObject>) => void,
): void {
  let failure: Partial<grpc.StatusObject> | undefined;
  let ended = false;
  const end = (code: grpc.status) => {
    if (ended) return;
    ended = true;
    onEnd(code, failure);
  };
  call.on('error', (error: Partial<grpc.StatusObject>) => {
    failure = error;
  });
  call.on('finish', () => end(failure ? (failure.code ?? grpc.status.UNKNOWN) : grpc.status.OK));
  call.on('cancelled', () => end(grpc.status.CANCELLED));
}
