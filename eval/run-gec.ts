// Sends every source sentence, as natural text, through a GecSystem and collects tokenized hypotheses.
// A failed request keeps the source as its hypothesis (what a degraded system would return) and is
// counted in the error rate, so one timeout does not lose a long run.
import { errorMessage } from '../lib/errors.ts';
import type { EngineInfo, TokenUsage } from '../services/shared/engine-types.ts';
import type { GecDataset } from './gec-dataset.ts';
import type { GecSystem, RuleEdit } from './gec-system.ts';
import type { Progress } from './progress.ts';
import { detokenize, tokenize } from './ptb-tokenize.ts';
import { runPool } from './run-pool.ts';

export interface GecItemResult {
  /** The detokenized text that was sent. */
  input: string;
  /** The system's text as returned. */
  output: string;
  /** `output` tokenized like the references. */
  hypothesis: string;
  skipped: boolean;
  degraded: boolean;
  error: string | undefined;
  latencyMs: number;
  usage: TokenUsage;
  engine: EngineInfo | undefined;
  /** The answer's edits that name their rule (offsets into `input`). */
  edits: RuleEdit[];
  /** In-process engines: CPU time of the answer. */
  cpuMs?: number;
}

export async function runGec(
  dataset: GecDataset,
  system: GecSystem,
  concurrency: number,
  progress: Progress,
): Promise<GecItemResult[]> {
  const controller = new AbortController();
  try {
    // One untimed request first: dictionaries, model weights and connections load outside the latencies.
    if (dataset.sources.length > 0)
      await system.correct(detokenize(dataset.sources[0]!), controller.signal).catch(() => undefined);
    return await runPool(dataset.sources, concurrency, async (source) => {
      const input = detokenize(source);
      const result = await correctOne(system, input, controller.signal);
      progress.tick();
      return result;
    });
  } finally {
    controller.abort();
    progress.stop();
  }
}

async function correctOne(system: GecSystem, input: string, signal: AbortSignal): Promise<GecItemResult> {
  const started = performance.now();
  try {
    const correction = await system.correct(input, signal);
    return {
      input,
      output: correction.text,
      hypothesis: tokenize(correction.text),
      skipped: correction.skipped,
      degraded: correction.degraded,
      error: undefined,
      latencyMs: correction.latencyMs,
      usage: correction.usage,
      engine: correction.engine,
      edits: correction.ruleEdits ?? [],
      ...(correction.cpuMs === undefined ? {} : { cpuMs: correction.cpuMs }),
    };
  } catch (error) {
    return {
      input,
      output: input,
      hypothesis: tokenize(input),
      skipped: false,
      degraded: false,
      error: errorMessage(error),
      latencyMs: performance.now() - started,
      usage: { inputTokens: 0, outputTokens: 0 },
      engine: undefined,
      edits: [],
    };
  }
}
