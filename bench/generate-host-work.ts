// Host work per token at a large vocabulary: the time a decode step spends outside session.run, on the
// main thread and in the decoder worker, which is what a larger vocabulary makes the runtime pay.
import { join } from 'node:path';
import { startDecoderRunner, type DecoderRunner } from '../models/src/backend/decoder-runner.ts';
import { DecodeBatcher } from '../models/src/generation/batcher.ts';
import { Sequence } from '../models/src/generation/sequence.ts';
import { loadModelTokenizer } from '../models/src/tokenizer/index.ts';

const REPS = 3;

export interface HostWork {
  medianMs: number;
  meanMs: number;
  wallGapMsPerToken: number;
  runMsPerToken: number;
  steps: number;
}

/**
 * Host work per token at batch 1 and a 128k vocabulary, per decode step: on the main thread, from a
 * step's result arriving to the next step being requested (stop checks, detokenizing, streaming,
 * bookkeeping); in the worker, the step outside session.run (inputs, KV bookkeeping, greedy argmax over
 * the 128k logits). The median over all steps is robust to preemption by other processes on a shared
 * machine; the mean is reported too. Wall time minus session.run adds the thread hand-off latency.
 */
export async function hostPerToken(modelDir: string): Promise<HostWork> {
  const tokenizer = await loadModelTokenizer(modelDir);
  const runner = await startDecoderRunner(join(modelDir, 'onnx', 'model.onnx'), { padTokenId: 0 });
  let runMs = 0;
  let arrival = -1;
  let record = false;
  const perStep: number[] = [];
  const instrumented: DecoderRunner = {
    ...runner,
    prefill: async (prompts, greedyRows) => {
      const step = await runner.prefill(prompts, greedyRows);
      runMs += step.runMs;
      arrival = performance.now();
      return step;
    },
    decode: async (tokens, positions, greedyRows) => {
      const gap = performance.now() - arrival;
      const step = await runner.decode(tokens, positions, greedyRows);
      runMs += step.runMs;
      if (record) perStep.push(gap + step.stepMs - step.runMs);
      arrival = performance.now();
      return step;
    },
  };
  const batcher = new DecodeBatcher(instrumented, { maxWaitMs: 0 });
  const prompt = tokenizer.encode(
    tokenizer.applyChatTemplate([{ role: 'user', content: 'Count the host work per token.' }]),
  );
  let wallGap = 0;
  let runPerToken = 0;
  for (let i = 0; i < REPS + 1; i++) {
    // The first run warms up.
    record = i > 0;
    runMs = 0;
    const start = performance.now();
    const sequence = new Sequence(prompt, { maxNewTokens: 256 }, tokenizer.vocabulary, 4096, true);
    batcher.submit(sequence);
    const r = await sequence.result;
    if (record) {
      wallGap += (performance.now() - start - runMs) / r.usage.outputTokens / REPS;
      runPerToken += runMs / r.usage.outputTokens / REPS;
    }
  }
  await runner.release();
  const sorted = [...perStep].sort((x, y) => x - y);
  return {
    medianMs: sorted[Math.floor(sorted.length / 2)] as number,
    meanMs: perStep.reduce((sum, v) => sum + v, 0) / perStep.length,
    wallGapMsPerToken: wallGap,
    runMsPerToken: runPerToken,
    steps: perStep.length,
  };
}
