// `mpr eval json`: run a JSONL set of {input, expected} through a structured-output system and score
// JSON validity, schema validity and the expected fields.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaHash } from '../services/describer/tasks/index.ts';
import { datasetFingerprint } from './fingerprint.ts';
import { readJsonItems } from './json-dataset.ts';
import { scoreFields, summarizeFields } from './json-metrics.ts';
import { scoreReading } from './reading-metrics.ts';
import type { JsonSystem, JsonTask } from './json-system.ts';
import { METRICS_FORMAT, writeMetricsFile, type MetricsFile } from './metrics-file.ts';
import { checkPolicy } from './policy-check.ts';
import type { Policy } from './policy-file.ts';
import { policyRecord } from './report-policy.ts';
import { createProgress, type Progress } from './progress.ts';
import { jsonReport } from './report-json.ts';
import { commandLine, distinctEngines, gitCommit, machineRecord } from './run-record.ts';
import { runJson } from './run-json.ts';
import { rate, summarizeCpu, summarizeLatency, summarizeTokens } from './stats.ts';

export interface EvalJsonOptions {
  data: string;
  task: JsonTask;
  system: JsonSystem;
  report: string;
  json: string;
  limit?: number;
  concurrency?: number;
  /** Rules every answer is checked against (loaded, and so validated, before the run starts). */
  policy?: Policy;
  progress?: (total: number) => Progress;
  argv?: readonly string[];
}

export async function evaluateJson(options: EvalJsonOptions): Promise<MetricsFile> {
  const { task, system } = options;
  const items = await readJsonItems(options.data, options.limit);
  // An inline schema is part of what is measured: another schema on the same lines is another dataset.
  const fingerprintTask = task.name === 'custom' ? `json:custom:${schemaHash(task.schema)}` : `json:${task.name}`;
  const progress = (options.progress ?? ((total: number) => createProgress(`eval json ${task.name}`, total)))(
    items.length,
  );
  const concurrency = options.concurrency ?? system.concurrency;
  const results = await runJson(items, task, system, concurrency, progress);
  const answered = results.filter((result) => result.error === undefined);
  const fields = scoreFields(items.map((item, i) => ({ expected: item.expected, document: results[i]!.document })));
  const policy = options.policy
    ? await checkPolicy(
        options.policy,
        items.map((item, i) => ({ item, output: results[i]!.document })),
      )
    : undefined;
  const file: MetricsFile = {
    format: METRICS_FORMAT,
    task: `json:${task.name}`,
    metrics: {
      jsonValidRate: rate(results, (result) => result.document !== undefined),
      schemaValidRate: rate(results, (result) => result.schemaValid),
      ...summarizeFields(fields),
      fields,
      ...(policy ? { policy: policy.metrics } : {}),
      ...scoreReading(items.map((item, i) => ({ annotations: item.annotations, document: results[i]!.document }))),
      errorRate: rate(results, (result) => result.error !== undefined),
      ...summarizeLatency(answered.map((result) => result.latencyMs)),
      ...summarizeCpu(answered.map((result) => result.cpuMs)),
      ...summarizeTokens(answered.map((result) => result.usage)),
      items: items.length,
    },
    ...(options.policy && policy ? { policy: policyRecord(options.policy, policy.findings) } : {}),
    answers: items.map((item, i) => ({
      expected: item.expected,
      document: results[i]!.document ?? null,
      schemaValid: results[i]!.schemaValid,
    })),
    run: {
      task: `json:${task.name}`,
      datasetFingerprint: datasetFingerprint(fingerprintTask, items),
      items: items.length,
      dataFiles: [options.data],
      engines: distinctEngines(results.map((result) => result.engine)),
      target: system.target,
      concurrency,
      gitCommit: gitCommit(),
      generation: system.generation,
      machine: machineRecord(),
      timestamp: new Date().toISOString(),
      commandLine: commandLine(options.argv),
    },
  };
  await Promise.all(
    [options.report, options.json].map((out) => mkdir(path.dirname(path.resolve(out)), { recursive: true })),
  );
  await writeMetricsFile(options.json, file);
  await writeFile(options.report, jsonReport(file, items, results));
  return file;
}
