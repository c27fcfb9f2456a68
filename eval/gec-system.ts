// The system under evaluation for grammatical error correction: a running gateway over HTTP, or a
// CleanerEngine in-process. Runs only see GecSystem, so a new engine kind needs no change to them.
import type { CleanerEngine } from '../services/cleaner/engine.ts';
import type { EngineInfo, GenerationSettings, TokenUsage } from '../services/shared/engine-types.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, postJson } from './http-client.ts';
import { generationRecord, type GenerationRecord } from './run-record.ts';

export interface GecCorrection {
  text: string;
  /** The system declined to run a model (already clean, unsupported language...). */
  skipped: boolean;
  /** The gateway could not reach the cleaner and returned the input unchanged. */
  degraded: boolean;
  usage: TokenUsage;
  latencyMs: number;
  engine: EngineInfo | undefined;
}

export interface GecSystem {
  /** Where answers come from: a URL, or `engine:<id>`. */
  readonly target: string;
  readonly generation: GenerationRecord;
  /** Requests worth keeping in flight when the caller sets none. */
  readonly concurrency: number;
  correct(text: string, signal?: AbortSignal): Promise<GecCorrection>;
  close(): Promise<void>;
}

export interface HttpSystemOptions {
  timeoutMs?: number;
  /** Sent with every request; unset fields leave the system's defaults. */
  generation?: GenerationSettings;
}

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

export class HttpGecSystem implements GecSystem {
  readonly target: string;
  readonly generation: GenerationRecord;
  readonly concurrency = 4;
  readonly #timeoutMs: number;
  readonly #settings: GenerationSettings | undefined;

  constructor(baseUrl: string, options: HttpSystemOptions = {}) {
    this.target = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#settings = options.generation;
    this.generation = generationRecord(options.generation);
  }

  async correct(text: string, signal?: AbortSignal): Promise<GecCorrection> {
    const started = performance.now();
    const request = { text, generation: this.#settings };
    const body = await postJson(`${this.target}/v1/clean`, request, { timeoutMs: this.#timeoutMs, signal });
    const latencyMs = performance.now() - started;
    return {
      text: typeof body.cleanedText === 'string' ? body.cleanedText : text,
      skipped: body.skipped === true,
      degraded: body.degraded === true,
      usage: readUsage(body.usage),
      latencyMs,
      engine: readEngine(body.engine),
    };
  }

  async close(): Promise<void> {}
}

export class EngineGecSystem implements GecSystem {
  readonly target: string;
  readonly generation: GenerationRecord;
  // An in-process engine computes on this thread: parallel requests would only queue and inflate latency.
  readonly concurrency = 1;
  readonly #engine: CleanerEngine;
  readonly #settings: GenerationSettings | undefined;

  constructor(engine: CleanerEngine, settings?: GenerationSettings) {
    this.#engine = engine;
    this.#settings = settings;
    this.target = `engine:${engine.info.id}`;
    this.generation = generationRecord(settings);
  }

  async correct(text: string, signal?: AbortSignal): Promise<GecCorrection> {
    const started = performance.now();
    const result = await this.#engine.clean(text, { generation: this.#settings, signal });
    return {
      text: result.cleanedText,
      skipped: false,
      degraded: false,
      usage: result.usage,
      latencyMs: performance.now() - started,
      engine: this.#engine.info,
    };
  }

  async close(): Promise<void> {
    await this.#engine.close?.();
  }
}

export function readUsage(value: unknown): TokenUsage {
  if (typeof value !== 'object' || value === null) return NO_USAGE;
  const usage = value as Record<string, unknown>;
  return {
    inputTokens: typeof usage.inputTokens === 'number' ? usage.inputTokens : 0,
    outputTokens: typeof usage.outputTokens === 'number' ? usage.outputTokens : 0,
  };
}

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
