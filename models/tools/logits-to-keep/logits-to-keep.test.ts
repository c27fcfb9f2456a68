import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelSession, emptyKv, int64Tensor, type Feeds, type ModelSession } from '../../src/backend/onnx.ts';
import { loadTextGenerator } from '../../src/generation/text-generator.ts';
import { makeTinyModel } from '../make-tiny-model/index.ts';
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
  const logits = (await session.run(feeds)).logits;
  return { dims: logits?.dims ?? [], data: logits?.data as Float32Array };
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
