export { startTelemetry, tracingRequested, type Telemetry, type TelemetryOptions } from './sdk.ts';
export { withSpan, activeSpan, recordSpanError, tracerFor, SpanKind, type Attributes, type Span } from './spans.ts';
export { withScope, currentComponent, currentRequestId, REQUEST_ID_HEADER, type Scope } from './scope.ts';
export { traceLogFields } from './log-fields.ts';
export { traceContextInterceptor, splitMethodPath } from './grpc-client.ts';
export { instrumentService, type CallObserver, type ServerInstrumentation } from './grpc-server.ts';
export { traceHttpServer, routeOf, setRequestSpanAttributes, UNMATCHED_ROUTE } from './http-server.ts';
