// Unary handler adapter: handlers are plain async functions of (request, context); this adapter maps
// thrown errors to gRPC status, gives the handler an AbortSignal that fires when the caller cancels
// or its deadline passes, and never lets a handler error escape into the server.
import type * as grpc from '@grpc/grpc-js';
import { toGrpcError } from './status.ts';

export interface CallContext {
  signal: AbortSignal;
  metadata: grpc.Metadata;
  /** Absolute deadline of the caller in ms since epoch, or undefined when none was set. */
  deadline: number | undefined;
  /** The caller's address as grpc-js reports it. */
  peer: string;
}

export type UnaryHandler<Req, Res> = (request: Req, context: CallContext) => Promise<Res>;

/** The caller's deadline in ms since epoch, or undefined when it set none. */
export function deadlineOf(call: { getDeadline(): grpc.Deadline }): number | undefined {
  const deadline = call.getDeadline();
  if (deadline instanceof Date) return deadline.getTime();
  return Number.isFinite(deadline) ? Number(deadline) : undefined;
}

/**
 * The CallContext of a call being served, and `settle` to call once its handler has answered. grpc-js
 * emits 'cancelled' after every call, answered ones included: only a call not yet settled is aborted, so
 * the DOMException (and its stack capture) is paid by real cancellations alone.
 */
export function servedCallContext(
  call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>,
): { context: CallContext; settle(): void } {
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
  return {
    context,
    settle: () => {
      settled = true;
    },
  };
}

export function unary<Req, Res>(handler: UnaryHandler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const { context, settle } = servedCallContext(call);
    handler(call.request, context).then(
      (response) => {
        settle();
        callback(null, response);
      },
      (error: unknown) => {
        settle();
        callback(toGrpcError(error));
      },
    );
  };
}
