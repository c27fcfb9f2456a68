// node bench/tracing.ts (npm run bench:tracing) — how much of a request's time its child spans account
// for: the all-in-one system traced into memory, BENCH_REQUESTS (default 50) /v1/process requests one
// after another on a quiet process, each a distinct text (no cache hits). Prints the share of the root
// (HTTP) span and of pipeline.process that their direct children cover (median, p10, minimum), then a
// JSON line (`--record` keeps it for docs/MEASUREMENTS.md). A gap is time no span explains.
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { reportFigures } from '../eval/measurements.ts';
import { childCoverage } from '../test/observability/span-tree.ts';
import { startTracedSystem } from '../test/observability/traced-system.ts';
import { postJson } from '../test/support/system.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);

const traced = await startTracedSystem();
const rootCoverage: number[] = [];
const pipelineCoverage: number[] = [];
try {
  await postJson(traced.base, '/v1/process', { text: 'I has a scool.' });
  for (let i = 0; i < REQUESTS; i += 1) {
    const response = await postJson(traced.base, '/v1/process', { text: `She go to scool evry day number ${i} .` });
    if (response.status !== 200) throw new Error(`request ${i}: HTTP ${response.status}`);
    const { root, spans } = await traced.traceOf(response.body.requestId);
    const pipeline = spans.find((span: ReadableSpan) => span.name === 'pipeline.process');
    if (!pipeline) throw new Error(`request ${i}: no pipeline.process span`);
    rootCoverage.push(childCoverage(spans, root));
    pipelineCoverage.push(childCoverage(spans, pipeline));
  }
} finally {
  await traced.system.stop();
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;
const percent = (value: number) => Number((value * 100).toFixed(1));
const row = (name: string, values: number[]) => {
  const figures = { median: quantile(values, 0.5), p10: quantile(values, 0.1), min: Math.min(...values) };
  console.log(
    `${name.padEnd(18)} children cover median ${percent(figures.median)}%  p10 ${percent(figures.p10)}%  min ${percent(figures.min)}%`,
  );
  return figures;
};
const root = row('root (HTTP) span', rootCoverage);
const pipeline = row('pipeline.process', pipelineCoverage);
await reportFigures(
  {
    name: 'tracing-coverage',
    title: 'Tracing: how much of a request its child spans account for',
    command: 'npm run bench:tracing',
    summary:
      'Share of the root (HTTP) span and of pipeline.process covered by their direct children, over ' +
      'sequential /v1/process requests traced into memory; a gap is time no span explains.',
  },
  {
    bench: 'tracing-coverage',
    requests: REQUESTS,
    root_coverage_pct: { median: percent(root.median), p10: percent(root.p10), min: percent(root.min) },
    pipeline_coverage_pct: { median: percent(pipeline.median), p10: percent(pipeline.p10), min: percent(pipeline.min) },
  },
);
