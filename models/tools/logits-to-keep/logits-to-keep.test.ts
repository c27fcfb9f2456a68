import { access, copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelSession, emptyKv, int64Tensor, type Feeds, type ModelSession } from '../../src/backend/onnx.ts';
import { loadTextGenerator } from '../../src/generation/text-generator.ts';
import { float16ToFloat32 } from '../../src/kernels/float16.ts';
import { makeTinyModel, type TinyModelOptions } from '../make-tiny-model/index.ts';
import { addLogitsToKeep } from './index.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-keep-'));
  await makeTinyModel({ out: join(dir, 'plain'), seed: 5, logitsToKeepInput: false });
  await makeTinyModel({ out: join(dir, 'rewritten'), seed: 5, logitsToKeepInput: false });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function prefill(
  session: ModelSession,
  tokens: number[],
  keep?: number,
): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const S = tokens.length;
  const feeds: Feeds = {
    input_ids: int64Tensor(BigInt64Array.from(tokens, BigInt), [1, S]),
    attention_mask: int64Tensor(new BigInt64Array(S).fill(1n), [1, S]),
    position_ids: int64Tensor(
      BigInt64Array.from(tokens, (_, i) => BigInt(i)),
      [1, S],
    ),
  };
  const { io } = session;
  for (const name of [...io.pastKeyNames, ...io.pastValueNames])
    feeds[name] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
  if (keep !== undefined) feeds.num_logits_to_keep = int64Tensor(BigInt64Array.of(BigInt(keep)), []);
  if (!io.hasPositionIds) delete feeds.position_ids;
  const logits = (await session.run(feeds)).logits;
  const data =
    logits?.type === 'float16' ? float16ToFloat32(logits.data as Uint16Array) : (logits?.data as Float32Array);
  return { dims: logits?.dims ?? [], data };
}

describe('addLogitsToKeep', () => {
  it('adds num_logits_to_keep so prefill computes only the last positions, with unchanged values', async () => {
    const path = join(dir, 'rewritten', 'onnx', 'model.onnx');
    await copyFile(path, `${path}.orig`);
    const report = await addLogitsToKeep({ input: `${path}.orig`, output: path });
    expect(report.alreadyPresent).toBe(false);
    const before = await createModelSession(join(dir, 'plain', 'onnx', 'model.onnx'));
    const after = await createModelSession(path);
    expect(before.io.logitsToKeepInput).toBeNull();
    expect(after.io.logitsToKeepInput).toBe('num_logits_to_keep');

    const tokens = [1, 50, 60, 70, 80, 90, 100];
    const full = await prefill(before, tokens);
    const last = await prefill(after, tokens, 1);
    const all = await prefill(after, tokens, 0);
    expect(full.dims).toEqual([1, 7, 512]);
    expect(last.dims).toEqual([1, 1, 512]);
    expect(Array.from(last.data)).toEqual(Array.from(full.data.subarray(6 * 512)));
    expect(Array.from(all.data)).toEqual(Array.from(full.data));
    await Promise.all([before.release(), after.release()]);

    const again = await addLogitsToKeep({ input: path, output: `${path}.again`, greedyOutput: true });
    expect(again.alreadyPresent).toBe(true);
    const greedy = await createModelSession(`${path}.again`);
    expect(greedy.io.greedyTokensOutput).toBe('greedy_token_ids');
    await greedy.release();
  });

  it('generation is the same on the original and the rewritten graph', async () => {
    const plain = await loadTextGenerator(join(dir, 'plain'));
    const rewritten = await loadTextGenerator(join(dir, 'rewritten'));
    const prompt = plain.applyChatTemplate([{ role: 'user', content: 'Fix: the meeting have been moved.' }]);
    const [a, b] = await Promise.all([
      plain.generate(prompt, { maxNewTokens: 12 }),
      rewritten.generate(prompt, { maxNewTokens: 12 }),
    ]);
    expect(b.tokenIds).toEqual(a.tokenIds);
    await Promise.all([plain.close(), rewritten.close()]);
  });
});

// Every export layout, written without the input: the rewrite finds its LM head (a MatMulNBits one for
// int4), carries external data along, and the runtime then generates exactly what the original does.
describe.each<[string, TinyModelOptions]>([
  ['fp16', { dtype: 'float16' }],
  ['int4', { dtype: 'int4' }],
  ['external_data', { externalData: true }],
  ['qwen2', { architecture: 'qwen2' }],
  ['gqa', { layout: 'genai' }],
])('addLogitsToKeep on the %s layout', (name, options) => {
  it('keeps the last positions, and generation is unchanged', async () => {
    const original = join(dir, name);
    const info = await makeTinyModel({ out: original, seed: 6, ...options, logitsToKeepInput: false });
    const kept = join(dir, `${name}-kept`);
    await cp(original, kept, { recursive: true, filter: (source) => !source.includes('.onnx') });
    const report = await addLogitsToKeep({ input: join(original, info.onnxFile), output: join(kept, info.onnxFile) });
    expect(report.lmHeadNode).toBe(options.dtype === 'int4' ? '/lm_head/MatMul_Q4' : '/lm_head/MatMul');
    if (info.dataFile) await access(join(kept, info.dataFile));

    const before = await createModelSession(join(original, info.onnxFile));
    const after = await createModelSession(join(kept, info.onnxFile));
    const tokens = [1, 50, 60, 70, 80, 90, 100];
    const full = await prefill(before, tokens);
    const last = await prefill(after, tokens, 1);
    expect(last.dims).toEqual([1, 1, 512]);
    const lastRow = full.data.subarray(6 * 512);
    const diff = Math.max(...Array.from(last.data, (x, i) => Math.abs(x - (lastRow[i] as number))));
    expect(diff).toBeLessThan(1e-5);
    await Promise.all([before.release(), after.release()]);

    const plain = await loadTextGenerator(original);
    const rewritten = await loadTextGenerator(kept);
    const prompts = ['Fix: the meeting have been moved.', 'Hello there.'].map((content) =>
      plain.applyChatTemplate([{ role: 'user', content }]),
    );
    const a = await Promise.all(prompts.map((p) => plain.generate(p, { maxNewTokens: 12 })));
    const b = await Promise.all(prompts.map((p) => rewritten.generate(p, { maxNewTokens: 12 })));
    expect(b.map((r) => r.tokenIds)).toEqual(a.map((r) => r.tokenIds));
    await Promise.all([plain.close(), rewritten.close()]);
  });
});
