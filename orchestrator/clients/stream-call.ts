// The server-streaming twin of unary-call.ts: a call from jw1 with a deadline, cancelled when the caller
// goes away, whose messages are handed to `onMessage` as they arrive; resolves with the last message
// `isFinal` picks out, and fails with a typed MprError that keeps the agent's own code.
import type * as grpc from '@grpc/grpc-js';
import { MprError } from '../../lib/errors.ts';
import { fromGrpcError } from '../../lib/grpc/index.ts';
import type { CallBudget } from './call-budget.ts';

type StreamMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
) => grpc.ClientReadableStream<Res>;

export function callServerStream<Req, Res, Final>(
  peer: string,
  method: StreamMethod<Req, Res>,
  request: Req,
  budget: CallBudget,
  metadata: grpc.Metadata,
  /** The final answer carried by a message, or undefined for the others (given to onMessage). */
  finalOf: (message: Res) => Final | undefined,
  onMessage: (message: Res) => void,
): Promise<Final> {
  if (budget.signal?.aborted) return Promise.reject(new MprError('cancelled', 'request was cancelled'));
  if (budget.deadline <= Date.now())
    return Promise.reject(new MprError('deadline_exceeded', `no time left to call ${peer}`));
  return new Promise<Final>((resolve, reject) => {
    const call = method(request, metadata, { deadline: budget.deadline });
    const onAbort = () => call.cancel();
    budget.signal?.addEventListener('abort', onAbort, { once: true });
    let final: Final | undefined;
    let failure: MprError | undefined;
    call.on('data', (message: Res) => {
      const answer = finalOf(message);
      if (answer === undefined) onMessage(message);
      else final = answer;
    });
    let ended = false;
    let statusSeen = false;
    // Both must have happened: the status (sent last by the agent) and the end of the messages (which
    // may still be buffered when the status arrives), or an error.
    const settle = () => {
      if (!statusSeen || !(ended || failure)) return;
      budget.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (final === undefined) reject(new MprError('internal', `${peer} ended its stream without a result`));
      else resolve(final);
    };
    call.on('error', (error: grpc.ServiceError) => {
      failure = fromGrpcError(error, peer);
      settle();
    });
    call.on('end', () => {
      ended = true;
      settle();
    });
    call.on('status', () => {
      statusSeen = true;
      settle();
    });
  });
}
