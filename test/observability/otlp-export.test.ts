// `mpr serve` exports traces where the standard OTEL_* variables say (here OTLP/HTTP JSON to a local
// receiver), flushes them on SIGTERM, and stays silent when no exporter is configured.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tracingRequested } from '../../lib/telemetry/index.ts';
import { getJson, postJson } from '../support/system.ts';
import { freePort } from '../support/ports.ts';

const MPR = fileURLToPath(new URL('../../bin/mpr.js', import.meta.url));

interface ExportedSpan {
  service: string;
  scope: string;
  name: string;
  traceId: string;
}

/** An OTLP/HTTP JSON receiver: collects the spans of every POST /v1/traces. */
async function startReceiver(): Promise<{ server: Server; port: number; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = resourceSpans.resource.attributes.find((a: { key: string }) => a.key === 'service.name')
            ?.value.stringValue;
          for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
            for (const span of scopeSpans.spans ?? [])
              spans.push({ service, scope: scopeSpans.scope.name, name: span.name, traceId: span.traceId });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, spans };
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A new Node process loading the whole system: seconds alone, far more on a loaded machine. */
const START_MS = 150_000;

async function waitReady(base: string): Promise<void> {
  const until = Date.now() + START_MS;
  while (Date.now() < until) {
    try {
      if ((await getJson(base, '/readyz')).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('mpr serve did not become ready');
}

describe('trace export from OTEL_* variables', () => {
  it('is off without an exporter or endpoint, and on with one', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it(
    'mpr serve sends one trace per request over OTLP/HTTP and flushes on SIGTERM',
    async () => {
      const receiver = await startReceiver();
      const [http, grpc, cleaner, describer, cleanerMetrics, describerMetrics] = await Promise.all(
        Array.from({ length: 6 }, freePort),
      );
      const child = spawn(process.execPath, [MPR, 'serve'], {
        env: {
          PATH: process.env.PATH,
          MPR_HOST: '127.0.0.1',
          MPR_HTTP_PORT: String(http),
          MPR_GRPC_PORT: String(grpc),
          MPR_CLEANER_PORT: String(cleaner),
          MPR_DESCRIBER_PORT: String(describer),
          MPR_CLEANER_METRICS_PORT: String(cleanerMetrics),
          MPR_DESCRIBER_METRICS_PORT: String(describerMetrics),
          MPR_LOG_LEVEL: 'warn',
          OTEL_TRACES_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
          // A long batch delay: the spans can only arrive through the flush on shutdown.
          OTEL_BSP_SCHEDULE_DELAY: '60000',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(child);
      try {
        const base = `http://127.0.0.1:${http}`;
        await waitReady(base);
        const response = await postJson(base, '/v1/process', { text: 'She go to scool evry day .' });
        expect(response.status).toBe(200);
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);

        const root = receiver.spans.find((span) => span.name === 'POST /v1/process');
        expect(root).toBeDefined();
        const trace = receiver.spans.filter((span) => span.traceId === root!.traceId);
        expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['mpr']));
        expect(new Set(trace.map((span) => span.scope))).toEqual(
          new Set(['jw1-orchestrator', 'jw2-cleaner', 'jw3-describer']),
        );
        expect(trace.map((span) => span.name)).toContain('cleaner.engine.clean');
      } finally {
        receiver.server.close();
      }
    },
    60_000 + START_MS,
  );
});
