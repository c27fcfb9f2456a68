// `mpr eval compare`: the comparison report of N runs (the first is the baseline) plus one SVG bar chart
// per kind of metric with a bar per run (and PNG copies when a renderer exists), written next to it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareRuns, type Comparison } from './compare.ts';
import { buildCharts } from './compare-charts.ts';
import { readMetricsFile } from './metrics-file.ts';
import { renderPng, type PngOutcome } from './png-render.ts';
import { compareReport, pngNotes } from './report-compare.ts';
import { CHART_WIDTH, chartHeight, renderBarChart } from './svg-chart.ts';

export interface EvalCompareOptions {
  /** Metrics files, the baseline first. */
  runs: readonly string[];
  /** One label per run; default: each file's name without .json. */
  labels?: readonly string[];
  report: string;
  force?: boolean;
  /** Try to render PNG copies of the charts (default true). */
  png?: boolean;
}

export interface CompareOutput {
  comparison: Comparison;
  charts: string[];
  pngs: PngOutcome[];
}

export async function evaluateCompare(options: EvalCompareOptions): Promise<CompareOutput> {
  const files = await Promise.all(options.runs.map((run) => readMetricsFile(run)));
  const comparison = compareRuns(
    files.map((file, index) => ({ file, path: options.runs[index]! })),
    { force: options.force, labels: options.labels },
  );
  const dir = path.dirname(path.resolve(options.report));
  const stem = path.basename(options.report).replace(/\.md$/i, '');
  await mkdir(dir, { recursive: true });
  const charts: string[] = [];
  const pngs: PngOutcome[] = [];
  for (const chart of buildCharts(comparison.rows, comparison.labels)) {
    const svgName = `${stem}-${chart.unit}.svg`;
    const svgPath = path.join(dir, svgName);
    await writeFile(svgPath, renderBarChart(chart));
    charts.push(svgName);
    if (options.png !== false)
      pngs.push(await renderPng(svgPath, svgPath.replace(/\.svg$/, '.png'), CHART_WIDTH, chartHeight(chart)));
  }
  await writeFile(
    options.report,
    compareReport(comparison, charts, pngNotes(options.png === false ? undefined : pngs)),
  );
  return { comparison, charts, pngs };
}
