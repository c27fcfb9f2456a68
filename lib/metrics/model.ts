// Model runtime metrics of an agent: tokens, time to first token, decode speed, batch sizes, load time
// and the execution provider actually in use. `model` is the engine id from the manifest (bounded).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface GenerationRecord {
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** 0 when the engine generated nothing (rule engines): then no latency sample is taken. */
  timeToFirstTokenMs: number;
  decodeTokensPerSecond: number;
}

export interface ModelMetrics {
  generation(record: GenerationRecord): void;
  batchSize(model: string, size: number): void;
  modelLoaded(model: string, seconds: number, executionProvider: string): void;
}

export function modelMetrics(registry: Registry): ModelMetrics {
  const tokens = new Counter({
    name: 'mpr_tokens_total',
    help: 'Tokens processed, by direction (in = prompt, out = generated) and model',
    labelNames: ['direction', 'model'] as const,
    registers: [registry],
  });
  const firstToken = new Histogram({
    name: 'mpr_time_to_first_token_seconds',
    help: 'Time from the request to the first generated token, by model',
    labelNames: ['model'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const decodeSpeed = new Histogram({
    name: 'mpr_decode_tokens_per_second',
    help: 'Decode speed of one generation in tokens per second, by model',
    labelNames: ['model'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
    registers: [registry],
  });
  const batch = new Histogram({
    name: 'mpr_batch_size',
    help: 'Sequences decoded together in one forward pass, by model',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
  const load = new Gauge({
    name: 'mpr_model_load_seconds',
    help: 'Time taken to load the model (or build the embedded engine) at startup, by model',
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const provider = new Gauge({
    name: 'mpr_execution_provider_info',
    help: 'Execution provider in use (cuda, cpu, or none for the embedded rule engines); always 1',
    labelNames: ['provider'] as const,
    registers: [registry],
  });
  return {
    generation(record) {
      if (record.inputTokens > 0) tokens.inc({ direction: 'in', model: record.model }, record.inputTokens);
      if (record.outputTokens > 0) tokens.inc({ direction: 'out', model: record.model }, record.outputTokens);
      if (record.timeToFirstTokenMs > 0) firstToken.observe({ model: record.model }, record.timeToFirstTokenMs / 1000);
      if (record.decodeTokensPerSecond > 0) decodeSpeed.observe({ model: record.model }, record.decodeTokensPerSecond);
    },
    batchSize: (model, size) => batch.observe({ model }, size),
    modelLoaded(model, seconds, executionProvider) {
      load.set({ model }, seconds);
      provider.reset();
      provider.set({ provider: executionProvider || 'none' }, 1);
    },
  };
}
