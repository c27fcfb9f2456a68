// The bar charts of a comparison: one chart per kind of metric, one bar per run. Per-field numbers of
// all items and of each run's own subset stay in the tables; the charts show the headline metrics and
// the fields on the common valid subset, the one fair comparison of field quality.
import type { ComparisonRow } from './compare.ts';
import { formatMetric, type MetricUnit } from './metric-info.ts';
import type { BarChart, BarSeries } from './svg-chart.ts';

const CHART_TITLES: Partial<Record<MetricUnit, string>> = {
  points: 'GLEU (x 100)',
  rate: 'Rates (% of items)',
  violations: 'Policy violations (count)',
  ms: 'Latency (ms)',
  tokens: 'Tokens',
  ratio: 'Length ratio',
  squared: 'Mean squared error',
};

// The baseline in grey, candidates in colours that stay apart for the usual handful of checkpoints.
const BASELINE_COLOR = '#9aa5b1';
const CANDIDATE_COLORS = ['#2f6fdf', '#e8833a', '#3aa676', '#9b59b6', '#d64545', '#c9a227', '#17a2b8', '#6c757d'];

export function runSeries(labels: readonly string[]): BarSeries[] {
  return labels.map((label, index) => ({
    label,
    color: index === 0 ? BASELINE_COLOR : CANDIDATE_COLORS[(index - 1) % CANDIDATE_COLORS.length]!,
  }));
}

export function chartedRow(row: ComparisonRow): boolean {
  if (row.values.every((value) => value === undefined)) return false;
  if (/^(fields|ownValid)\./.test(row.name) || row.name.startsWith('policy.rules.')) return false;
  return !row.name.endsWith('.missingRate');
}

export function buildCharts(
  rows: readonly ComparisonRow[],
  labels: readonly string[],
): (BarChart & { unit: MetricUnit })[] {
  const byUnit = new Map<MetricUnit, ComparisonRow[]>();
  for (const row of rows) {
    if (!CHART_TITLES[row.unit] || !chartedRow(row)) continue;
    byUnit.set(row.unit, [...(byUnit.get(row.unit) ?? []), row]);
  }
  const series = runSeries(labels);
  return [...byUnit].map(([unit, unitRows]) => ({
    unit,
    title: CHART_TITLES[unit]!,
    series,
    rows: unitRows.map((row) => ({
      label: row.label,
      values: row.values.map((value) => (value !== undefined && unit === 'rate' ? 100 * value : value)),
      texts: row.values.map((value) => formatMetric(value, row.unit)),
    })),
  }));
}
