// The policy part of a structured-run report: compliance, violations per rule, the first violating items.
import type { MetricsFile, PolicyRecord } from './metrics-file.ts';
import { formatMetric } from './metric-info.ts';
import type { PolicyMetrics, RuleFinding } from './policy-check.ts';
import type { Policy } from './policy-file.ts';
import { table } from './report-markdown.ts';

const INPUT_CHARS = 90;
const OUTPUT_CHARS = 260;
// Long strings of an answer are clipped so every field (the one a rule read among them) stays in view.
const STRING_CHARS = 40;

export function policyRecord(policy: Policy, findings: RuleFinding[]): PolicyRecord {
  return {
    name: policy.name,
    file: policy.source,
    sha256: policy.sha256,
    rules: policy.rules.map((rule) => ({ name: rule.name, description: rule.description, ...rule.text })),
    findings,
  };
}

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function compactJson(document: unknown): string {
  return (
    JSON.stringify(document, (_key, value: unknown) =>
      typeof value === 'string' ? clip(value, STRING_CHARS) : value,
    ) ?? ''
  );
}

/** The sentence every report uses for a run's policy numbers. */
export function complianceSentence(metrics: PolicyMetrics): string {
  const unchecked =
    metrics.uncheckedItems > 0 ? `; ${metrics.uncheckedItems} items without a JSON document were not checked` : '';
  return (
    `compliance ${formatMetric(metrics.complianceRate, 'rate')}: ${metrics.compliantItems} of ${metrics.checkedItems} ` +
    `checked items broke no rule; ${metrics.violations} violations, ${metrics.errors} rule errors${unchecked}`
  );
}

export function policySection(
  file: MetricsFile,
  inputs: readonly string[],
  documents: readonly unknown[],
): string | undefined {
  const record = file.policy;
  const metrics = (file.metrics as { policy?: PolicyMetrics }).policy;
  if (!record || !metrics) return undefined;
  const ruleRows = record.rules.map((rule) => {
    const tally = metrics.rules[rule.name];
    return [
      rule.name,
      rule.description,
      String(tally?.applicable ?? 0),
      String(tally?.violations ?? 0),
      String(tally?.errors ?? 0),
      formatMetric(tally?.complianceRate, 'rate'),
    ];
  });
  const findingRows = record.findings.map((finding) => [
    finding.rule,
    String(finding.item),
    clip(inputs[finding.item - 1] ?? '', INPUT_CHARS),
    finding.outcome === 'error'
      ? `(rule error) ${finding.detail ?? ''}`
      : clip(compactJson(documents[finding.item - 1]), OUTPUT_CHARS),
  ]);
  return [
    `## Policy \`${record.name}\` (${record.file})`,
    '',
    `${metrics.checkedItems + metrics.uncheckedItems} items: ${complianceSentence(metrics)}.`,
    '',
    table(['rule', 'description', 'applicable', 'violations', 'errors', 'compliance'], ruleRows),
    '',
    'A rule applies where its `when` holds (always, without one); it passes when `must` is true. An item complies when no rule was violated or failed on it.',
    '',
    findingRows.length === 0
      ? 'No item violated a rule.'
      : `### First violating items\n\n${table(['rule', 'item', 'input', 'output'], findingRows)}`,
  ].join('\n');
}
