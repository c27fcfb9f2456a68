// Sends every item through a JsonSystem and validates each answer against the task's schema here, not
// trusting the server's verdict, so every system is judged by the same validator.
import { errorMessage } from '../lib/errors.ts';
import { validateDocument } from '../services/describer/tasks/index.ts';
import type { EngineInfo, TokenUsage } from '../services/shared/engine-types.ts';
import type { JsonItem } from './json-dataset.ts';
import type { JsonSystem, JsonTask } from './json-system.ts';
import type { Progress } from './progress.ts';
import { runPool } from './run-pool.ts';

export interface JsonItemResult {
  document: unknown;
  schemaValid: boolean;
  schemaErrors: string[];
  error: string | undefined;
  latencyMs: number;
  cpuMs?: number;
  usage: TokenUsage;
  engine: EngineInfo | undefined;
}

export async function runJson(
  items: readonly JsonItem[],
  task: JsonTask,
  system: JsonSystem,
  concurrency: number,
  progress: Progress,
): Promise<JsonItemResult[]> {
  const controller = new AbortController();
  try {
    // One untimed request first: dictionaries, model weights and connections load outside the latencies.
    if (items.length > 0) await system.describe(items[0]!.input, task, controller.signal).catch(() => undefined);
    return await runPool(items, concurrency, async (item) => {
      const result = await answerOne(system, task, item.input, controller.signal);
      progress.tick();
      return result;
    });
  } finally {
    controller.abort();
    progress.stop();
  }
}

async function answerOne(
  system: JsonSystem,
  task: JsonTask,
  input: string,
  signal: AbortSignal,
): Promise<JsonItemResult> {
  const started = performance.now();
  try {
    const answer = await system.describe(input, task, signal);
    const validation =
      answer.document === undefined
        ? { valid: false, errors: ['no JSON document'] }
        : validateDocument(task.schema, answer.document);
    return {
      document: answer.document,
      schemaValid: validation.valid,
      schemaErrors: validation.errors,
      error: undefined,
      latencyMs: answer.latencyMs,
      ...(answer.cpuMs === undefined ? {} : { cpuMs: answer.cpuMs }),
      usage: answer.usage,
      engine: answer.engine,
    };
  } catch (error) {
    return {
      document: undefined,
      schemaValid: false,
      schemaErrors: [],
      error: errorMessage(error),
      latencyMs: performance.now() - started,
      usage: { inputTokens: 0, outputTokens: 0 },
      engine: undefined,
    };
  }
}
