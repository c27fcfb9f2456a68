import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../tools/index.ts';
import { argmax } from '../generation/sampler.ts';
import { loadTextGenerator } from '../generation/text-generator.ts';
import { startDecoderRunner } from './decoder-runner.ts';
import { createModelSession } from './onnx.ts';

let dir: string;
const model = (name: string): string => join(dir, name, 'onnx', 'model.onnx');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-runner-'));
  await makeTinyModel({ out: join(dir, 'fp32'), seed: 9 });
  await makeTinyModel({ out: join(dir, 'fp16'), seed: 9, kvDtype: 'float16' });
  await makeTinyModel({ out: join(dir, 'greedy'), seed: 9, greedyOutput: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('decoder runner', () => {
  it('gives the same logits in a worker thread as on the main thread, across prefill, decode and keepRows', async () => {
    const [worker, main] = await Promise.all([
      startDecoderRunner(model('fp32'), { thread: 'worker' }),
      startDecoderRunner(model('fp32'), { thread: 'main' }),
    ]);
    for (const runner of [worker, main])
      expect(runner.io).toMatchObject({ layers: 2, kvDtype: 'float32', kvHeads: 2, headDim: 16, logitsVocab: 512 });
    const script = async (runner: typeof worker): Promise<number[][]> => {
      const seen: number[][] = [];
      const a = await runner.prefill([
        [1, 2, 3],
        [4, 5],
      ]);
      const aLogits = a.logits as Float32Array;
      seen.push([...aLogits.subarray(0, 4)], [...aLogits.subarray(512, 516)]);
      const b = await runner.prefill([[6, 7, 8, 9]], [true]);
      expect(b.logits).toBeNull();
      seen.push([...b.greedyTokens]);
      await runner.keepRows([2, 0]);
      const c = await runner.decode([10, 11], [4, 3], [true, false]);
      const cLogits = c.logits as Float32Array;
      expect(cLogits.length).toBe(2 * 512);
      expect(c.greedyTokens[0]).toBe(argmax(cLogits.subarray(0, 512)));
      expect(c.greedyTokens[1]).toBe(-1);
      seen.push([...cLogits.subarray(0, 4)], [...cLogits.subarray(512, 516)]);
      return seen;
    };
    expect(await script(worker)).toEqual(await script(main));
    await Promise.all([worker.release(), main.release()]);
  });

  it('runs several greedy steps in one call and cuts rows back the same in a worker as on the main thread', async () => {
    const [worker, main] = await Promise.all([
      startDecoderRunner(model('fp32'), { thread: 'worker' }),
      startDecoderRunner(model('fp32'), { thread: 'main' }),
    ]);
    const script = async (runner: typeof worker): Promise<number[][]> => {
      const first = await runner.prefill(
        [
          [1, 2, 3],
          [4, 5],
        ],
        [true, true],
      );
      const run = await runner.decodeGreedy([...first.greedyTokens], [3, 2], 4, true);
      expect(run.steps).toBeGreaterThan(0);
      expect(run.tokens.length).toBe(2 * run.steps);
      // Back to the first decoded step, then that step's tokens again: the same as the call's first step.
      await runner.truncateRows([4, 3]);
      const again = await runner.decode([...run.tokens.subarray(0, 2)], [4, 3], [true, true]);
      if (run.steps > 1) expect([...again.greedyTokens]).toEqual([...run.tokens.subarray(2, 4)]);
      return [[...first.greedyTokens], [...run.tokens.subarray(0, 2)], [...again.greedyTokens]];
    };
    expect(await script(worker)).toEqual(await script(main));
    await Promise.all([worker.release(), main.release()]);
  });

  it('runs in a worker by default, and in the calling thread when asked', async () => {
    const runners = await Promise.all([
      startDecoderRunner(model('fp32')),
      startDecoderRunner(model('fp32'), { thread: 'main' }),
    ]);
    expect(runners.map((runner) => runner.thread)).toEqual(['worker', 'main']);
    const steps = await Promise.all(runners.map((runner) => runner.prefill([[1, 2, 3]], [true])));
    expect(steps[1]?.greedyTokens).toEqual(steps[0]?.greedyTokens);
    await Promise.all(runners.map((runner) => runner.release()));
  });

  it('reports a model that cannot load as a typed error', async () => {
    await expect(startDecoderRunner(join(dir, 'missing.onnx'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('falls back from CUDA to CPU and says why (or uses CUDA where it exists)', async () => {
    const session = await createModelSession(model('fp32'), { executionProviders: ['cuda', 'cpu'] });
    if (session.executionProvider === 'cuda') expect(session.fallbackReason).toBeNull();
    else expect(session.fallbackReason).toMatch(/^cuda: /);
    await session.release();
    const cudaOnly = await createModelSession(model('fp32'), { executionProviders: ['cuda'] }).then(
      async (s) => {
        await s.release();
        return s.executionProvider;
      },
      (error: { code?: string }) => error.code,
    );
    expect(cudaOnly).toBe(session.executionProvider === 'cuda' ? 'cuda' : 'unavailable');
  });

  it('decodes a float16 KV cache (discovered from the session) like the float32 one, batched too', async () => {
    const fp16 = await loadTextGenerator(join(dir, 'fp16'), { maxWaitMs: 5 });
    const fp32 = await loadTextGenerator(join(dir, 'fp32'));
    const prompts = ['Hello there.', 'Fix: she go to school every days.', 'x'].map((content) =>
      fp32.applyChatTemplate([{ role: 'user', content }]),
    );
    const expected = await Promise.all(prompts.map((p) => fp32.generate(p, { maxNewTokens: 6 })));
    const got = await Promise.all(prompts.map((p) => fp16.generate(p, { maxNewTokens: 6 })));
    // fp16 rounding of K/V may flip a late near-tie; the first tokens must agree.
    got.forEach((g, i) => {
      expect(g.tokenIds.slice(0, 3)).toEqual(expected[i]?.tokenIds.slice(0, 3));
    });
    await Promise.all([fp16.close(), fp32.close()]);
    await expect(startDecoderRunner(model('fp16'), { thread: 'main' })).rejects.toMatchObject({ code: 'model_error' });
  });

  it("uses the graph's greedy_token_ids output when every row is greedy, logits otherwise", async () => {
    const runner = await startDecoderRunner(model('greedy'));
    expect(runner.io.greedyTokensOutput).toBe('greedy_token_ids');
    const all = await runner.prefill(
      [
        [1, 2, 3],
        [4, 5],
      ],
      [true, true],
    );
    expect(all.logits).toBeNull();
    const mixed = await runner.decode(
      [all.greedyTokens[0] as number, all.greedyTokens[1] as number],
      [3, 2],
      [true, false],
    );
    expect(mixed.greedyTokens[0]).toBe(argmax((mixed.logits as Float32Array).subarray(0, 512)));
    await runner.release();

    const withOutput = await loadTextGenerator(join(dir, 'greedy'));
    const plain = await loadTextGenerator(join(dir, 'fp32'));
    const prompts = ['Hello there.', 'Fix: she go to school every days.'].map((content) =>
      plain.applyChatTemplate([{ role: 'user', content }]),
    );
    const sampled = { maxNewTokens: 8, temperature: 0.9, seed: 4 };
    const [a, b, c] = await Promise.all([
      withOutput.generate(prompts[0] as string, { maxNewTokens: 8 }),
      withOutput.generate(prompts[1] as string, { maxNewTokens: 8 }),
      withOutput.generate(prompts[1] as string, sampled),
    ]);
    const [x, y, z] = await Promise.all([
      plain.generate(prompts[0] as string, { maxNewTokens: 8 }),
      plain.generate(prompts[1] as string, { maxNewTokens: 8 }),
      plain.generate(prompts[1] as string, sampled),
    ]);
    expect([a.tokenIds, b.tokenIds, c.tokenIds]).toEqual([x.tokenIds, y.tokenIds, z.tokenIds]);
    await Promise.all([withOutput.close(), plain.close()]);
  });
});
