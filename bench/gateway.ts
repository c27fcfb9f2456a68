// npm run bench:gateway — drives the running system over HTTP and compares, in one run: requests the
// skip-gate answers (already clean text: one Clean call with check_first, no model), requests that reach
// the default cleaner (the same call, checker then engine), and a direct in-process call of the same
// engine (check + clean), built as `mpr serve` builds it. The last line is JSON: gateway_overhead_p50_ms
// / _p99_ms (full path minus the direct engine call), rps_cleaner_path and rps_skip_path.
//
// How it measures, and why:
// - Latency rows are sequential requests timed here to the microsecond (autocannon reports whole ms).
//   They go through a lean keep-alive HTTP/1.1 client that writes pre-built request bytes and reads the
//   answer by Content-Length, as autocannon does: the direct row pays no client at all, so a heavy client
//   would be counted as gateway overhead. Node's fetch (undici) costs ~0.4-0.7 ms per request more than
//   that on this machine; its row stays in the table (and in the JSON, *_fetch_client) for comparison
//   with the figures measured before the lean client.
// - The rows run interleaved, BENCH_ROUNDS slices each, so that noise from other work on a shared
//   machine falls on every row alike instead of on whichever row ran during it.
// - BENCH_TOPOLOGY=split runs jw1, jw2 and jw3 as three processes (one component per container, as
//   deployed) instead of `mpr serve` all in one process (the default).
// - Throughput comes from autocannon with 8 connections.
// - BENCH_AB_NODE_FLAGS (say "--max-semi-space-size=2") starts a second, identical system whose
//   processes run with those extra Node flags, and interleaves its rows with the first one's, so that a
//   runtime setting is judged side by side in one run (the JSON gains an `ab` object with the ratios).
//   An A/A run (a no-op flag such as --stack-size=984) moved the ratios by up to ~8% (p50, req/s) and
//   ~25% (p99) on this 2-core machine. Judged this way, no young-generation size beat V8's default:
//   --max-semi-space-size=2 cost 17-28% of req/s and 10-23% of p50 in 3 of 3 runs (an earlier
//   cross-run comparison had suggested it helped p99), =4 and =64 stayed within the noise.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadCleanerEngine } from '../services/engine-factory.ts';
import { loadConfig } from '../lib/config.ts';
import { reportFigures } from '../eval/measurements.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const TOPOLOGY = process.env.BENCH_TOPOLOGY === 'split' ? 'split' : 'all-in-one';
const CLEAN_TEXT = 'The weather is nice today.';
const DIRTY_TEXT = 'She go to scool evry day .';
const MPR = fileURLToPath(new URL('../bin/mpr.js', import.meta.url));
const AB_FLAGS = (process.env.BENCH_AB_NODE_FLAGS ?? '').split(' ').filter(Boolean);

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

async function startSystem(nodeFlags: string[] = []) {
  const ports = {
    http: await freePort(),
    grpc: await freePort(),
    cleaner: await freePort(),
    describer: await freePort(),
  };
  const env = {
    ...process.env,
    MPR_HTTP_PORT: String(ports.http),
    MPR_GRPC_PORT: String(ports.grpc),
    MPR_CLEANER_PORT: String(ports.cleaner),
    MPR_DESCRIBER_PORT: String(ports.describer),
    MPR_CLEANER_ADDR: `127.0.0.1:${ports.cleaner}`,
    MPR_DESCRIBER_ADDR: `127.0.0.1:${ports.describer}`,
    MPR_CLEANER_METRICS_PORT: '0',
    MPR_DESCRIBER_METRICS_PORT: '0',
    MPR_LOG_LEVEL: 'warn',
    // Every request must do the work: no result cache, no rate limit.
    MPR_CACHE_MAX_ENTRIES: '0',
    MPR_RATE_LIMIT_RPS: '0',
  };
  const components = TOPOLOGY === 'split' ? ['cleaner', 'describer', 'orchestrator'] : ['all'];
  const children: ChildProcess[] = components.map((component) =>
    spawn(process.execPath, [...nodeFlags, MPR, 'serve', component], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const stop = () =>
    children.forEach((child) => {
      child.kill('SIGTERM');
    });
  const base = `http://127.0.0.1:${ports.http}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    const ready = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { base, port: ports.http, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  children.forEach((child) => {
    child.kill('SIGKILL');
  });
  throw new Error('system did not become ready');
}

type Send = () => Promise<void>;

/**
 * One keep-alive HTTP/1.1 connection that POSTs the same pre-built request, one at a time, and reads
 * each answer by its Content-Length (the gateway always sends one). Fails on any status but 200.
 */
async function leanClient(port: number, path: string, body: string): Promise<{ send: Send; close(): void }> {
  const request = Buffer.from(
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const headEnd = buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buffered.subarray(0, headEnd).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return waiting?.reject(new Error(`answer without content-length: ${head}`));
    const end = headEnd + 4 + Number(length[1]);
    if (buffered.length < end) return;
    buffered = buffered.subarray(end);
    const done = waiting;
    waiting = undefined;
    if (head.startsWith('HTTP/1.1 200 ')) done?.resolve();
    else done?.reject(new Error(`${head.split('\r\n')[0]} for ${body}`));
  });
  socket.on('error', (error) => waiting?.reject(error));
  return {
    send: () =>
      new Promise<void>((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(request);
      }),
    close: () => socket.destroy(),
  };
}

function fetchClient(base: string, body: string): Send {
  return async () => {
    const response = await fetch(`${base}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${body}`);
  };
}

/** Sequential latencies of every row, the rows interleaved in ROUNDS slices of DURATION_S / ROUNDS each. */
async function sequentialRows(rows: Record<string, Send>) {
  const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(rows).map((name) => [name, []]));
  const sliceMs = (DURATION_S * 1000) / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, send] of Object.entries(rows)) {
      const until = performance.now() + sliceMs;
      while (performance.now() < until) {
        const started = performance.now();
        await send();
        latencies[name]!.push(performance.now() - started);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(latencies).map(([name, values]) => {
      values.sort((a, b) => a - b);
      return [name, { rps: values.length / DURATION_S, p50: percentile(values, 50), p99: percentile(values, 99) }];
    }),
  );
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
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx and ${result.errors} errors for "${text}"`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const row = (name: string, r: { rps: number; p50: number; p99: number }) =>
  console.log(
    `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`,
  );

// The engine `mpr serve` runs (same checker parser when Link Grammar loads), without its log lines.
const engine = await loadCleanerEngine(loadConfig({}, {}));
const system = await startSystem();
const variant = AB_FLAGS.length > 0 ? await startSystem(AB_FLAGS) : undefined;
const cleaner = await leanClient(system.port, '/v1/clean', JSON.stringify({ text: DIRTY_TEXT }));
const skipped = await leanClient(system.port, '/v1/clean', JSON.stringify({ text: CLEAN_TEXT }));
const cleanerVariant = variant && (await leanClient(variant.port, '/v1/clean', JSON.stringify({ text: DIRTY_TEXT })));
try {
  const rows: Record<string, Send> = {
    direct: async () => {
      await engine.check(DIRTY_TEXT);
      await engine.clean(DIRTY_TEXT);
    },
    skipped: skipped.send,
    cleaner: cleaner.send,
    cleanerFetch: fetchClient(system.base, JSON.stringify({ text: DIRTY_TEXT })),
    ...(cleanerVariant && { cleanerVariant: cleanerVariant.send }),
  };
  // Warm-up: JIT, connections, dictionary caches on both sides.
  for (const send of Object.values(rows)) for (let i = 0; i < 300; i++) await send();
  await drive(system.base, DIRTY_TEXT, 1);
  if (variant) await drive(variant.base, DIRTY_TEXT, 1);
  const measured = await sequentialRows(rows);
  // Loaded rows alternate too when there are two systems, so neither gets the quieter half.
  const loaded: { rps: number; p50: number; p99: number }[] = [];
  const loadedVariant: { rps: number; p50: number; p99: number }[] = [];
  for (let round = 0; round < (variant ? 2 : 1); round++) {
    loaded.push(await drive(system.base, DIRTY_TEXT, 8));
    if (variant) loadedVariant.push(await drive(variant.base, DIRTY_TEXT, 8));
  }
  const mean = (runs: { rps: number; p50: number; p99: number }[]) => ({
    rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length,
    p50: runs.reduce((sum, r) => sum + r.p50, 0) / runs.length,
    p99: runs.reduce((sum, r) => sum + r.p99, 0) / runs.length,
  });
  const cleanerLoaded = mean(loaded);
  const {
    direct,
    cleaner: full,
    cleanerFetch,
    skipped: skip,
    cleanerVariant: fullVariant,
  } = measured as Record<string, { rps: number; p50: number; p99: number }>;
  console.log(
    `gateway benchmark, ${DURATION_S} s per row in ${ROUNDS} interleaved slices, ${TOPOLOGY}, ${process.env.CI ? 'CI' : 'local'} machine`,
  );
  row('direct engine call (in-process)', direct!);
  row('HTTP, skip-gated (sequential)', skip!);
  row('HTTP, default cleaner (sequential)', full!);
  row('HTTP, default cleaner (sequential, fetch)', cleanerFetch!);
  row('HTTP, default cleaner (autocannon, 8 conn.)', cleanerLoaded);
  const overhead = (path: { p50: number; p99: number }, p: 'p50' | 'p99') => Number((path[p] - direct![p]).toFixed(3));
  let ab: Record<string, unknown> | undefined;
  if (variant && fullVariant) {
    const variantLoaded = mean(loadedVariant);
    const label = `with ${AB_FLAGS.join(' ')}`;
    row(`HTTP, default cleaner (sequential) ${label}`, fullVariant);
    row(`HTTP, default cleaner (autocannon) ${label}`, variantLoaded);
    const ratio = (a: number, b: number) => Number((a / b).toFixed(3));
    ab = {
      flags: AB_FLAGS.join(' '),
      gateway_overhead_p50_ms: overhead(fullVariant, 'p50'),
      gateway_overhead_p99_ms: overhead(fullVariant, 'p99'),
      rps_cleaner_path: Math.round(variantLoaded.rps),
      // Below 1: the flags make it faster (latency) or slower (throughput) than the default system.
      p50_ratio: ratio(fullVariant.p50, full!.p50),
      p99_ratio: ratio(fullVariant.p99, full!.p99),
      loaded_p99_ratio: ratio(variantLoaded.p99, cleanerLoaded.p99),
      rps_ratio: ratio(variantLoaded.rps, cleanerLoaded.rps),
    };
  }
  await reportFigures(
    {
      name: 'gateway',
      title: 'jw1 gateway overhead and throughput',
      command: 'npm run bench:gateway',
      summary:
        'What jw1 adds to a request over calling the cleaner directly (p50, p99), and requests per second on the cleaner and skip paths, all three processes on loopback.',
      goals: [
        { figure: 'gateway_overhead_p50_ms', op: '<=', value: 2 },
        { figure: 'gateway_overhead_p99_ms', op: '<=', value: 10 },
      ],
    },
    {
      gateway_overhead_p50_ms: overhead(full!, 'p50'),
      gateway_overhead_p99_ms: overhead(full!, 'p99'),
      rps_cleaner_path: Math.round(cleanerLoaded.rps),
      rps_skip_path: Math.round(skip!.rps),
      gateway_overhead_p50_ms_fetch_client: overhead(cleanerFetch!, 'p50'),
      gateway_overhead_p99_ms_fetch_client: overhead(cleanerFetch!, 'p99'),
      topology: TOPOLOGY,
      ...(ab && { ab }),
    },
  );
} finally {
  cleaner.close();
  skipped.close();
  cleanerVariant?.close();
  system.stop();
  variant?.stop();
  await engine.close?.();
}
