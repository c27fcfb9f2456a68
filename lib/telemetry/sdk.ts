// Starts the OpenTelemetry Node SDK once per process. Export is configured only by the standard OTEL_*
// variables and is off unless asked for (OTEL_TRACES_EXPORTER other than "none", or an OTLP endpoint).
// Off still registers the context manager and the W3C propagator: request ids and a caller's trace
// context then flow through to logs and downstream calls, for the price of AsyncLocalStorage.
//
// No auto-instrumentation: jw1/jw2/jw3 propagate trace context explicitly (fastify hooks, a grpc-js
// client interceptor, a server-side handler wrapper; see docs/OBSERVABILITY.md), which works the same
// under ESM, under vitest and in one process with all three components.
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TelemetryOptions {
  /** Span processors to use instead of the OTEL_* configured exporters (tests: in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  /** True when spans are recorded and exported. */
  readonly tracing: boolean;
  /** Flushes pending spans and stops the exporters. */
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/** Whether the OTEL_* environment asks for traces to be exported. */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (['true', '1'].includes((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase())) return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return isSet(env.OTEL_EXPORTER_OTLP_ENDPOINT) || isSet(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts telemetry for a component ("mpr" for all-in-one, or jw1-orchestrator, jw2-cleaner,
 * jw3-describer); OTEL_SERVICE_NAME wins over it. Later calls return the first instance.
 */
export function startTelemetry(component: string, options: TelemetryOptions = {}): Telemetry {
  if (started) return started;
  const env = options.env ?? process.env;
  const tracing = options.spanProcessors !== undefined || tracingRequested(env);
  const sdk = new NodeSDK({
    // Our metrics are Prometheus (prom-client) and our logs pino on stdout: the SDK does traces only.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    autoDetectResources: tracing,
    ...(isSet(env.OTEL_SERVICE_NAME) ? {} : { serviceName: component }),
    // An empty list registers no tracer provider: the API's no-op tracer stays in place.
    ...(tracing ? (options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}) : { spanProcessors: [] }),
  });
  sdk.start();
  started = { tracing, shutdown: () => sdk.shutdown() };
  return started;
}
