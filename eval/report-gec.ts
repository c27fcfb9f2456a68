// The markdown report of a GEC run: headline, metrics, definitions, and examples worth reading.
import { referencesOf, type GecDataset } from './gec-dataset.ts';
import { OVER_CORRECTION_MARGIN_WORDS, VERBOSE_LENGTH_FACTOR } from './gec-metrics.ts';
import type { RuleRow } from './gec-rules.ts';
import { judgeSentence, type GecMetrics } from './gec-score.ts';
import type { MetricsFile } from './metrics-file.ts';
import { cell, engineLabel, metricsSection, runRecordSection, table } from './report-markdown.ts';
import type { GecItemResult } from './run-gec.ts';

const EXAMPLES_PER_KIND = 5;

export function gecReport(file: MetricsFile, dataset: GecDataset, results: readonly GecItemResult[]): string {
  const metrics = file.metrics as unknown as GecMetrics;
  const rows: string[][] = [
    ['this run', metrics.gleu.toFixed(2)],
    ['copy the source', metrics.copySourceGleu.toFixed(2)],
  ];
  for (const [label, gleu] of Object.entries(file.baselines ?? {})) rows.push([label, gleu.toFixed(2)]);
  return [
    `# GEC evaluation: ${cell(engineLabel(file.run))}`,
    '',
    `GLEU **${metrics.gleu.toFixed(2)}** on ${metrics.items} sentences (copying the source scores ${metrics.copySourceGleu.toFixed(2)}).`,
    '',
    table(['system', 'GLEU'], rows),
    '',
    metricsSection(file.metrics),
    '',
    '## Definitions',
    '',
    '- GLEU: JFLEG sentence-level multi-reference GLEU x 100, on outputs re-tokenized like the references.',
    `- Over-correction: the output's word-level edit distance to the source exceeds the largest edit distance of any reference to the source by more than ${OVER_CORRECTION_MARGIN_WORDS} words.`,
    `- Verbose: a preamble ("Here is", "The corrected sentence is:"...) or an explanation the source does not contain, or more than ${VERBOSE_LENGTH_FACTOR}x the tokens of the longest reference.`,
    '- Length ratio: output tokens over the mean reference length, averaged over sentences.',
    '- Failed requests keep the source as their hypothesis; latency and tokens count answered requests only.',
    '',
    ...(file.rules ? [rulesSection(file.rules), ''] : []),
    examplesSection(dataset, results),
    '',
    runRecordSection(file.run),
    '',
  ].join('\n');
}

function rulesSection(rules: readonly RuleRow[]): string {
  const rows = rules.map((row) => [
    cell(row.rule),
    String(row.fired),
    String(row.edits),
    String(row.better),
    String(row.worse),
    String(row.same),
    row.worse > row.better ? 'makes more worse than better' : '',
  ]);
  const worst = rules.flatMap((row) =>
    row.worst.map((example) => [
      cell(row.rule),
      String(example.line),
      example.change.toFixed(1),
      cell(example.input),
      cell(example.output),
    ]),
  );
  return [
    '## Rules',
    '',
    "Each rule's own edits applied alone to the sentences it fired on, scored with sentence-level GLEU against the input.",
    '',
    table(['rule', 'sentences', 'edits', 'better', 'worse', 'same', ''], rows),
    '',
    '### Worst examples per rule',
    '',
    worst.length === 0 ? 'none' : table(['rule', 'line', 'GLEU change', 'input', 'with this rule only'], worst),
  ].join('\n');
}

function examplesSection(dataset: GecDataset, results: readonly GecItemResult[]): string {
  const overCorrections: string[][] = [];
  const verbose: string[][] = [];
  const failures: string[][] = [];
  results.forEach((result, index) => {
    const verdict = judgeSentence(dataset, index, result);
    const line = String(index + 1);
    if (result.error !== undefined) failures.push([line, result.input, result.error]);
    else if (verdict.overCorrection)
      overCorrections.push([line, result.input, result.output, referencesOf(dataset, index)[0] ?? '']);
    if (verdict.verbosity) verbose.push([line, verdict.verbosity, result.output]);
  });
  const part = (title: string, header: string[], rows: string[][]): string =>
    rows.length === 0
      ? `### ${title}\n\nnone`
      : `### ${title} (${rows.length}, first ${Math.min(rows.length, EXAMPLES_PER_KIND)})\n\n${table(header, rows.slice(0, EXAMPLES_PER_KIND))}`;
  return [
    '## Examples',
    '',
    part('Over-corrections', ['line', 'input', 'output', 'reference 0'], overCorrections),
    '',
    part('Verbose outputs', ['line', 'why', 'output'], verbose),
    '',
    part('Failed requests', ['line', 'input', 'error'], failures),
  ].join('\n');
}
