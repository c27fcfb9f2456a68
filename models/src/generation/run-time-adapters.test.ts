// LoRA adapters at run time, on every layout that carries them: a base graph prepared once
// (add-adapter-inputs) with two PEFT adapters loaded decodes, in one mixed batch, what the adapters
// merged into the weights (W + alpha/r * B @ A) decode, and a row without an adapter exactly what the
// unprepared base decodes in the same batch.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPeftAdapter } from '../adapters/peft-adapter.ts';
import { startDecoderRunner, type DecoderRunner } from '../backend/decoder-runner.ts';
import {
  addAdapterInputs,
  makeTinyAdapter,
  makeTinyModel,
  mergeAdapter,
  type TinyModelInfo,
  type TinyModelOptions,
} from '../../tools/index.ts';
import { createWeights, effectiveWeights } from '../../tools/make-tiny-model/index.ts';
import { referenceForward } from '../../tools/make-tiny-model/reference-forward.ts';
import { greedyAgreement, referenceGreedy } from '../../tools/make-tiny-model/reference-greedy.ts';
import { loadTextGenerator } from './text-generator.ts';

/**
 * What "merged" means per layout: a merged graph (float32 and float16 weights), or for int4 the
 * reference forward pass over the dequantized weights plus the adapter (merging into int4 would
 * quantize the adapter away). `tolerance`: largest |logit difference| allowed.
 */
const LAYOUTS: Record<string, { options: TinyModelOptions; merged: 'graph' | 'reference'; tolerance: number }> = {
  fp32: { options: {}, merged: 'graph', tolerance: 1e-4 },
  fp16: { options: { dtype: 'float16' }, merged: 'graph', tolerance: 0.05 },
  int4: { options: { dtype: 'int4' }, merged: 'reference', tolerance: 1e-4 },
  external_data: { options: { externalData: true }, merged: 'graph', tolerance: 1e-4 },
  qwen2: { options: { architecture: 'qwen2' }, merged: 'graph', tolerance: 1e-4 },
  gqa: { options: { layout: 'genai' }, merged: 'graph', tolerance: 1e-4 },
};

const PROMPTS = [
  [1, 40, 41, 42, 300, 17],
  [1, 99, 260, 3],
  [1, 5, 6, 7, 8, 9, 10, 11],
];
const STEPS = 6;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mpr-adapters-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function maxDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

const argmax = (row: Float32Array): number => row.indexOf(Math.max(...row));

describe.each(Object.keys(LAYOUTS))('run-time LoRA adapters on the %s layout', (name) => {
  const layout = LAYOUTS[name] as (typeof LAYOUTS)[string];
  let dir: string;
  let base: TinyModelInfo;
  let adapters: string[];
  let merged: string[];

  beforeAll(async () => {
    dir = join(root, name);
    base = await makeTinyModel({ out: join(dir, 'base'), seed: 17, ...layout.options });
    adapters = [
      (await makeTinyAdapter({ out: join(dir, 'grammar'), config: base.config, seed: 1 })).dir,
      (
        await makeTinyAdapter({
          out: join(dir, 'paraphrase'),
          config: base.config,
          seed: 2,
          rank: 8,
          alpha: 16,
          targetModules: ['q_proj', 'v_proj', 'gate_proj', 'down_proj'],
        })
      ).dir,
    ];
    merged = [];
    if (layout.merged === 'graph') {
      for (const [i, adapter] of adapters.entries()) {
        const out = join(dir, `merged-${i}`);
        await makeTinyModel({ out, seed: 17, ...layout.options, mergeAdapter: adapter });
        merged.push(out);
      }
    }
    await cp(join(dir, 'base'), join(dir, 'prepared'), { recursive: true, filter: (path) => !path.includes('.onnx') });
    await addAdapterInputs({ input: join(dir, 'base', base.onnxFile), output: join(dir, 'prepared', base.onnxFile) });
  });

  it('a mixed batch matches the merged adapters row by row, and the row without one matches the base exactly', async () => {
    const runners: DecoderRunner[] = [];
    const start = async (modelDir: string): Promise<DecoderRunner> => {
      const runner = await startDecoderRunner(join(modelDir, base.onnxFile));
      runners.push(runner);
      return runner;
    };
    try {
      const prepared = await start(join(dir, 'prepared'));
      await prepared.setAdapterSlots(adapters);
      const plain = await start(join(dir, 'base'));
      const mergedRunners = layout.merged === 'graph' ? await Promise.all(merged.map(start)) : [];
      const int4Weights = adapters.length
        ? await Promise.all(
            adapters.map(async (adapter) =>
              mergeAdapter(
                base.config,
                effectiveWeights(base.config, createWeights(base.config)),
                await loadPeftAdapter(adapter),
              ),
            ),
          )
        : [];
      const V = base.config.vocabSize;
      const sequences = PROMPTS.map((p) => [...p]);
      let step = await prepared.prefill(sequences, [false, false, false], [], [0, 1, -1]);
      let baseStep = await plain.prefill(sequences, [false, false, false]);
      let mergedSteps = await Promise.all(mergedRunners.map((runner, i) => runner.prefill([sequences[i] as number[]])));
      let adapterMoved = 0;
      for (let s = 0; ; s++) {
        const logits = step.logits as Float32Array;
        // Rows 0 and 1: their adapter merged into the weights.
        for (const row of [0, 1]) {
          const ours = logits.subarray(row * V, (row + 1) * V);
          const expected =
            layout.merged === 'graph'
              ? (mergedSteps[row]?.logits as Float32Array)
              : referenceForward(base.config, int4Weights[row] as never, sequences[row] as number[]).slice(-V);
          expect(maxDiff(ours, expected)).toBeLessThan(layout.tolerance);
          adapterMoved = Math.max(
            adapterMoved,
            maxDiff(ours, (baseStep.logits as Float32Array).subarray(row * V, (row + 1) * V)),
          );
        }
        // Row 2: no adapter, bit for bit the unprepared graph's row in the same batch.
        expect(Array.from(logits.subarray(2 * V))).toEqual(
          Array.from((baseStep.logits as Float32Array).subarray(2 * V)),
        );
        if (s === STEPS) break;
        const next = [0, 1, 2].map((row) => argmax(logits.subarray(row * V, (row + 1) * V)));
        for (const [row, token] of next.entries()) sequences[row]?.push(token);
        const positions = sequences.map((seq) => seq.length - 1);
        step = await prepared.decode(next, positions);
        baseStep = await plain.decode(next, positions);
        mergedSteps = await Promise.all(
          mergedRunners.map((runner, i) => runner.decode([next[i] as number], [positions[i] as number])),
        );
      }
      // The adapters matter: without them rows 0 and 1 would be far off.
      expect(adapterMoved).toBeGreaterThan(1);
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  });

  it('generates with the adapter a request names, side by side with base requests', async () => {
    const generator = await loadTextGenerator(join(dir, 'prepared'), {
      maxWaitMs: 5,
      adapters: { grammar: adapters[0] as string, paraphrase: adapters[1] as string },
    });
    try {
      expect(generator.adapterNames()).toEqual(['grammar', 'paraphrase']);
      const prompt = generator.applyChatTemplate([{ role: 'user', content: 'Fix: she go to school every days.' }]);
      const promptIds = generator.encodePrompt(prompt);
      const choices = ['grammar', 'paraphrase', undefined, 'grammar', undefined];
      const results = await Promise.all(
        choices.map((adapter) => generator.generate(prompt, { maxNewTokens: 12, ...(adapter ? { adapter } : {}) })),
      );
      // The reference weights of each choice: the stored base weights, with the adapter merged in.
      const stored = effectiveWeights(base.config, createWeights(base.config));
      const weightsOf = async (adapter: string | undefined) => {
        const index = adapter === 'grammar' ? 0 : adapter === 'paraphrase' ? 1 : -1;
        return index < 0 ? stored : mergeAdapter(base.config, stored, await loadPeftAdapter(adapters[index] as string));
      };
      let agreed = 0;
      let total = 0;
      for (const [i, result] of results.entries()) {
        const weights = await weightsOf(choices[i]);
        if (name === 'fp16') {
          // Half precision sums x(W + BA) and xW + (xA)B in different orders: teacher-forced agreement.
          const score = greedyAgreement(base.config, weights, promptIds, result.tokenIds);
          agreed += score.agreed;
          total += score.total;
        } else {
          const stop = generator.vocabulary.stopTokenIds;
          expect(result.tokenIds).toEqual(referenceGreedy(base.config, weights, promptIds, 12, stop));
        }
      }
      if (name === 'fp16') expect(agreed / total).toBeGreaterThanOrEqual(0.99);
      expect(results[0]?.tokenIds).not.toEqual(results[2]?.tokenIds);
      await expect(generator.generate(prompt, { maxNewTokens: 4, adapter: 'knowledge' })).rejects.toMatchObject({
        code: 'unknown_adapter',
      });
    } finally {
      await generator.close();
    }
  });
});

describe('changing the adapter set while requests run', () => {
  it('lets running requests finish on the adapter they started with; removed names take no new ones', async () => {
    const dir = join(root, 'reload');
    const base = await makeTinyModel({ out: join(dir, 'base'), seed: 23 });
    const grammar = (await makeTinyAdapter({ out: join(dir, 'grammar'), config: base.config, seed: 3 })).dir;
    const knowledge = (await makeTinyAdapter({ out: join(dir, 'knowledge'), config: base.config, seed: 4 })).dir;
    await cp(join(dir, 'base'), join(dir, 'prepared'), { recursive: true, filter: (path) => !path.includes('.onnx') });
    await addAdapterInputs({ input: join(dir, 'base', base.onnxFile), output: join(dir, 'prepared', base.onnxFile) });
    const generator = await loadTextGenerator(join(dir, 'prepared'), { maxWaitMs: 0, adapters: { grammar } });
    try {
      const prompt = generator.applyChatTemplate([{ role: 'user', content: 'Fix: we was late.' }]);
      const options = { maxNewTokens: 40, stopStrings: ['never-appears'] };
      const alone = await generator.generate(prompt, { ...options, adapter: 'grammar' });
      // The set changes while a grammar request runs: it keeps its adapter to the end.
      const running = generator.generate(prompt, { ...options, adapter: 'grammar' });
      await generator.setAdapters({ knowledge });
      expect(generator.adapterNames()).toEqual(['knowledge']);
      await expect(generator.generate(prompt, { maxNewTokens: 2, adapter: 'grammar' })).rejects.toMatchObject({
        code: 'unknown_adapter',
      });
      const withKnowledge = await generator.generate(prompt, { ...options, adapter: 'knowledge' });
      expect((await running).tokenIds).toEqual(alone.tokenIds);
      expect(withKnowledge.tokenIds).not.toEqual(alone.tokenIds);
      // The same name back on another directory is another adapter.
      await generator.setAdapters({ grammar: knowledge });
      expect((await generator.generate(prompt, { ...options, adapter: 'grammar' })).tokenIds).toEqual(
        withKnowledge.tokenIds,
      );
      // A set the model cannot take is refused as a whole; the previous one stays.
      await expect(generator.setAdapters({ grammar, broken: join(dir, 'missing') })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(generator.adapterNames()).toEqual(['grammar']);
      expect((await generator.generate(prompt, { ...options, adapter: 'grammar' })).tokenIds).toEqual(
        withKnowledge.tokenIds,
      );
    } finally {
      await generator.close();
    }
  });

  it('refuses adapters on a model that takes none, and adapters the model has no input for', async () => {
    const dir = join(root, 'refuse');
    const base = await makeTinyModel({ out: join(dir, 'base'), seed: 24 });
    const mlp = (await makeTinyAdapter({ out: join(dir, 'mlp'), config: base.config, targetModules: ['up_proj'] })).dir;
    await expect(loadTextGenerator(join(dir, 'base'), { adapters: { mlp } })).rejects.toThrow(/takes no adapters/);
    await cp(join(dir, 'base'), join(dir, 'attention-only'), {
      recursive: true,
      filter: (path) => !path.includes('.onnx'),
    });
    await addAdapterInputs({
      input: join(dir, 'base', base.onnxFile),
      output: join(dir, 'attention-only', base.onnxFile),
      modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
    });
    await expect(loadTextGenerator(join(dir, 'attention-only'), { adapters: { mlp } })).rejects.toThrow(
      /adapts layer 0 up_proj, which the model takes no adapter input for/,
    );
    const plain = await loadTextGenerator(join(dir, 'base'));
    try {
      await expect(plain.generate('x', { maxNewTokens: 2, adapter: 'mlp' })).rejects.toMatchObject({
        code: 'unknown_adapter',
      });
    } finally {
      await plain.close();
    }
  });
});
