// npm run bench:gateway — drives the running system over HTTP and compares, in one run: requests the
// skip-gate answers (already clean text: one Clean call with check_first, no model), requests that reach
// the default cleaner (the same call, checker then engine), and a direct in-process call of the same
// engine (check + clean). Latency rows are sequential requests timed in this process (autocannon reports
// whole milliseconds); throughput comes from autocannon with 8 connections. The last line is JSON:
// gateway_overhead_p50_ms / _p99_ms (full path minus the direct engine call) and rps_cleaner_path.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDefaultCleanerEngine } from '../services/cleaner/engines/default/index.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CLEAN_TEXT = 'The weather is nice today.';
const DIRTY_TEXT = 'She go to scool evry day .';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function startSystem() {
  const ports = { http: await freePort(), grpc: await freePort(), cleaner: await freePort(), describer: await freePort() };
  const child = spawn(process.execPath, [fileURLToPath(new URL('../bin/mpr.js', import.meta.url)), 'serve'], {
    env: {
      ...process.env,
      MPR_HTTP_PORT: String(ports.http),
      MPR_GRPC_PORT: String(ports.grpc),
      MPR_CLEANER_PORT: String(ports.cleaner),
      MPR_DESCRIBER_PORT: String(ports.describer),
      MPR_CLEANER_METRICS_PORT: '0',
      MPR_DESCRIBER_METRICS_PORT: '0',
      MPR_LOG_LEVEL: 'warn',
      // Every request must do the work: no result cache, no rate limit.
      MPR_CACHE_MAX_ENTRIES: '0',
      MPR_RATE_LIMIT_RPS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${ports.http}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    const ready = await fetch(`${base}/readyz`).then((response) => response.ok, () => false);
    if (ready) return { base, stop: () => child.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('system did not become ready');
}

async function drive(base: string, text: string, connections: number) {
  const result = await autocannon({
    url: `${base}/v1/clean`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    connections,
    duration: DURATION_S,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx and ${result.errors} errors for "${text}"`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Latency of one request at a time, timed here to the microsecond (autocannon reports whole ms). */
async function sequential(base: string, text: string) {
  const body = JSON.stringify({ text });
  const latencies: number[] = [];
  const until = performance.now() + DURATION_S * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`${base}/v1/clean`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status} for "${text}"`);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / DURATION_S, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function directEngine() {
  const engine = createDefaultCleanerEngine();
  await engine.warmup();
  const latencies: number[] = [];
  const until = performance.now() + DURATION_S * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    await engine.check(DIRTY_TEXT);
    await engine.clean(DIRTY_TEXT);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / DURATION_S, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const row = (name: string, r: { rps: number; p50: number; p99: number }) =>
  console.log(`${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`);

const system = await startSystem();
try {
  await drive(system.base, DIRTY_TEXT, 1); // warm-up: JIT, connections, dictionary caches
  const direct = await directEngine();
  const skipped = await sequential(system.base, CLEAN_TEXT);
  const cleaner = await sequential(system.base, DIRTY_TEXT);
  const cleanerLoaded = await drive(system.base, DIRTY_TEXT, 8);
  console.log(`gateway benchmark, ${DURATION_S} s per row, ${process.env.CI ? 'CI' : 'local'} machine`);
  row('direct engine call (in-process)', direct);
  row('HTTP, skip-gated (sequential)', skipped);
  row('HTTP, default cleaner (sequential)', cleaner);
  row('HTTP, default cleaner (autocannon, 8 conn.)', cleanerLoaded);
  console.log(
    JSON.stringify({
      gateway_overhead_p50_ms: Number((cleaner.p50 - direct.p50).toFixed(3)),
      gateway_overhead_p99_ms: Number((cleaner.p99 - direct.p99).toFixed(3)),
      rps_cleaner_path: Math.round(cleanerLoaded.rps),
      rps_skip_path: Math.round(skipped.rps),
    }),
  );
} finally {
  system.stop();
}
