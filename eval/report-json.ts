// The markdown report of a structured-task run: headline, per-field table, examples of misses.
import { isDeepStrictEqual } from 'node:util';
import type { JsonItem } from './json-dataset.ts';
import type { JsonItemResult } from './run-json.ts';
import { expectedFields, valueAt, type FieldScore } from './json-metrics.ts';
import type { MetricsFile } from './metrics-file.ts';
import { formatMetric } from './metric-info.ts';
import { cell, engineLabel, metricsSection, runRecordSection, table } from './report-markdown.ts';
import { policySection } from './report-policy.ts';

const EXAMPLES = 5;

export function jsonReport(file: MetricsFile, items: readonly JsonItem[], results: readonly JsonItemResult[]): string {
  const metrics = file.metrics as {
    jsonValidRate: number;
    schemaValidRate: number;
    fields: Record<string, FieldScore>;
  };
  const fieldRows = Object.entries(metrics.fields).map(([name, score]) => [
    name,
    score.kind,
    formatMetric(score.accuracy, 'rate'),
    formatMetric(score.mse, 'squared'),
    formatMetric(score.missingRate, 'rate'),
  ]);
  return [
    `# Structured-output evaluation (${file.task}): ${cell(engineLabel(file.run))}`,
    '',
    `${items.length} items: valid JSON ${formatMetric(metrics.jsonValidRate, 'rate')}, schema-valid ${formatMetric(metrics.schemaValidRate, 'rate')}.`,
    '',
    '## Fields',
    '',
    table(['field', 'kind', 'accuracy', 'MSE', 'missing'], fieldRows),
    '',
    "Fields are the leaves of each line's `expected`; strings, arrays and null are scored by exact equality, booleans by accuracy, numbers by accuracy and mean squared error (missing or non-numeric values count as wrong and are left out of the MSE).",
    '',
    ...optionalSection(
      policySection(
        file,
        items.map((item) => item.input),
        results.map((result) => result.document),
      ),
    ),
    metricsSection(file.metrics),
    '',
    missesSection(items, results),
    '',
    runRecordSection(file.run),
    '',
  ].join('\n');
}

function optionalSection(section: string | undefined): string[] {
  return section === undefined ? [] : [section, ''];
}

function missesSection(items: readonly JsonItem[], results: readonly JsonItemResult[]): string {
  const rows: string[][] = [];
  items.forEach((item, index) => {
    const result = results[index]!;
    if (result.error !== undefined) {
      rows.push([String(index + 1), '(request)', '', result.error]);
      return;
    }
    if (!result.schemaValid) rows.push([String(index + 1), '(schema)', '', result.schemaErrors.slice(0, 3).join('; ')]);
    for (const field of expectedFields(item.expected)) {
      const actual = valueAt(result.document, field.path);
      if (!actual.found || !isDeepStrictEqual(actual.value, field.value)) {
        rows.push([
          String(index + 1),
          field.name,
          JSON.stringify(field.value),
          actual.found ? JSON.stringify(actual.value) : '(missing)',
        ]);
      }
    }
  });
  if (rows.length === 0) return '## Misses\n\nnone';
  return `## Misses (${rows.length}, first ${Math.min(rows.length, EXAMPLES)})\n\n${table(['item', 'field', 'expected', 'got'], rows.slice(0, EXAMPLES))}`;
}
