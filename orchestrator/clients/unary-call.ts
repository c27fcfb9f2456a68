// One way to make a unary gRPC call from jw1: always with a deadline, cancelled when the caller goes
// away, errors turned into typed MprErrors that keep the agent's own code.
import type * as grpc from '@grpc/grpc-js';
import { MprError } from '../../lib/errors.ts';
import { fromGrpcError } from '../../lib/grpc/index.ts';
import type { CallBudget } from './call-budget.ts';

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<Res>,
) => grpc.ClientUnaryCall;

export function callUnary<Req, Res>(
  peer: string,
  method: UnaryMethod<Req, Res>,
  request: Req,
  budget: CallBudget,
  metadata: grpc.Metadata,
): Promise<Res> {
  if (budget.signal?.aborted) return Promise.reject(new MprError('cancelled', 'request was cancelled'));
  if (budget.deadline <= Date.now())
    return Promise.reject(new MprError('deadline_exceeded', `no time left to call ${peer}`));
  return new Promise<Res>((resolve, reject) => {
    const onAbort = () => call.cancel();
    const call = withoutCallerStack(() =>
      method(request, metadata, { deadline: budget.deadline }, (error, response) => {
        budget.signal?.removeEventListener('abort', onAbort);
        if (error) reject(fromGrpcError(error, peer));
        else if (response === undefined) reject(new MprError('internal', `${peer} returned no response`));
        else resolve(response);
      }),
    );
    budget.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * grpc-js captures a stack trace (`new Error()`) at the start of every unary call, only to append it to
 * the message of a failed call; under the gateway's async stack that capture costs tens of
 * microseconds per call. Failures reach callers as MprErrors that keep the agent's code and message,
 * so the call-site stack is not captured.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
