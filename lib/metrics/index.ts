export { createMetricsRegistry, BUILD_VERSION, type Registry } from './registry.ts';
export { httpMetrics, registerHttpMetrics, registerMetricsRoute, LATENCY_BUCKETS, type HttpMetrics } from './http.ts';
export { grpcServerMetrics, type GrpcCallObserver, type GrpcServerMetricsOptions } from './grpc.ts';
export {
  pipelineMetrics,
  type PipelineMetrics,
  type CacheResult,
  type CircuitState,
  type RejectionReason,
} from './pipeline.ts';
export {
  streamMetrics,
  type StreamMetrics,
  type StreamOperation,
  type StreamTransport,
} from './streaming.ts';
export { modelMetrics, type ModelMetrics, type GenerationRecord } from './model.ts';
export { startMetricsServer, type RunningMetricsServer } from './server.ts';
export {
  accessMetrics,
  type AccessMetrics,
  type AccessOutcome,
  type AuthFileName,
  type StorePolicy,
} from './access.ts';
