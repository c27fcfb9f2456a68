// Side-by-side comparison of two runs on the same dataset. Runs on different data are not comparable,
// so a fingerprint mismatch is an error unless the caller forces it (and the report then says so).
import { MprError } from '../lib/errors.ts';
import { flattenMetrics, type MetricsFile } from './metrics-file.ts';
import { formatMetric, metricInfo, type MetricInfo } from './metric-info.ts';

export interface ComparisonRow extends MetricInfo {
  name: string;
  baseline: number | undefined;
  candidate: number | undefined;
  change: number | undefined;
  /** change / |baseline|; undefined when the baseline is 0 or missing. */
  relativeChange: number | undefined;
  verdict: 'better' | 'worse' | 'same' | 'n/a';
}

export interface Comparison {
  baseline: MetricsFile;
  candidate: MetricsFile;
  fingerprintsMatch: boolean;
  rows: ComparisonRow[];
}

export function compareRuns(
  baseline: MetricsFile,
  candidate: MetricsFile,
  options: { force?: boolean } = {},
): Comparison {
  const fingerprintsMatch = baseline.run.datasetFingerprint === candidate.run.datasetFingerprint;
  if (!fingerprintsMatch && !options.force) {
    throw new MprError(
      'invalid_argument',
      `the runs used different datasets (baseline ${baseline.run.datasetFingerprint}, ${baseline.run.items} items; ` +
        `candidate ${candidate.run.datasetFingerprint}, ${candidate.run.items} items); pass --force to compare anyway`,
    );
  }
  const before = flattenMetrics(baseline.metrics);
  const after = flattenMetrics(candidate.metrics);
  const names = [...before.keys(), ...[...after.keys()].filter((name) => !before.has(name))];
  return {
    baseline,
    candidate,
    fingerprintsMatch,
    rows: names.map((name) => compareMetric(name, before.get(name), after.get(name))),
  };
}

function compareMetric(name: string, baseline: number | undefined, candidate: number | undefined): ComparisonRow {
  const info = metricInfo(name);
  const change = baseline !== undefined && candidate !== undefined ? candidate - baseline : undefined;
  const relativeChange =
    change !== undefined && baseline !== 0 && baseline !== undefined ? change / Math.abs(baseline) : undefined;
  let verdict: ComparisonRow['verdict'] = 'n/a';
  if (change !== undefined && info.better !== 'neither') {
    // A change too small to show at the report's precision is no change for the verdict either.
    if (formatMetric(Math.abs(change), info.unit) === formatMetric(0, info.unit)) verdict = 'same';
    else verdict = change > 0 === (info.better === 'higher') ? 'better' : 'worse';
  }
  return { name, ...info, baseline, candidate, change, relativeChange, verdict };
}

export function formatChange(row: ComparisonRow): string {
  if (row.change === undefined) return 'n/a';
  const show = (magnitude: number): string =>
    row.unit === 'rate' ? `${(100 * magnitude).toFixed(1)} pp` : formatMetric(magnitude, row.unit);
  const text = show(Math.abs(row.change));
  const sign = text === show(0) ? '±' : row.change > 0 ? '+' : '-';
  const verdict = row.verdict === 'better' || row.verdict === 'worse' ? ` (${row.verdict})` : '';
  return `${sign}${text}${verdict}`;
}

export function formatRelativeChange(row: ComparisonRow): string {
  if (row.relativeChange === undefined) return 'n/a';
  const sign = row.relativeChange > 0 ? '+' : '';
  return `${sign}${(100 * row.relativeChange).toFixed(1)}%`;
}
