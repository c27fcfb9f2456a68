// The metrics JSON every run writes and `eval compare` reads. `gleu` sits at the top level for GEC
// runs (external tools read it there); `metrics` holds every number, nested where a metric has parts.
import { readFile, writeFile } from 'node:fs/promises';
import { MprError } from '../lib/errors.ts';
import type { RuleFinding } from './policy-check.ts';
import type { RuleRow } from './gec-rules.ts';
import type { RunRecord } from './run-record.ts';

export const METRICS_FORMAT = 'mpr-eval/1';

export interface MetricsFile {
  format: typeof METRICS_FORMAT;
  task: string;
  gleu?: number;
  metrics: Record<string, unknown>;
  /** GLEU of extra hypothesis files scored on the same items (`--baseline label=FILE`). */
  baselines?: Record<string, number>;
  /** The policy a structured run was checked against (its numbers are in metrics.policy). */
  policy?: PolicyRecord;
  /** Every answer of a structured run, in item order: what `eval compare` rescores on valid subsets. */
  answers?: AnswerRecord[];
  /** GEC runs of a rule-based cleaner: each rule's sentences made better and worse (eval/gec-rules.ts). */
  rules?: RuleRow[];
  run: RunRecord;
}

export interface AnswerRecord {
  expected: unknown;
  /** The parsed JSON document; null when the system produced none (or the request failed). */
  document: unknown;
  schemaValid: boolean;
}

export interface PolicyRecord {
  name: string;
  file: string;
  /** sha256 of the policy file's text: runs checked against other rules are not comparable on them. */
  sha256: string;
  rules: { name: string; description: string; when?: string; must: string }[];
  findings: RuleFinding[];
}

export async function writeMetricsFile(path: string, file: MetricsFile): Promise<void> {
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
}

export async function readMetricsFile(path: string): Promise<MetricsFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MprError('invalid_argument', `cannot read metrics from ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const file = parsed as Partial<MetricsFile>;
  if (
    file.format !== METRICS_FORMAT ||
    typeof file.metrics !== 'object' ||
    typeof file.run?.datasetFingerprint !== 'string'
  ) {
    throw new MprError('invalid_argument', `${path} is not an ${METRICS_FORMAT} metrics file`);
  }
  return file as MetricsFile;
}

/** Every numeric leaf of `metrics`, named by its dotted path, in document order. */
export function flattenMetrics(metrics: Record<string, unknown>, prefix = ''): Map<string, number> {
  const flat = new Map<string, number>();
  for (const [key, value] of Object.entries(metrics)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number') flat.set(name, value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, number] of flattenMetrics(value as Record<string, unknown>, name)) flat.set(inner, number);
    }
  }
  return flat;
}
