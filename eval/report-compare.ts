// The markdown of `mpr eval compare`, laid out like a fine-tuning report: a summary of the headline
// changes in percent, then one table per part (all items, valid subsets, policy) with a column per run
// (baseline first, each other run followed by its change against the baseline), charts, provenance.
import { formatChange, formatRelativeChange, type Comparison, type ComparisonRow, type RunChange } from './compare.ts';
import type { MetricsFile } from './metrics-file.ts';
import { formatMetric } from './metric-info.ts';
import type { PngOutcome } from './png-render.ts';
import { engineLabel, table } from './report-markdown.ts';

// Summary lines, in this order, for the metrics a comparison has.
const HEADLINES = [
  'gleu',
  'exactMatchRate',
  'jsonValidRate',
  'schemaValidRate',
  'exactAccuracyMean',
  'booleanAccuracyMean',
  'mseMean',
  'commonValid.exactAccuracyMean',
  'commonValid.booleanAccuracyMean',
  'commonValid.mseMean',
  'policy.violations',
  'policy.complianceRate',
  'latencyMeanMs',
  'latencyP95Ms',
  'outputTokensMean',
];

type Part = 'main' | 'subsets' | 'policy';

function partOf(name: string): Part {
  if (/^(ownValid|commonValid)\./.test(name)) return 'subsets';
  if (name.startsWith('policy.')) return 'policy';
  return 'main';
}

export function compareReport(comparison: Comparison, charts: readonly string[], pngNote: string | undefined): string {
  const { labels, rows } = comparison;
  const of = (part: Part): ComparisonRow[] => rows.filter((row) => partOf(row.name) === part);
  return [
    `# Evaluation report: ${labels.join(' vs ')} (${comparison.runs[0]!.task})`,
    '',
    datasetSentence(comparison),
    '',
    '## Summary',
    '',
    ...summaryLines(comparison),
    '',
    '## Runs',
    '',
    table(
      ['run', 'engine', 'metrics file'],
      comparison.runs.map((run, index) => [labels[index]!, engineLabel(run.run), comparison.paths[index]!]),
    ),
    '',
    '## Metrics on all items',
    '',
    metricsTable(labels, of('main')),
    '',
    'Rates change in percentage points (pp), with the relative change in percent; "better"/"worse" follow each metric\'s direction.',
    '',
    ...subsetsSection(comparison, of('subsets')),
    ...policySection(comparison, of('policy')),
    '## Charts',
    '',
    ...charts.map((chart) => `![${chart}](${chart})\n`),
    ...(pngNote ? [pngNote, ''] : []),
    '## Run details',
    '',
    table(['field', ...labels], runRows(comparison.runs)),
    '',
  ].join('\n');
}

function datasetSentence(comparison: Comparison): string {
  const first = comparison.runs[0]!;
  if (comparison.fingerprintsMatch)
    return `${comparison.runs.length} runs scored the same dataset \`${first.run.datasetFingerprint}\` (${first.run.items} items, task ${first.task}); the baseline is **${comparison.labels[0]}**.`;
  return `**Warning: the runs scored different datasets** (${comparison.runs.map((run, index) => `${comparison.labels[index]} \`${run.run.datasetFingerprint}\``).join(', ')}); compared with --force, so differences may come from the data, not the systems.`;
}

function changeText(row: ComparisonRow, change: RunChange): string {
  const absolute = formatChange(row, change, { verdict: false });
  // No relative change for a change too small to show.
  const relative =
    change.relativeChange === undefined || absolute.startsWith('±') ? '' : `, ${formatRelativeChange(change)}`;
  const verdict = change.verdict === 'better' || change.verdict === 'worse' ? `, ${change.verdict}` : '';
  return `${absolute}${relative}${verdict}`;
}

function summaryLines(comparison: Comparison): string[] {
  const rows = new Map(comparison.rows.map((row) => [row.name, row]));
  const subsets = comparison.subsets.available ? comparison.subsets.subsets : undefined;
  // When every run answered every item with JSON, the common subset is the whole set: no news there.
  const wholeSet = subsets !== undefined && subsets.commonItems === subsets.total;
  const headline = HEADLINES.flatMap((name) => {
    const row = rows.get(name);
    if (wholeSet && name.startsWith('commonValid.')) return [];
    return row?.values.some((value) => value !== undefined) ? [row] : [];
  });
  const lines: string[] = [];
  comparison.labels.slice(1).forEach((label, index) => {
    lines.push(`**${label}** against ${comparison.labels[0]}:`, '');
    const unchanged: string[] = [];
    for (const row of headline) {
      const change = row.changes[index]!;
      const absolute = formatChange(row, change, { verdict: false });
      if (absolute.startsWith('±')) {
        unchanged.push(`${row.label} ${formatMetric(row.values[0], row.unit)}`);
        continue;
      }
      const before = formatMetric(row.values[0], row.unit);
      const after = formatMetric(row.values[index + 1], row.unit);
      lines.push(`- ${row.label}: ${before} → ${after} (${changeText(row, change)})`);
    }
    if (unchanged.length > 0) lines.push(`- unchanged: ${unchanged.join('; ')}`);
    lines.push('');
  });
  if (subsets) {
    const own = subsets.own.map((scores, index) => `${comparison.labels[index]} ${scores.items}`).join(', ');
    lines.push(
      `Valid JSON per run: ${own} of ${subsets.total} items; ${subsets.commonItems} items were answered with JSON by every run (the common subset${wholeSet ? ', here the whole set' : ''}).`,
    );
  }
  return lines;
}

export function metricsTable(labels: readonly string[], rows: readonly ComparisonRow[]): string {
  const header = ['metric', labels[0]!, ...labels.slice(1).flatMap((label) => [label, `change (${label})`])];
  return table(
    header,
    rows.map((row) => [
      row.label,
      formatMetric(row.values[0], row.unit),
      ...row.changes.flatMap((change, index) => [
        formatMetric(row.values[index + 1], row.unit),
        change.change === undefined ? 'n/a' : changeText(row, change),
      ]),
    ]),
  );
}

function subsetsSection(comparison: Comparison, rows: readonly ComparisonRow[]): string[] {
  if (!comparison.runs[0]!.task.startsWith('json:')) return [];
  if (!comparison.subsets.available)
    return ['## Field metrics on valid subsets', '', `Not computed: ${comparison.subsets.reason}.`, ''];
  const { subsets } = comparison.subsets;
  const own = subsets.own.map((scores, index) => `${comparison.labels[index]} ${scores.items}`).join(', ');
  return [
    '## Field metrics on valid subsets',
    '',
    `Every field metric scored twice: on each run's **own valid subset** (the items it answered with a JSON document: ${own} of ${subsets.total}) and on the **common valid subset** (the ${subsets.commonItems} items every run answered with JSON). On all items, an answer without JSON counts as wrong on every field; here it is left out, so quality and validity can be told apart.`,
    '',
    metricsTable(comparison.labels, rows),
    '',
  ];
}

function policySection(comparison: Comparison, rows: readonly ComparisonRow[]): string[] {
  if (rows.length === 0) return [];
  const policies = comparison.runs.map((run) => run.policy);
  const digests = new Set(policies.map((policy) => policy?.sha256 ?? 'none'));
  const named = policies.find((policy) => policy !== undefined)!;
  const note =
    digests.size === 1
      ? `Every run was checked against policy \`${named.name}\` (${named.file}).`
      : `**Warning: the runs were checked against different policies** (${policies.map((policy, index) => `${comparison.labels[index]}: ${policy ? `${policy.name} ${policy.sha256.slice(0, 12)}` : 'none'}`).join('; ')}); their policy numbers are not comparable.`;
  return [
    '## Policy',
    '',
    note,
    'Compliance is the share of items with a JSON document that broke no rule; the first violating items of each run are in its own report.',
    '',
    metricsTable(comparison.labels, rows),
    '',
  ];
}

function runRows(runs: readonly MetricsFile[]): string[][] {
  const field = (label: string, pick: (file: MetricsFile) => string): string[] => [label, ...runs.map(pick)];
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

export function pngNotes(pngs: readonly PngOutcome[] | undefined): string | undefined {
  if (pngs === undefined) return 'PNG copies were not requested.';
  const failed = pngs.find((outcome) => !outcome.rendered);
  if (failed && !failed.rendered) return `PNG copies were not written: ${failed.note}.`;
  const done = pngs.find((outcome) => outcome.rendered);
  return done?.rendered ? `PNG copies (rendered with ${done.renderer}) sit next to each SVG.` : undefined;
}
