// What one request may spend on its downstream calls: an absolute deadline, the caller's cancellation,
// and metadata to carry. Made once per request by the HTTP gateway or the gRPC service and handed to
// every agent call made for it.
import type * as grpc from '@grpc/grpc-js';

export interface CallBudget {
  /** Absolute deadline, ms since epoch. */
  deadline: number;
  signal?: AbortSignal;
  metadata?: grpc.Metadata;
}
