// npm run soak -- --minutes N [--rps R] [--kill-every-s K] [--record]
//
// A steady mixed load of good and bad requests (soak-traffic.ts) against jw1, jw3 and two jw2 replicas,
// each its own `mpr serve` process as in Kubernetes, while one cleaner replica after the other is killed
// (SIGKILL and SIGTERM in turn) and restarted every K seconds. The last line is JSON:
// - requests, by_kind, typed_errors: what was sent and what came back;
// - lost: answers that were neither a success nor a typed error (the run exits 1 when lost > 0), and
//   unexpected: a bad request answered 200 or a good one refused as a client error (also exit 1);
// - rss_growth_pct: jw1's resident memory at the end against just after warm-up (median of the samples
//   in the last tenth of the run against the tenth after warm-up); describer_rss_growth_pct likewise;
// - p99_ms: latency p99 of each tenth of the run, and p99_trend_ratio: the mean p99 of the last three
//   tenths over that of the three after warm-up (above 1: latency creeping up).
// Goals for 30 minutes: lost = 0, rss_growth_pct <= 5, no upward p99 trend.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { reportFigures } from '../eval/measurements.ts';
import { spawnMpr, type MprProcess } from '../test/support/mpr-process.ts';
import { freePort } from '../test/support/ports.ts';
import { kindOf, orchestratorGrpcClient, REQUEST_KINDS, type Target, type Verdict } from './soak-traffic.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    rps: { type: 'string', default: '100' },
    'kill-every-s': { type: 'string' },
    record: { type: 'boolean', default: false },
  },
});
const DURATION_MS = Number(values.minutes) * 60_000;
const RPS = Number(values.rps);
const KILL_EVERY_MS = Number(values['kill-every-s'] ?? Math.max(15, DURATION_MS / 1000 / 8)) * 1000;
const WARMUP_MS = Math.min(180_000, Math.max(20_000, DURATION_MS / 10));
const INTERVALS = 10;
const RSS_SAMPLE_MS = 2_000;
const LANES = 32;
if (!(DURATION_MS > 0 && RPS > 0 && KILL_EVERY_MS > 0))
  throw new Error('--minutes, --rps, --kill-every-s: numbers > 0');

function rssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function waitForLog(process: MprProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pattern.test(process.log())) {
    if (process.child.exitCode !== null) throw new Error(`exited before ready:\n${process.log()}`);
    if (Date.now() > until) throw new Error(`not ready within ${timeoutMs} ms:\n${process.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
};
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const ports = {
    http: await freePort(),
    grpc: await freePort(),
    describer: await freePort(),
    cleaners: [await freePort(), await freePort()],
  };
  const common = { MPR_LOG_LEVEL: 'info' };
  const cleaner = (i: number) =>
    spawnMpr('cleaner', { ...common, MPR_CLEANER_PORT: String(ports.cleaners[i]), MPR_CLEANER_METRICS_PORT: '0' });
  const cleaners = [cleaner(0), cleaner(1)];
  const describer = spawnMpr('describer', {
    ...common,
    MPR_DESCRIBER_PORT: String(ports.describer),
    MPR_DESCRIBER_METRICS_PORT: '0',
  });
  const jw1 = spawnMpr('orchestrator', {
    ...common,
    MPR_HTTP_PORT: String(ports.http),
    MPR_GRPC_PORT: String(ports.grpc),
    MPR_CLEANER_ADDR: `ipv4:${ports.cleaners.map((port) => `127.0.0.1:${port}`).join(',')}`,
    MPR_DESCRIBER_ADDR: `127.0.0.1:${ports.describer}`,
    // Every request reaches the agents: a cache would answer the repeated texts from memory.
    MPR_CACHE_MAX_ENTRIES: '0',
  });
  const all = () => [jw1, describer, ...cleaners];
  try {
    await Promise.all(
      [...cleaners, describer].map((agent) => waitForLog(agent, /"msg":"jw[23]-\w+ listening"/, 120_000)),
    );
    await waitForLog(jw1, /"msg":"orchestrator jw1 listening"/, 60_000);
    console.error(`soak: ${values.minutes} min at ${RPS} req/s, a cleaner killed every ${KILL_EVERY_MS / 1000} s`);

    const target: Target = {
      base: `http://127.0.0.1:${ports.http}`,
      grpc: orchestratorGrpcClient(ports.grpc),
      timeoutMs: 10_000,
    };
    const started = Date.now();
    const endsAt = started + DURATION_MS;
    const latencies: number[][] = Array.from({ length: INTERVALS }, () => []);
    const byKind: Record<string, { sent: number; success: number; typed: number; lost: number; unexpected: number }> =
      Object.fromEntries(
        REQUEST_KINDS.map((kind) => [kind.name, { sent: 0, success: 0, typed: 0, lost: 0, unexpected: 0 }]),
      );
    const typedErrors: Record<string, number> = {};
    const examples: string[] = [];
    const note = (kind: string, verdict: Verdict, ms: number, at: number) => {
      const counts = byKind[kind]!;
      counts[verdict.kind === 'success' ? 'success' : verdict.kind]++;
      if (verdict.kind === 'typed') typedErrors[verdict.code] = (typedErrors[verdict.code] ?? 0) + 1;
      if ((verdict.kind === 'lost' || verdict.kind === 'unexpected') && examples.length < 10)
        examples.push(`${kind}: ${verdict.detail}`);
      if (verdict.kind !== 'lost')
        latencies[Math.min(INTERVALS - 1, Math.floor(((at - started) / DURATION_MS) * INTERVALS))]!.push(ms);
    };

    // Open loop: request seq is due at started + seq / RPS, whichever lane is free takes it.
    let nextSeq = 0;
    const lane = async () => {
      for (;;) {
        const seq = nextSeq++;
        const due = started + (seq * 1000) / RPS;
        if (due >= endsAt) return;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const kind = kindOf(seq);
        byKind[kind.name]!.sent++;
        const sentAt = performance.now();
        const verdict = await kind.send(target, seq);
        note(kind.name, verdict, performance.now() - sentAt, due);
      }
    };

    const rss: { at: number; jw1: number; describer: number }[] = [];
    const sampler = setInterval(() => {
      const jw1Rss = rssBytes(jw1.child.pid);
      const describerRss = rssBytes(describer.child.pid);
      if (jw1Rss && describerRss) rss.push({ at: Date.now() - started, jw1: jw1Rss, describer: describerRss });
    }, RSS_SAMPLE_MS);

    let kills = 0;
    const restartFailures: string[] = [];
    const faults = (async () => {
      for (let round = 0; Date.now() + KILL_EVERY_MS < endsAt; round++) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        const index = round % cleaners.length;
        const signal = round % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
        await cleaners[index]!.stop(signal);
        kills++;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        cleaners[index] = cleaner(index);
        // A start on a busy machine can be slow; a replica that never comes up is reported, not fatal.
        await waitForLog(cleaners[index]!, /"msg":"jw2-cleaner listening"/, 180_000).catch((error: unknown) => {
          restartFailures.push(String(error).slice(0, 500));
        });
      }
    })();

    await Promise.all([...Array.from({ length: LANES }, lane), faults]);
    clearInterval(sampler);
    target.grpc.close();

    const totals = Object.values(byKind).reduce(
      (sum, counts) => ({
        sent: sum.sent + counts.sent,
        lost: sum.lost + counts.lost,
        unexpected: sum.unexpected + counts.unexpected,
      }),
      { sent: 0, lost: 0, unexpected: 0 },
    );
    const window = DURATION_MS / 10;
    const growth = (pick: (sample: (typeof rss)[number]) => number) => {
      const baseline = median(rss.filter((s) => s.at >= WARMUP_MS && s.at < WARMUP_MS + window).map(pick));
      const final = median(rss.filter((s) => s.at >= DURATION_MS - window).map(pick));
      return {
        pct: round(((final - baseline) / baseline) * 100, 2),
        baselineMb: round(baseline / 2 ** 20),
        finalMb: round(final / 2 ** 20),
      };
    };
    const p99 = latencies.map((values) =>
      round(
        percentile(
          [...values].sort((a, b) => a - b),
          99,
        ),
      ),
    );
    const firstAfterWarmup = Math.min(INTERVALS - 6, Math.ceil(WARMUP_MS / window));
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const jw1Growth = growth((s) => s.jw1);
    const describerGrowth = growth((s) => s.describer);
    const figures = {
      minutes: Number(values.minutes),
      rps_target: RPS,
      requests: totals.sent,
      rps_achieved: round(totals.sent / (DURATION_MS / 1000)),
      lost: totals.lost,
      unexpected: totals.unexpected,
      agent_kills: kills,
      ...(restartFailures.length > 0 ? { restart_failures: restartFailures } : {}),
      typed_errors: typedErrors,
      rss_growth_pct: jw1Growth.pct,
      rss_mb: { after_warmup: jw1Growth.baselineMb, end: jw1Growth.finalMb },
      describer_rss_growth_pct: describerGrowth.pct,
      p99_ms: p99,
      p99_trend_ratio: round(mean(p99.slice(-3)) / mean(p99.slice(firstAfterWarmup, firstAfterWarmup + 3)), 3),
      by_kind: byKind,
      ...(examples.length > 0 ? { examples } : {}),
    };
    await reportFigures(
      {
        name: 'soak',
        title: 'Soak with faults: mixed good and bad requests while cleaner replicas are killed',
        command: `npm run soak -- --minutes ${values.minutes} --rps ${RPS}`,
        summary:
          'jw1, jw3 and two jw2 replicas as processes; one jw2 killed (SIGKILL and SIGTERM in turn) and restarted at intervals under a steady open-loop load. lost counts answers neither a success nor a typed error; rss_growth_pct is jw1 after warm-up; p99_ms is per tenth of the run.',
        goals: [
          { figure: 'lost', op: '==', value: 0 },
          { figure: 'unexpected', op: '==', value: 0 },
          { figure: 'rss_growth_pct', op: '<=', value: 5 },
          { figure: 'p99_trend_ratio', op: '<=', value: 1.25 },
        ],
      },
      figures,
    );
    process.exitCode = totals.lost > 0 || totals.unexpected > 0 ? 1 : 0;
  } finally {
    await Promise.all(all().map((part) => part.stop('SIGTERM', 20_000)));
  }
}

await main();
