// Admission control of one agent process: at most `maxInflight` calls are worked on at once; a call past
// that is refused at once with `unavailable` and a retry hint, not queued. Several jw1 replicas each keep
// their own limiter in front of an agent, so only the agent knows its total load; refusing with
// UNAVAILABLE lets jw1's retry policy (UNAVAILABLE only, within the deadline) try the next replica that
// round_robin picks, instead of piling more work onto a saturated model. A streaming call holds its slot
// until its stream ends.
import type * as grpc from '@grpc/grpc-js';
import { MprError } from '../../lib/errors.ts';
import { endServerStream, toGrpcError, watchServerStream } from '../../lib/grpc/index.ts';

export function limitInflight(
  implementation: grpc.UntypedServiceImplementation,
  definition: grpc.ServiceDefinition,
  maxInflight: number,
  agent: string,
): grpc.UntypedServiceImplementation {
  let inflight = 0;
  const refusal = () =>
    new MprError('unavailable', `${agent} is working on ${inflight} calls, its limit; retry on another replica`);
  /** Takes a slot; the function it returns gives it back (once, however often it is called). */
  const acquire = () => {
    inflight++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        inflight--;
      }
    };
  };

  const limitUnary = (unary: grpc.handleUnaryCall<unknown, unknown>): grpc.handleUnaryCall<unknown, unknown> => {
    return (call, callback) => {
      if (inflight >= maxInflight) {
        callback(toGrpcError(refusal()) as grpc.ServiceError);
        return;
      }
      const release = acquire();
      try {
        unary(call, (error, value, trailer, flags) => {
          release();
          callback(error, value, trailer, flags);
        });
      } catch (error) {
        release();
        throw error;
      }
    };
  };

  const limitServerStream = (
    handler: grpc.handleServerStreamingCall<unknown, unknown>,
  ): grpc.handleServerStreamingCall<unknown, unknown> => {
    return (call) => {
      if (inflight >= maxInflight) {
        endServerStream(call, refusal());
        return;
      }
      const release = acquire();
      watchServerStream(call, release);
      try {
        handler(call);
      } catch (error) {
        release();
        throw error;
      }
    };
  };

  const limited = Object.entries(implementation).map(([method, handler]) => {
    const streaming = definition[method]?.responseStream === true;
    return [
      method,
      streaming
        ? limitServerStream(handler as grpc.handleServerStreamingCall<unknown, unknown>)
        : limitUnary(handler as grpc.handleUnaryCall<unknown, unknown>),
    ] as const;
  });
  return Object.fromEntries(limited);
}
