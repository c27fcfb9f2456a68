// The all-in-one system with tracing into memory: what the observability tests and print-trace use.
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { RunningSystem } from '../../cli/serve.ts';
import type { FlagValues } from '../../lib/config.ts';
import type { Logger } from '../../lib/logger.ts';
import { startTelemetry } from '../../lib/telemetry/index.ts';
import { startComponents } from '../../cli/serve.ts';
import { createLogger } from '../../lib/logger.ts';
import { testConfig } from '../support/system.ts';

export interface TracedSystem {
  system: RunningSystem;
  base: string;
  exporter: InMemorySpanExporter;
  /** Waits until the HTTP server span of the request with this x-request-id has ended; returns its trace. */
  traceOf(requestId: string): Promise<{ root: ReadableSpan; spans: ReadableSpan[] }>;
}

export async function startTracedSystem(overrides: FlagValues = {}, logger?: Logger): Promise<TracedSystem> {
  const exporter = new InMemorySpanExporter();
  const telemetry = startTelemetry('mpr', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  if (!telemetry.tracing) throw new Error('telemetry was already started without tracing in this process');
  const system = await startComponents(
    'all',
    testConfig(overrides),
    logger ?? createLogger({ level: 'silent', component: 'test' }),
  );
  const traceOf = async (requestId: string) => {
    const until = Date.now() + 5_000;
    for (;;) {
      const spans = exporter.getFinishedSpans();
      const root = spans.find(
        (span) => span.attributes['mpr.request_id'] === requestId && span.parentSpanContext === undefined,
      );
      if (root)
        return { root, spans: spans.filter((span) => span.spanContext().traceId === root.spanContext().traceId) };
      if (Date.now() > until) throw new Error(`no finished HTTP span for request ${requestId}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { system, base: `http://127.0.0.1:${system.ports.http}`, exporter, traceOf };
}
