import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../tools/index.ts';
import { DecoderState } from './decoder-state.ts';
import { truncateRow, type KvBatch } from './kv-batch.ts';
import { createModelSession, float32Tensor, type DecoderIo, type ModelSession } from './onnx.ts';

const io = { layers: 1, kvHeads: 2, headDim: 2 } as DecoderIo;

/** One layer; element (row, head, t, d) = row*1000 + head*100 + t*10 + d, padding steps -1. */
function batch(length: number, padLeft: number[]): KvBatch {
  const data = new Float32Array(padLeft.length * 2 * length * 2);
  padLeft.forEach((pad, row) => {
    for (let h = 0; h < 2; h++)
      for (let t = 0; t < length; t++)
        for (let d = 0; d < 2; d++) {
          data[((row * 2 + h) * length + t) * 2 + d] = t < pad ? -1 : row * 1000 + h * 100 + (t - pad) * 10 + d;
        }
  });
  const tensor = float32Tensor(data, [padLeft.length, 2, length, 2]);
  return { length, padLeft, padRight: padLeft.map(() => 0), keys: [tensor], values: [tensor] };
}

/** The real steps of each row, as the (row, head, position, d) values they hold. */
function realSteps(kv: KvBatch): number[][] {
  const data = kv.keys[0]?.data as Float32Array;
  return kv.padLeft.map((pad, row) => {
    const out: number[] = [];
    for (let h = 0; h < 2; h++)
      for (let t = pad; t < kv.length; t++)
        for (let d = 0; d < 2; d++) out.push(data[((row * 2 + h) * kv.length + t) * 2 + d] as number);
    return out;
  });
}

const expectedSteps = (row: number, steps: number): number[] =>
  [0, 1].flatMap((h) =>
    Array.from({ length: steps }, (_, t) => [0, 1].map((d) => row * 1000 + h * 100 + t * 10 + d)).flat(),
  );

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

  it('verifies drafts row by row in one pass: argmax at every position, each cache keeps its agreed prefix', async () => {
    const greedyOf = async (prompt: number[], steps: number): Promise<number[]> => {
      const plain = new DecoderState(session, 0);
      const out = [(await plain.prefill([prompt], [true])).greedyTokens[0] as number];
      for (let i = 0; i < steps; i++)
        out.push((await plain.decode([out[i] as number], [prompt.length + i], [true])).greedyTokens[0] as number);
      return out;
    };
    const a = await greedyOf([1, 20, 30], 5);
    const b = await greedyOf([1, 40, 50, 60, 70], 3);
    // Row a: its greedy continuation with the fourth token changed; row b: no draft, its pending token only.
    const wrong = ((a[3] as number) + 1) % 512;
    const spec = new DecoderState(session, 0);
    await spec.prefill(
      [
        [1, 20, 30],
        [1, 40, 50, 60, 70],
      ],
      [true, true],
    );
    const verdicts = await spec.verifyDrafts(
      [[a[0] as number, a[1] as number, a[2] as number, wrong, a[4] as number], [b[0] as number]],
      [3, 5],
    );
    expect(verdicts.width).toBe(5);
    expect([...verdicts.accepted]).toEqual([2, 0]);
    expect([...verdicts.greedyTokens.subarray(0, 3)]).toEqual(a.slice(1, 4));
    expect(verdicts.greedyTokens[5]).toBe(b[1]);
    // Row a's cache holds its prompt + 3 tokens, row b's its prompt + 1: both continue as plain decoding,
    // logits and all (a cache that kept a rejected or padding step would shift them).
    const next = await spec.decode([a[3] as number, b[1] as number], [6, 6]);
    const reference = async (prompt: number[], token: number): Promise<Float32Array> => {
      const state = new DecoderState(session, 0);
      await state.prefill([prompt]);
      return (await state.decode([token], [prompt.length])).logits?.slice() as Float32Array;
    };
    const expected = [
      await reference([1, 20, 30, ...a.slice(0, 3)], a[3] as number),
      await reference([1, 40, 50, 60, 70, b[0] as number], b[1] as number),
    ];
    const logits = next.logits as Float32Array;
    expected.forEach((row, r) => {
      const diff = Math.max(...row.map((x, i) => Math.abs(x - (logits[r * 512 + i] as number))));
      expect(diff).toBeLessThan(1e-4);
    });
    await expect(spec.verifyDrafts([[1, 2]], [2])).rejects.toThrow(/each of the 2 rows/);
  });

  it("feeds a short row's padding at its last position, never past it (a fixed RoPE table may end there)", async () => {
    const positionIds: bigint[][] = [];
    const recording: ModelSession = {
      ...session,
      run: (feeds, fetches) => {
        positionIds.push([...((feeds.position_ids?.data as BigInt64Array | undefined) ?? [])]);
        return session.run(feeds, fetches);
      },
    };
    const state = new DecoderState(recording, 0);
    await state.prefill(
      [
        [1, 20, 30],
        [1, 40, 50, 60, 70],
      ],
      [true, true],
    );
    await state.verifyDrafts([[7, 8, 9, 10], [11]], [3, 5]);
    expect(positionIds.at(-1)).toEqual([3n, 4n, 5n, 6n, 5n, 5n, 5n, 5n]);
  });
});
