// node bench/telemetry-overhead.ts — what telemetry costs on the /v1/process path of `mpr serve`:
// baseline (OTEL_SDK_DISABLED: nothing registered), default (tracing off: context manager and W3C
// propagator only), and tracing on (every span exported over OTLP/HTTP to a local sink). Variants run
// interleaved for BENCH_ROUNDS rounds (the median counts: shared machines are noisy). Prints requests/s
// and latency per run, then a JSON line with the ratios of the medians to the baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { reportFigures } from '../eval/measurements.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BODY = JSON.stringify({ text: 'She go to scool evry day .' });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startSystem(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const [http, grpc, cleaner, describer] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, [fileURLToPath(new URL('../bin/mpr.js', import.meta.url)), 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      MPR_HTTP_PORT: String(http),
      MPR_GRPC_PORT: String(grpc),
      MPR_CLEANER_PORT: String(cleaner),
      MPR_DESCRIBER_PORT: String(describer),
      MPR_CLEANER_METRICS_PORT: '0',
      MPR_DESCRIBER_METRICS_PORT: '0',
      MPR_LOG_LEVEL: 'warn',
      MPR_CACHE_MAX_ENTRIES: '0',
      ...env,
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${http}`;
  for (let tries = 0; tries < 200; tries += 1) {
    if (child.exitCode !== null) throw new Error(`mpr serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('system not ready');
}

async function measure(name: string, env: Record<string, string>) {
  const { child, base } = await startSystem(env);
  try {
    const request = {
      url: `${base}/v1/process`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: 8,
    };
    await autocannon({ ...request, duration: 2 });
    const result = await autocannon({ ...request, duration: DURATION_S });
    const row = {
      name,
      rps: result.requests.average,
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      errors: result.errors + result.non2xx,
    };
    console.log(
      `${name.padEnd(12)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50_ms} ms  p99 ${row.p99_ms} ms  errors ${row.errors}`,
    );
    return row;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const sink = createHttpServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
}).listen(0, '127.0.0.1');
await new Promise((resolve) => sink.once('listening', resolve));
const sinkPort = (sink.address() as { port: number }).port;

const variants: Record<string, Record<string, string>> = {
  baseline: { OTEL_SDK_DISABLED: 'true' },
  'tracing-off': {},
  'tracing-on': {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}`,
  },
};
const runs: Record<string, { rps: number; p50_ms: number }[]> = { baseline: [], 'tracing-off': [], 'tracing-on': [] };
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, env] of Object.entries(variants)) runs[name]!.push(await measure(name, env));
}
sink.close();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rps = (name: string) => median(runs[name]!.map((run) => run.rps));
const p50 = (name: string) => median(runs[name]!.map((run) => run.p50_ms));
await reportFigures(
  {
    name: 'telemetry-overhead',
    title: 'Tracing overhead on the gateway',
    command: 'node bench/telemetry-overhead.ts',
    summary:
      'Requests per second and p50 latency with tracing off and on, against a system without telemetry, in alternating rounds.',
    goals: [{ figure: 'rps_on_over_baseline', op: '>=', value: 0.9 }],
  },
  {
    bench: 'telemetry-overhead',
    duration_s: DURATION_S,
    rounds: ROUNDS,
    rps_baseline: Math.round(rps('baseline')),
    rps_off_over_baseline: Number((rps('tracing-off') / rps('baseline')).toFixed(3)),
    rps_on_over_baseline: Number((rps('tracing-on') / rps('baseline')).toFixed(3)),
    p50_off_over_baseline: Number((p50('tracing-off') / p50('baseline')).toFixed(3)),
    p50_on_over_baseline: Number((p50('tracing-on') / p50('baseline')).toFixed(3)),
  },
);
