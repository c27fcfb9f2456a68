import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../tools/make-tiny-model/index.ts';
import { DecoderState } from './decoder-state.ts';
import { truncateRow, type KvBatch } from './kv-batch.ts';
import { createModelSession, float32Tensor, type DecoderIo, type ModelSession } from './onnx.ts';

const io = { layers: 1, kvHeads: 2, headDim: 2 } as DecoderIo;

/** One layer; element (row, head, t, d) = row*1000 + head*100 + t*10 + d, padding steps -1. */
function batch(length: number, padLeft: number[]): KvBatch {
  const data = new Float32Array(padLeft.length * 2 * length * 2);
  padLeft.forEach((pad, row) => {
    for (let h = 0; h < 2; h++) for (let t = 0; t < length; t++) for (let d = 0; d < 2; d++) {
      data[((row * 2 + h) * length + t) * 2 + d] = t < pad ? -1 : row * 1000 + h * 100 + (t - pad) * 10 + d;
    }
  });
  const tensor = float32Tensor(data, [padLeft.length, 2, length, 2]);
  return { length, padLeft, keys: [tensor], values: [tensor] };
}

/** The real steps of each row, as the (row, head, position, d) values they hold. */
function realSteps(kv: KvBatch): number[][] {
  const data = kv.keys[0]?.data as Float32Array;
  return kv.padLeft.map((pad, row) => {
    const out: number[] = [];
    for (let h = 0; h < 2; h++) for (let t = pad; t < kv.length; t++) for (let d = 0; d < 2; d++) out.push(data[((row * 2 + h) * kv.length + t) * 2 + d] as number);
    return out;
  });
}

const expectedSteps = (row: number, steps: number): number[] =>
  [0, 1].flatMap((h) => Array.from({ length: steps }, (_, t) => [0, 1].map((d) => row * 1000 + h * 100 + t * 10 + d)).flat());

describe('truncateRow', () => {
  it('cuts one row back to its first positions; the others keep theirs, right-aligned', () => {
    const kv = batch(6, [0, 2]);
    const cut = truncateRow(kv, 0, 2, io);
    // Row 1 (4 real steps) is now the longest: the batch shrinks to 4 and row 0 gains 2 steps of padding.
    expect(cut.length).toBe(4);
    expect(cut.padLeft).toEqual([2, 0]);
    expect(realSteps(cut)).toEqual([expectedSteps(0, 2), expectedSteps(1, 4)]);
    expect(cut.keys[0]?.dims).toEqual([2, 2, 4, 2]);
  });

  it('drops the padding a lone row no longer needs, and leaves a batch alone when nothing is cut', () => {
    const kv = batch(5, [1]);
    const cut = truncateRow(kv, 0, 3, io);
    expect(cut).toMatchObject({ length: 3, padLeft: [0] });
    expect(realSteps(cut)).toEqual([expectedSteps(0, 3)]);
    expect(truncateRow(kv, 0, 4, io)).toBe(kv);
    expect(() => truncateRow(kv, 0, 5, io)).toThrow(RangeError);
    expect(() => truncateRow(kv, 1, 1, io)).toThrow(RangeError);
  });
});

describe('DecoderState with a cut-back row', () => {
  let dir: string;
  let session: ModelSession;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpr-kv-'));
    await makeTinyModel({ out: dir, seed: 4 });
    session = await createModelSession(join(dir, 'onnx', 'model.onnx'));
  });
  afterAll(async () => {
    await session?.release();
    await rm(dir, { recursive: true, force: true });
  });

  it('continues exactly as if the cut tokens had never been fed (positions and mask follow)', async () => {
    const cut = new DecoderState(session, 0);
    await cut.prefill([[1, 20, 30, 40, 50, 60]]);
    cut.truncateRow(0, 3);
    const after = await cut.decode([70], [3]);
    const fresh = new DecoderState(session, 0);
    await fresh.prefill([[1, 20, 30]]);
    const expected = await fresh.decode([70], [3]);
    expect(after.logits).toEqual(expected.logits);
  });

  it('verifies a draft: argmax at every position, the cache keeps the agreed prefix', async () => {
    const plain = new DecoderState(session, 0);
    const first = await plain.prefill([[1, 20, 30]], [true]);
    const greedy = [first.greedyTokens[0] as number];
    for (let i = 0; i < 5; i++) greedy.push((await plain.decode([greedy[i] as number], [3 + i], [true])).greedyTokens[0] as number);
    // Draft: the greedy continuation with its fourth token changed.
    const wrong = ((greedy[3] as number) + 1) % 512;
    const draft = [greedy[0] as number, greedy[1] as number, greedy[2] as number, wrong, greedy[4] as number];
    const spec = new DecoderState(session, 0);
    await spec.prefill([[1, 20, 30]], [true]);
    const verdict = await spec.verifyDraft(draft, 3);
    expect(verdict.accepted).toBe(2);
    expect([...verdict.greedyTokens.subarray(0, 3)]).toEqual(greedy.slice(1, 4));
    // Feeding the model's own token next matches plain decoding (cache holds prompt + 3 tokens).
    const next = await spec.decode([greedy[3] as number], [6], [true]);
    expect(next.greedyTokens[0]).toBe(greedy[4]);
    await spec.prefill([[1, 2]]);
    await expect(spec.verifyDraft([1, 2], 2)).rejects.toThrow(/one row/);
  });
});
