// How to show and judge each metric: its label, unit and which direction is better. Reports and
// compare share this table so a metric reads the same everywhere.

export type MetricUnit = 'points' | 'rate' | 'ms' | 'tokens' | 'ratio' | 'squared' | 'count' | 'violations';

export interface MetricInfo {
  label: string;
  unit: MetricUnit;
  better: 'higher' | 'lower' | 'neither';
}

const TABLE: Record<string, MetricInfo> = {
  gleu: { label: 'GLEU', unit: 'points', better: 'higher' },
  copySourceGleu: { label: 'GLEU of copying the source', unit: 'points', better: 'neither' },
  exactMatchRate: { label: 'exact match with a reference', unit: 'rate', better: 'higher' },
  overCorrectionRate: { label: 'over-corrections', unit: 'rate', better: 'lower' },
  verbosityRate: { label: 'verbose outputs', unit: 'rate', better: 'lower' },
  'verbosity.preamble': { label: 'verbose: preamble', unit: 'rate', better: 'lower' },
  'verbosity.explanation': { label: 'verbose: explanation', unit: 'rate', better: 'lower' },
  'verbosity.too_long': { label: 'verbose: > 1.5x longest reference', unit: 'rate', better: 'lower' },
  lengthRatioMean: { label: 'output / reference length', unit: 'ratio', better: 'neither' },
  unchangedRate: { label: 'outputs equal to the source', unit: 'rate', better: 'neither' },
  betterThanSourceRate: { label: 'better than the source (sentence GLEU)', unit: 'rate', better: 'higher' },
  worseThanSourceRate: { label: 'worse than the source (sentence GLEU)', unit: 'rate', better: 'lower' },
  worseThanSourceChangedRefsRate: {
    label: 'worse than the source (references that change it)',
    unit: 'rate',
    better: 'lower',
  },
  skipRate: { label: 'skipped', unit: 'rate', better: 'neither' },
  degradedRate: { label: 'degraded (cleaner unreachable)', unit: 'rate', better: 'lower' },
  errorRate: { label: 'failed requests', unit: 'rate', better: 'lower' },
  jsonValidRate: { label: 'valid JSON', unit: 'rate', better: 'higher' },
  schemaValidRate: { label: 'schema-valid JSON', unit: 'rate', better: 'higher' },
  exactAccuracyMean: { label: 'exact accuracy (mean over fields)', unit: 'rate', better: 'higher' },
  booleanAccuracyMean: { label: 'boolean accuracy (mean over fields)', unit: 'rate', better: 'higher' },
  mseMean: { label: 'MSE (mean over numeric fields)', unit: 'squared', better: 'lower' },
  latencyMeanMs: { label: 'latency mean', unit: 'ms', better: 'lower' },
  latencyP50Ms: { label: 'latency p50', unit: 'ms', better: 'lower' },
  latencyP95Ms: { label: 'latency p95', unit: 'ms', better: 'lower' },
  cpuMeanMs: { label: 'CPU time mean (in-process)', unit: 'ms', better: 'lower' },
  cpuP95Ms: { label: 'CPU time p95 (in-process)', unit: 'ms', better: 'lower' },
  inputTokensTotal: { label: 'input tokens (total)', unit: 'tokens', better: 'neither' },
  outputTokensTotal: { label: 'output tokens (total)', unit: 'tokens', better: 'neither' },
  inputTokensMean: { label: 'input tokens (mean)', unit: 'tokens', better: 'neither' },
  outputTokensMean: { label: 'output tokens (mean)', unit: 'tokens', better: 'neither' },
  items: { label: 'items', unit: 'count', better: 'neither' },
  'policy.complianceRate': { label: 'policy compliance', unit: 'rate', better: 'higher' },
  'policy.violations': { label: 'policy violations', unit: 'violations', better: 'lower' },
  'policy.nonCompliantItems': { label: 'items breaking a policy rule', unit: 'violations', better: 'lower' },
  'policy.errors': { label: 'policy rule errors', unit: 'count', better: 'lower' },
  'policy.checkedItems': { label: 'items checked against the policy', unit: 'count', better: 'neither' },
  'policy.uncheckedItems': { label: 'items not checked (no JSON)', unit: 'count', better: 'neither' },
  'policy.compliantItems': { label: 'items complying with the policy', unit: 'count', better: 'neither' },
  toneAgreement: { label: 'tone agreement', unit: 'rate', better: 'higher' },
};

// Entity scores of a reading set are named `entities.<type>.<measure>` (reading-metrics.ts).
const ENTITY_MEASURES: Record<string, Omit<MetricInfo, 'label'>> = {
  precision: { unit: 'rate', better: 'higher' },
  recall: { unit: 'rate', better: 'higher' },
  f1: { unit: 'rate', better: 'higher' },
  annotated: { unit: 'count', better: 'neither' },
  found: { unit: 'count', better: 'neither' },
  matched: { unit: 'count', better: 'higher' },
};

// Per-rule policy numbers are named `policy.rules.<rule>.<measure>`.
const RULE_MEASURES: Record<string, MetricInfo> = {
  applicable: { label: 'applicable', unit: 'count', better: 'neither' },
  passed: { label: 'passed', unit: 'count', better: 'neither' },
  violations: { label: 'violations', unit: 'violations', better: 'lower' },
  errors: { label: 'errors', unit: 'count', better: 'lower' },
  complianceRate: { label: 'compliance', unit: 'rate', better: 'higher' },
};

// `eval compare` rescoring fields on valid subsets names those numbers `<subset>.<metric>`.
const SUBSETS: Record<string, string> = { ownValid: 'own valid', commonValid: 'common valid' };

// Per-field metrics of structured tasks are named `fields.<path>.<measure>`.
const FIELD_MEASURES: Record<string, Omit<MetricInfo, 'label'>> = {
  accuracy: { unit: 'rate', better: 'higher' },
  mse: { unit: 'squared', better: 'lower' },
  missingRate: { unit: 'rate', better: 'lower' },
};

export function metricInfo(name: string): MetricInfo {
  const known = TABLE[name];
  if (known) return known;
  const subset = /^(ownValid|commonValid)\.(.+)$/.exec(name);
  if (subset) {
    const inner = metricInfo(subset[2]!);
    return { ...inner, label: `${SUBSETS[subset[1]!]}: ${inner.label}` };
  }
  const rule = /^policy\.rules\.(.+)\.(\w+)$/.exec(name);
  const ruleMeasure = rule ? RULE_MEASURES[rule[2]!] : undefined;
  if (rule && ruleMeasure) return { ...ruleMeasure, label: `rule ${rule[1]}: ${ruleMeasure.label}` };
  const entity = /^entities\.(.+)\.(\w+)$/.exec(name);
  const entityMeasure = entity ? ENTITY_MEASURES[entity[2]!] : undefined;
  if (entity && entityMeasure) return { label: `${entity[1]} entities: ${entity[2]}`, ...entityMeasure };
  const field = /^fields\.(.+)\.(\w+)$/.exec(name);
  const measure = field ? FIELD_MEASURES[field[2]!] : undefined;
  if (field && measure)
    return { label: `${field[1]} ${field[2] === 'missingRate' ? 'missing' : field[2]}`, ...measure };
  return { label: name, unit: 'count', better: 'neither' };
}

export function formatMetric(value: number | undefined, unit: MetricUnit): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'rate':
      return `${(100 * value).toFixed(1)}%`;
    case 'points':
      return value.toFixed(2);
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'ratio':
    case 'squared':
      return value.toFixed(3);
    case 'tokens':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    case 'count':
    case 'violations':
      return Number.isInteger(value) ? String(value) : value.toFixed(3);
  }
}
