// Streamed answers of jw1 (gRPC CleanStream/DescribeStream, HTTP Server-Sent Events): how long a caller
// waits for the first result it can show, by operation and transport.
import { Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './http.ts';

export type StreamOperation = 'clean' | 'describe';
export type StreamTransport = 'grpc' | 'http';

export interface StreamMetrics {
  /** From the request's arrival to its first streamed event (a sentence, a piece of JSON, or the result). */
  firstResult(operation: StreamOperation, transport: StreamTransport, seconds: number): void;
}

export function streamMetrics(registry: Registry): StreamMetrics {
  const firstResult = new Histogram({
    name: 'mpr_stream_time_to_first_result_seconds',
    help: 'Time from the arrival of a streamed request to its first event, by operation (clean, describe) and transport (grpc, http)',
    labelNames: ['operation', 'transport'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    firstResult: (operation, transport, seconds) => firstResult.observe({ operation, transport }, seconds),
  };
}
