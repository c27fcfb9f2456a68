// The system under evaluation for structured tasks: the gateway's /v1/describe over HTTP, or a
// DescriberEngine in-process.
import type { DescriberEngine, JsonSchema } from '../services/describer/engine.ts';
import type { EngineInfo, TokenUsage } from '../services/shared/engine-types.ts';
import { postJson } from './http-client.ts';
import type { GenerationRecord } from './run-record.ts';
import { EngineSystemBase, HttpSystemBase, readEngine, readUsage } from './system-base.ts';

export interface JsonTask {
  /** A named task ("decision", "traits", "describe") or "custom" for an inline schema. */
  name: string;
  schema: JsonSchema;
  instructions?: string;
}

export interface JsonAnswer {
  /** The parsed document, or undefined when the system produced no JSON object. */
  document: unknown;
  usage: TokenUsage;
  latencyMs: number;
  /** In-process engines: the process's CPU time for this answer. */
  cpuMs?: number;
  engine: EngineInfo | undefined;
}

export interface JsonSystem {
  readonly target: string;
  readonly generation: GenerationRecord;
  /** Requests worth keeping in flight when the caller sets none. */
  readonly concurrency: number;
  describe(text: string, task: JsonTask, signal?: AbortSignal): Promise<JsonAnswer>;
  close(): Promise<void>;
}

export class HttpJsonSystem extends HttpSystemBase implements JsonSystem {
  async describe(text: string, task: JsonTask, signal?: AbortSignal): Promise<JsonAnswer> {
    // Named tasks go by name so the server uses its own schema and instructions, as clients would.
    const generation = this.settings;
    const body =
      task.name === 'custom'
        ? { text, schema: task.schema, instructions: task.instructions, generation }
        : { text, task: task.name, generation };
    const started = performance.now();
    const response = await postJson(`${this.target}/v1/describe`, body, { timeoutMs: this.timeoutMs, signal });
    const latencyMs = performance.now() - started;
    const document = typeof response.json === 'object' && response.json !== null ? response.json : undefined;
    return { document, usage: readUsage(response.usage), latencyMs, engine: readEngine(response.engine) };
  }
}

export class EngineJsonSystem extends EngineSystemBase<DescriberEngine> implements JsonSystem {
  async describe(text: string, task: JsonTask, signal?: AbortSignal): Promise<JsonAnswer> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await this.engine.describe({
      text,
      task: task.name,
      schema: task.schema,
      instructions: task.instructions,
      generation: this.settings,
      signal,
    });
    const latencyMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const document = typeof result.document === 'object' && result.document !== null ? result.document : undefined;
    return {
      document,
      usage: result.usage,
      latencyMs,
      cpuMs: (used.user + used.system) / 1000,
      engine: this.engine.info,
    };
  }
}
