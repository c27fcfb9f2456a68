// `mpr eval compare`: the comparison report of two runs plus one SVG bar chart per kind of metric
// (and PNG copies when a renderer exists), written next to the report.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareRuns, formatChange, formatRelativeChange, type Comparison, type ComparisonRow } from './compare.ts';
import { readMetricsFile, type MetricsFile } from './metrics-file.ts';
import { formatMetric, type MetricUnit } from './metric-info.ts';
import { renderPng, type PngOutcome } from './png-render.ts';
import { engineLabel, table } from './report-markdown.ts';
import { chartHeight, renderBarChart, type BarChart } from './svg-chart.ts';

export interface EvalCompareOptions {
  baseline: string;
  candidate: string;
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

const CHART_TITLES: Partial<Record<MetricUnit, string>> = {
  points: 'GLEU (x 100)',
  rate: 'Rates (% of items)',
  ms: 'Latency (ms)',
  tokens: 'Tokens',
  ratio: 'Length ratio',
  squared: 'Mean squared error',
};
const SERIES = [
  { label: 'baseline', color: '#9aa5b1' },
  { label: 'candidate', color: '#2f6fdf' },
];
const CHART_WIDTH = 760;

export async function evaluateCompare(options: EvalCompareOptions): Promise<CompareOutput> {
  const [baseline, candidate] = await Promise.all([
    readMetricsFile(options.baseline),
    readMetricsFile(options.candidate),
  ]);
  const comparison = compareRuns(baseline, candidate, { force: options.force });
  const dir = path.dirname(path.resolve(options.report));
  const stem = path.basename(options.report).replace(/\.md$/i, '');
  await mkdir(dir, { recursive: true });
  const charts: string[] = [];
  const pngs: PngOutcome[] = [];
  for (const chart of buildCharts(comparison.rows)) {
    const svgName = `${stem}-${chart.unit}.svg`;
    const svgPath = path.join(dir, svgName);
    await writeFile(svgPath, renderBarChart(chart));
    charts.push(svgName);
    if (options.png !== false)
      pngs.push(await renderPng(svgPath, svgPath.replace(/\.svg$/, '.png'), CHART_WIDTH, chartHeight(chart)));
  }
  await writeFile(options.report, compareReport(comparison, charts, options.png === false ? undefined : pngs));
  return { comparison, charts, pngs };
}

export function buildCharts(rows: readonly ComparisonRow[]): (BarChart & { unit: MetricUnit })[] {
  const byUnit = new Map<MetricUnit, ComparisonRow[]>();
  for (const row of rows) {
    if (!CHART_TITLES[row.unit] || (row.baseline === undefined && row.candidate === undefined)) continue;
    byUnit.set(row.unit, [...(byUnit.get(row.unit) ?? []), row]);
  }
  return [...byUnit].map(([unit, unitRows]) => ({
    unit,
    title: CHART_TITLES[unit]!,
    series: SERIES,
    rows: unitRows.map((row) => ({
      label: row.label,
      values:
        unit === 'rate'
          ? [row.baseline, row.candidate].map((v) => (v === undefined ? v : 100 * v))
          : [row.baseline, row.candidate],
      texts: [formatMetric(row.baseline, row.unit), formatMetric(row.candidate, row.unit)],
    })),
  }));
}

export function compareReport(
  comparison: Comparison,
  charts: readonly string[],
  pngs: readonly PngOutcome[] | undefined,
): string {
  const { baseline, candidate } = comparison;
  const dataset = comparison.fingerprintsMatch
    ? `Both runs scored the same dataset: \`${baseline.run.datasetFingerprint}\` (${baseline.run.items} items, task ${baseline.task}).`
    : `**Warning: the runs scored different datasets** (baseline \`${baseline.run.datasetFingerprint}\`, candidate \`${candidate.run.datasetFingerprint}\`); compared with --force, so differences may come from the data, not the systems.`;
  const rows = comparison.rows.map((row) => [
    row.label,
    formatMetric(row.baseline, row.unit),
    formatMetric(row.candidate, row.unit),
    formatChange(row),
    formatRelativeChange(row),
  ]);
  const pngNote = pngNotes(pngs);
  return [
    `# Comparison: ${engineLabel(baseline.run)} vs ${engineLabel(candidate.run)}`,
    '',
    dataset,
    '',
    '## Metrics',
    '',
    table(['metric', 'baseline', 'candidate', 'change', 'relative change'], rows),
    '',
    'Rates change in percentage points (pp); "better"/"worse" follow each metric\'s direction.',
    '',
    '## Charts',
    '',
    ...charts.map((chart) => `![${chart}](${chart})\n`),
    ...(pngNote ? [pngNote, ''] : []),
    '## Runs',
    '',
    table(['field', 'baseline', 'candidate'], runRows(baseline, candidate)),
    '',
  ].join('\n');
}

function pngNotes(pngs: readonly PngOutcome[] | undefined): string | undefined {
  if (pngs === undefined) return 'PNG copies were not requested.';
  const failed = pngs.find((outcome) => !outcome.rendered);
  if (failed && !failed.rendered) return `PNG copies were not written: ${failed.note}.`;
  const done = pngs.find((outcome) => outcome.rendered);
  return done?.rendered ? `PNG copies (rendered with ${done.renderer}) sit next to each SVG.` : undefined;
}

function runRows(baseline: MetricsFile, candidate: MetricsFile): string[][] {
  const field = (label: string, pick: (file: MetricsFile) => string): string[] => [
    label,
    pick(baseline),
    pick(candidate),
  ];
  const setting = (value: number | null): string => (value === null ? 'system default' : String(value));
  return [
    field('engine', (file) => engineLabel(file.run)),
    field('target', (file) => file.run.target),
    field('concurrency', (file) => String(file.run.concurrency ?? 'unknown')),
    field('dataset fingerprint', (file) => file.run.datasetFingerprint),
    field(
      'temperature / max tokens',
      (file) => `${setting(file.run.generation.temperature)} / ${setting(file.run.generation.maxTokens)}`,
    ),
    field('git commit', (file) => file.run.gitCommit),
    field(
      'machine',
      (file) => `${file.run.machine.cpuModel} x ${file.run.machine.cores}, node ${file.run.machine.node}`,
    ),
    field('timestamp', (file) => file.run.timestamp),
    field('command', (file) => file.run.commandLine),
  ];
}
