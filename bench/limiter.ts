// npm run bench:limiter — per-job cost of the limiter on jw1's hot path, side by side in one run:
// bottleneck (the design card's first choice) against p-queue (used for per-agent concurrency) and
// rate-limiter-flexible (used for per-client rates). Ends with a JSON line of the ratios.
import Bottleneck from 'bottleneck';
import PQueue from 'p-queue';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { reportFigures } from '../eval/measurements.ts';

const JOBS = Number(process.env.BENCH_JOBS ?? 500);

async function perJobMs(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) await run();
  return (performance.now() - started) / JOBS;
}

const bottleneckQueue = new Bottleneck({ maxConcurrent: 16, highWater: 64, strategy: Bottleneck.strategy.OVERFLOW });
const bottleneckRate = new Bottleneck({ reservoir: 1e9, highWater: 0, strategy: Bottleneck.strategy.OVERFLOW });
const pQueue = new PQueue({ concurrency: 16 });
const flexible = new RateLimiterMemory({ points: 1e9, duration: 1 });

const rows = {
  bottleneck_concurrency: await perJobMs(() => bottleneckQueue.schedule(() => Promise.resolve())),
  p_queue_concurrency: await perJobMs(() => pQueue.add(() => Promise.resolve())),
  bottleneck_reservoir: await perJobMs(() => bottleneckRate.schedule(() => Promise.resolve())),
  rate_limiter_flexible: await perJobMs(() => flexible.consume('client')),
};
for (const [name, ms] of Object.entries(rows)) console.log(`${name.padEnd(24)} ${ms.toFixed(4)} ms per job`);
await reportFigures(
  {
    name: 'limiter',
    title: 'Limiter libraries: bottleneck against p-queue and rate-limiter-flexible',
    command: 'npm run bench:limiter',
    summary:
      'Cost per job of each library on the same no-op jobs; why jw1 queues with p-queue and rate-limits with rate-limiter-flexible.',
  },
  {
    bottleneck_vs_p_queue: Number((rows.bottleneck_concurrency / rows.p_queue_concurrency).toFixed(1)),
    bottleneck_vs_rate_limiter_flexible: Number((rows.bottleneck_reservoir / rows.rate_limiter_flexible).toFixed(1)),
    p_queue_ms_per_job: Number(rows.p_queue_concurrency.toFixed(4)),
  },
);
