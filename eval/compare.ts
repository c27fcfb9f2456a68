// Side-by-side comparison of N runs on the same dataset, the first being the baseline every other run
// is measured against. Runs on different data are not comparable, so a fingerprint mismatch is an error
// unless the caller forces it (and the report then says so).
import path from 'node:path';
import { MprError } from '../lib/errors.ts';
import { flattenMetrics, type MetricsFile } from './metrics-file.ts';
import { formatMetric, metricInfo, type MetricInfo } from './metric-info.ts';
import { scoreValidSubsets, subsetMetrics, type ValidSubsetsOutcome } from './valid-subsets.ts';

export interface RunChange {
  change: number | undefined;
  /** change / |baseline|; undefined when the baseline is 0 or missing. */
  relativeChange: number | undefined;
  verdict: 'better' | 'worse' | 'same' | 'n/a';
}

export interface ComparisonRow extends MetricInfo {
  name: string;
  /** One value per run, baseline first. */
  values: (number | undefined)[];
  /** One change per run after the baseline, against the baseline. */
  changes: RunChange[];
}

export interface RunInput {
  file: MetricsFile;
  /** Where the metrics came from (for labels and the report). */
  path: string;
}

export interface Comparison {
  runs: MetricsFile[];
  paths: string[];
  labels: string[];
  fingerprintsMatch: boolean;
  rows: ComparisonRow[];
  subsets: ValidSubsetsOutcome;
}

export interface CompareOptions {
  force?: boolean;
  /** One label per run; default: each file's name without .json. */
  labels?: readonly string[];
}

export function compareRuns(inputs: readonly RunInput[], options: CompareOptions = {}): Comparison {
  if (inputs.length < 2) throw new MprError('invalid_argument', 'compare needs at least two runs');
  const runs = inputs.map((input) => input.file);
  const labels = runLabels(inputs, options.labels);
  const fingerprints = new Set(runs.map((run) => run.run.datasetFingerprint));
  const fingerprintsMatch = fingerprints.size === 1;
  if (!fingerprintsMatch && !options.force) {
    const described = runs.map(
      (run, index) => `${labels[index]} ${run.run.datasetFingerprint} (${run.run.items} items)`,
    );
    throw new MprError(
      'invalid_argument',
      `the runs used different datasets: ${described.join('; ')}; pass --force to compare anyway`,
    );
  }
  // Subsets are only meaningful when every run answered the same items.
  const subsets: ValidSubsetsOutcome = fingerprintsMatch
    ? scoreValidSubsets(runs, labels)
    : { available: false, reason: 'the runs scored different datasets' };
  const flat = runs.map((run, index) => {
    const metrics = flattenMetrics(run.metrics);
    if (subsets.available)
      for (const [name, value] of flattenMetrics(subsetMetrics(subsets.subsets, index))) metrics.set(name, value);
    return metrics;
  });
  const names: string[] = [];
  const seen = new Set<string>();
  for (const metrics of flat)
    for (const name of metrics.keys())
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
  return {
    runs,
    paths: inputs.map((input) => input.path),
    labels,
    fingerprintsMatch,
    rows: names.map((name) =>
      compareMetric(
        name,
        flat.map((metrics) => metrics.get(name)),
      ),
    ),
    subsets,
  };
}

function runLabels(inputs: readonly RunInput[], given: readonly string[] | undefined): string[] {
  if (given) {
    if (given.length !== inputs.length)
      throw new MprError('invalid_argument', `${given.length} labels for ${inputs.length} runs`);
    if (new Set(given).size !== given.length) throw new MprError('invalid_argument', 'labels must differ');
    return [...given];
  }
  const stems = inputs.map((input) => path.basename(input.path).replace(/\.json$/i, ''));
  // Files of the same name in different folders: number them rather than guess which part differs.
  return stems.map((stem, index) =>
    stems.filter((other) => other === stem).length > 1 ? `${stem}#${index + 1}` : stem,
  );
}

export function compareMetric(name: string, values: readonly (number | undefined)[]): ComparisonRow {
  const info = metricInfo(name);
  const baseline = values[0];
  const changes = values.slice(1).map((value): RunChange => {
    const change = baseline !== undefined && value !== undefined ? value - baseline : undefined;
    const relativeChange =
      change !== undefined && baseline !== undefined && baseline !== 0 ? change / Math.abs(baseline) : undefined;
    let verdict: RunChange['verdict'] = 'n/a';
    if (change !== undefined && info.better !== 'neither') {
      // A change too small to show at the report's precision is no change for the verdict either.
      if (formatMetric(Math.abs(change), info.unit) === formatMetric(0, info.unit)) verdict = 'same';
      else verdict = change > 0 === (info.better === 'higher') ? 'better' : 'worse';
    }
    return { change, relativeChange, verdict };
  });
  return { name, ...info, values: [...values], changes };
}

/** The change against the baseline: rates in percentage points, others in the metric's unit. */
export function formatChange(row: MetricInfo, change: RunChange, options: { verdict?: boolean } = {}): string {
  if (change.change === undefined) return 'n/a';
  const show = (magnitude: number): string =>
    row.unit === 'rate' ? `${(100 * magnitude).toFixed(1)} pp` : formatMetric(magnitude, row.unit);
  const text = show(Math.abs(change.change));
  const sign = text === show(0) ? '±' : change.change > 0 ? '+' : '-';
  const verdict =
    options.verdict !== false && (change.verdict === 'better' || change.verdict === 'worse')
      ? ` (${change.verdict})`
      : '';
  return `${sign}${text}${verdict}`;
}

export function formatRelativeChange(change: RunChange): string {
  if (change.relativeChange === undefined) return 'n/a';
  const sign = change.relativeChange > 0 ? '+' : '';
  return `${sign}${(100 * change.relativeChange).toFixed(1)}%`;
}
