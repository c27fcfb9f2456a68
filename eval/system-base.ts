// What every system under evaluation shares, whatever it answers (corrections, JSON): where answers
// come from, the generation settings sent with each request, and how many requests are worth keeping
// in flight. The task-specific systems (gec-system.ts, json-system.ts) add only their one call.
import type { EngineInfo, GenerationSettings, TokenUsage } from '../services/shared/engine-types.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './http-client.ts';
import { generationRecord, type GenerationRecord } from './run-record.ts';

export interface HttpSystemOptions {
  timeoutMs?: number;
  /** Sent with every request; unset fields leave the system's defaults. */
  generation?: GenerationSettings;
}

/** A running gateway over HTTP. */
export abstract class HttpSystemBase {
  readonly target: string;
  readonly generation: GenerationRecord;
  readonly concurrency = 4;
  protected readonly timeoutMs: number;
  protected readonly settings: GenerationSettings | undefined;

  constructor(baseUrl: string, options: HttpSystemOptions = {}) {
    this.target = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.settings = options.generation;
    this.generation = generationRecord(options.generation);
  }

  async close(): Promise<void> {}
}

/** An engine in this process. */
export abstract class EngineSystemBase<Engine extends { readonly info: EngineInfo; close?(): Promise<void> }> {
  readonly target: string;
  readonly generation: GenerationRecord;
  // An in-process engine computes on this thread: parallel requests would only queue and inflate latency.
  readonly concurrency = 1;
  protected readonly engine: Engine;
  protected readonly settings: GenerationSettings | undefined;

  constructor(engine: Engine, settings?: GenerationSettings) {
    this.engine = engine;
    this.settings = settings;
    this.target = `engine:${engine.info.id}`;
    this.generation = generationRecord(settings);
  }

  async close(): Promise<void> {
    await this.engine.close?.();
  }
}

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/** Token usage from a gateway answer; zero when absent or malformed. */
export function readUsage(value: unknown): TokenUsage {
  if (typeof value !== 'object' || value === null) return NO_USAGE;
  const usage = value as Record<string, unknown>;
  return {
    inputTokens: typeof usage.inputTokens === 'number' ? usage.inputTokens : 0,
    outputTokens: typeof usage.outputTokens === 'number' ? usage.outputTokens : 0,
  };
}

/** The engine that answered, from a gateway answer; undefined when absent or malformed. */
export function readEngine(value: unknown): EngineInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const engine = value as Record<string, unknown>;
  if (typeof engine.id !== 'string') return undefined;
  return {
    kind: engine.kind === 'llm' ? 'llm' : 'default',
    id: engine.id,
    version: typeof engine.version === 'string' ? engine.version : 'unknown',
    executionProvider: typeof engine.executionProvider === 'string' ? engine.executionProvider : 'unknown',
  };
}
