// Public API of the evaluation harness. Choosing a system from command-line flags (systems.ts) stays
// out of it: it loads engines, which library users pick themselves.
export { evaluateGec } from './eval-gec.ts';
export type { EvalGecOptions } from './eval-gec.ts';
export { evaluateJson } from './eval-json.ts';
export type { EvalJsonOptions } from './eval-json.ts';
export { evaluateCompare } from './eval-compare.ts';
export type { CompareOutput, EvalCompareOptions } from './eval-compare.ts';
export { compareRuns } from './compare.ts';
export type { Comparison, ComparisonRow } from './compare.ts';
export { EngineGecSystem, HttpGecSystem } from './gec-system.ts';
export type { GecCorrection, GecSystem, HttpSystemOptions } from './gec-system.ts';
export { EngineJsonSystem, HttpJsonSystem } from './json-system.ts';
export type { JsonAnswer, JsonSystem, JsonTask } from './json-system.ts';
export { readGecDataset } from './gec-dataset.ts';
export type { GecDataset } from './gec-dataset.ts';
export { readJsonItems } from './json-dataset.ts';
export type { JsonItem } from './json-dataset.ts';
export { datasetFingerprint } from './fingerprint.ts';
export { flattenMetrics, METRICS_FORMAT, readMetricsFile } from './metrics-file.ts';
export type { MetricsFile } from './metrics-file.ts';
export type { RunRecord } from './run-record.ts';
export { jflegGleu } from './gleu.ts';
export { detokenize, tokenize } from './ptb-tokenize.ts';
export { measureSkipGate } from './skip-gate.ts';
export type { JflegHalf, SkipGateOptions, SkipGateReport } from './skip-gate.ts';
