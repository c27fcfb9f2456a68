// Admission control of one agent process: at most `maxInflight` calls are worked on at once; a call past
// that is refused at once with `unavailable` and a retry hint, not queued. Several jw1 replicas each keep
// their own limiter in front of an agent, so only the agent knows its total load; refusing with
// UNAVAILABLE lets jw1's retry policy (UNAVAILABLE only, within the deadline) try the next replica that
// round_robin picks, instead of piling more work onto a saturated model.
import type * as grpc from '@grpc/grpc-js';
import { MprError } from '../../lib/errors.ts';
import { toGrpcError } from '../../lib/grpc/index.ts';

export function limitInflight(
  implementation: grpc.UntypedServiceImplementation,
  maxInflight: number,
  agent: string,
): grpc.UntypedServiceImplementation {
  let inflight = 0;
  const limited = Object.entries(implementation).map(([method, handler]) => {
    const unary = handler as grpc.handleUnaryCall<unknown, unknown>;
    const admitted: grpc.handleUnaryCall<unknown, unknown> = (call, callback) => {
      if (inflight >= maxInflight) {
        callback(
          toGrpcError(
            new MprError(
              'unavailable',
              `${agent} is working on ${inflight} calls, its limit; retry on another replica`,
            ),
          ) as grpc.ServiceError,
        );
        return;
      }
      inflight++;
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          inflight--;
        }
      };
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
    return [method, admitted] as const;
  });
  return Object.fromEntries(limited);
}
