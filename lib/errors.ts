// One table of typed errors: each stable snake_case code maps to one gRPC status and one HTTP status, and
// the answers a client may retry (429, 503) to a default Retry-After, so that none goes out without one.
// Every component throws MprError; the gRPC and HTTP layers translate it with the table below, so a
// client sees the same code whichever protocol it speaks.
import { status as GrpcStatus } from '@grpc/grpc-js';

export const ERROR_TABLE = {
  invalid_argument: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  malformed_json: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  invalid_text: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  empty_text: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  unsupported_schema: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  unknown_task: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  unknown_adapter: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  paraphrase_unavailable: { grpc: GrpcStatus.UNIMPLEMENTED, http: 501 },
  prompt_too_long: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  json_too_deep: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  schema_too_large: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  unauthenticated: { grpc: GrpcStatus.UNAUTHENTICATED, http: 401 },
  permission_denied: { grpc: GrpcStatus.PERMISSION_DENIED, http: 403 },
  not_found: { grpc: GrpcStatus.NOT_FOUND, http: 404 },
  request_timeout: { grpc: GrpcStatus.DEADLINE_EXCEEDED, http: 408 },
  text_too_large: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 413 },
  batch_too_large: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 413 },
  unsupported_media_type: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 415 },
  headers_too_large: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 431 },
  rate_limited: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 429, retryAfterSeconds: 1 },
  quota_exceeded: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 429, retryAfterSeconds: 1 },
  overloaded: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 429, retryAfterSeconds: 1 },
  deadline_exceeded: { grpc: GrpcStatus.DEADLINE_EXCEEDED, http: 504 },
  cancelled: { grpc: GrpcStatus.CANCELLED, http: 499 },
  unavailable: { grpc: GrpcStatus.UNAVAILABLE, http: 503, retryAfterSeconds: 1 },
  model_error: { grpc: GrpcStatus.INTERNAL, http: 500 },
  internal: { grpc: GrpcStatus.INTERNAL, http: 500 },
} as const satisfies Record<string, { grpc: GrpcStatus; http: number; retryAfterSeconds?: number }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export interface MprErrorOptions {
  /** Seconds a client should wait before retrying (429/503); becomes Retry-After / retry-after-s. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class MprError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: MprErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MprError';
    this.code = code;
    const entry = ERROR_TABLE[code];
    this.retryAfterSeconds =
      options.retryAfterSeconds ?? ('retryAfterSeconds' in entry ? entry.retryAfterSeconds : undefined);
  }

  get grpcStatus(): GrpcStatus {
    return ERROR_TABLE[this.code].grpc;
  }

  get httpStatus(): number {
    return ERROR_TABLE[this.code].http;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_TABLE, value);
}

/** Any thrown value as an MprError; unknown failures become `internal` without leaking stack traces. */
export function toMprError(error: unknown): MprError {
  if (error instanceof MprError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new MprError('cancelled', 'request was cancelled');
  return new MprError('internal', 'internal error', { cause: error });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
