// `mpr eval json`: run a JSONL set of {input, expected} through a structured-output system and score
// JSON validity, schema validity and the expected fields.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, MprError } from '../lib/errors.ts';
import { schemaHash, validateDocument } from '../services/describer/tasks/index.ts';
import type { EngineInfo, TokenUsage } from '../services/shared/engine-types.ts';
import { datasetFingerprint } from './fingerprint.ts';
import { readLines } from './gec-dataset.ts';
import { scoreFields, summarizeFields } from './json-metrics.ts';
import type { JsonSystem, JsonTask } from './json-system.ts';
import { METRICS_FORMAT, writeMetricsFile, type MetricsFile } from './metrics-file.ts';
import { createProgress, type Progress } from './progress.ts';
import { jsonReport } from './report-json.ts';
import { commandLine, distinctEngines, gitCommit, machineRecord } from './run-record.ts';
import { runPool } from './run-pool.ts';
import { rate, summarizeLatency, summarizeTokens } from './stats.ts';

export interface JsonItem {
  input: string;
  expected: unknown;
}

export interface JsonItemResult {
  document: unknown;
  schemaValid: boolean;
  schemaErrors: string[];
  error: string | undefined;
  latencyMs: number;
  usage: TokenUsage;
  engine: EngineInfo | undefined;
}

export interface EvalJsonOptions {
  data: string;
  task: JsonTask;
  system: JsonSystem;
  report: string;
  json: string;
  limit?: number;
  concurrency?: number;
  progress?: (total: number) => Progress;
  argv?: readonly string[];
}

export async function readJsonItems(file: string, limit?: number): Promise<JsonItem[]> {
  const items: JsonItem[] = [];
  for (const [index, line] of (await readLines(file)).entries()) {
    if (line.trim() === '') continue;
    let parsed: { input?: unknown; expected?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch (error) {
      throw new MprError('malformed_json', `${file}:${index + 1}: ${errorMessage(error)}`);
    }
    if (typeof parsed.input !== 'string' || parsed.expected === undefined) {
      throw new MprError('invalid_argument', `${file}:${index + 1}: each line needs a string "input" and an "expected" value`);
    }
    items.push({ input: parsed.input, expected: parsed.expected });
  }
  return limit === undefined ? items : items.slice(0, limit);
}

export async function evaluateJson(options: EvalJsonOptions): Promise<MetricsFile> {
  const { task, system } = options;
  const items = await readJsonItems(options.data, options.limit);
  const fingerprintTask = task.name === 'custom' ? `json:custom:${schemaHash(task.schema)}` : `json:${task.name}`;
  const progress = (options.progress ?? ((total: number) => createProgress(`eval json ${task.name}`, total)))(items.length);
  const concurrency = options.concurrency ?? system.concurrency;
  const controller = new AbortController();
  let results: JsonItemResult[];
  try {
    // One untimed request first: dictionaries, model weights and connections load outside the latencies.
    if (items.length > 0) await system.describe(items[0]!.input, task, controller.signal).catch(() => undefined);
    results = await runPool(items, concurrency, async (item) => {
      const result = await answerOne(system, task, item.input, controller.signal);
      progress.tick();
      return result;
    });
  } finally {
    controller.abort();
    progress.stop();
  }
  const answered = results.filter((result) => result.error === undefined);
  const fields = scoreFields(items.map((item, i) => ({ expected: item.expected, document: results[i]!.document })));
  const file: MetricsFile = {
    format: METRICS_FORMAT,
    task: `json:${task.name}`,
    metrics: {
      jsonValidRate: rate(results, (result) => result.document !== undefined),
      schemaValidRate: rate(results, (result) => result.schemaValid),
      ...summarizeFields(fields),
      fields,
      errorRate: rate(results, (result) => result.error !== undefined),
      ...summarizeLatency(answered.map((result) => result.latencyMs)),
      ...summarizeTokens(answered.map((result) => result.usage)),
      items: items.length,
    },
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
  await Promise.all([options.report, options.json].map((out) => mkdir(path.dirname(path.resolve(out)), { recursive: true })));
  await writeMetricsFile(options.json, file);
  await writeFile(options.report, jsonReport(file, items, results));
  return file;
}

async function answerOne(system: JsonSystem, task: JsonTask, input: string, signal: AbortSignal): Promise<JsonItemResult> {
  const started = performance.now();
  try {
    const answer = await system.describe(input, task, signal);
    // Validated here, not trusted from the server, so every system is judged by the same validator.
    const validation = answer.document === undefined ? { valid: false, errors: ['no JSON document'] } : validateDocument(task.schema, answer.document);
    return {
      document: answer.document,
      schemaValid: validation.valid,
      schemaErrors: validation.errors,
      error: undefined,
      latencyMs: answer.latencyMs,
      usage: answer.usage,
      engine: answer.engine,
    };
  } catch (error) {
    const message = errorMessage(error);
    return { document: undefined, schemaValid: false, schemaErrors: [], error: message, latencyMs: performance.now() - started, usage: { inputTokens: 0, outputTokens: 0 }, engine: undefined };
  }
}
