// Translation between MprError and gRPC status. The stable error code travels in the trailing metadata
// (`mpr-error-code`) so that a client learns "text_too_large" and not only RESOURCE_EXHAUSTED.
import * as grpc from '@grpc/grpc-js';
import { ERROR_TABLE, MprError, isErrorCode, toMprError, type ErrorCode } from '../errors.ts';

export const ERROR_CODE_KEY = 'mpr-error-code';
export const RETRY_AFTER_KEY = 'retry-after-s';

export function toGrpcError(error: unknown): Partial<grpc.StatusObject> {
  const typed = toMprError(error);
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_CODE_KEY, typed.code);
  if (typed.retryAfterSeconds !== undefined) metadata.set(RETRY_AFTER_KEY, String(typed.retryAfterSeconds));
  return { code: typed.grpcStatus, details: `${typed.code}: ${typed.message}`, metadata };
}

const CODE_OF_STATUS: Partial<Record<grpc.status, ErrorCode>> = {
  [grpc.status.INVALID_ARGUMENT]: 'invalid_argument',
  [grpc.status.RESOURCE_EXHAUSTED]: 'overloaded',
  [grpc.status.DEADLINE_EXCEEDED]: 'deadline_exceeded',
  [grpc.status.CANCELLED]: 'cancelled',
  [grpc.status.UNAVAILABLE]: 'unavailable',
  [grpc.status.NOT_FOUND]: 'not_found',
  [grpc.status.UNAUTHENTICATED]: 'unauthenticated',
  [grpc.status.PERMISSION_DENIED]: 'permission_denied',
};

/** A gRPC client error as MprError, keeping the peer's stable code and message when it sent one. */
export function fromGrpcError(error: unknown, peer: string): MprError {
  if (error instanceof MprError) return error;
  const serviceError = error as Partial<grpc.ServiceError>;
  if (typeof serviceError.code !== 'number') return toMprError(error);
  const sentCode = serviceError.metadata?.get(ERROR_CODE_KEY)[0];
  const retryAfter = Number(serviceError.metadata?.get(RETRY_AFTER_KEY)[0] ?? Number.NaN);
  const options = Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter, cause: error } : { cause: error };
  if (typeof sentCode === 'string' && isErrorCode(sentCode)) {
    const details = serviceError.details ?? '';
    const message = details.startsWith(`${sentCode}: `) ? details.slice(sentCode.length + 2) : details;
    return new MprError(sentCode, message, options);
  }
  const code = CODE_OF_STATUS[serviceError.code] ?? 'internal';
  const reason = code === 'unavailable' ? `${peer} is unavailable` : `${peer}: ${serviceError.details ?? 'error'}`;
  return new MprError(code, reason, options);
}

export function grpcStatusOf(code: ErrorCode): grpc.status {
  return ERROR_TABLE[code].grpc;
}
