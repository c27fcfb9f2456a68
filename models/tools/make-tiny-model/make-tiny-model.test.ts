import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelSession, emptyKv, int64Tensor, type Feeds, type ModelSession } from '../../src/backend/onnx.ts';
import { loadModelTokenizer } from '../../src/tokenizer/index.ts';
import { createWeights, makeTinyModel, resolveTinyConfig, type TinyModelInfo } from './index.ts';
import { referenceForward } from './reference-forward.ts';

let dir: string;
let untiedDir: string;
let info: TinyModelInfo;
let untied: TinyModelInfo;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-tiny-'));
  untiedDir = join(dir, 'untied');
  info = await makeTinyModel({ out: dir, seed: 7 });
  untied = await makeTinyModel({
    out: untiedDir,
    seed: 11,
    tieEmbeddings: false,
    layers: 3,
    heads: 6,
    kvHeads: 3,
    hidden: 48,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Full forward of one sequence (no cache): logits [S, V] for every position. */
async function onnxForward(session: ModelSession, tokens: number[], keep = 0): Promise<Float32Array> {
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
  if (io.logitsToKeepInput) feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(BigInt(keep)), []);
  const out = await session.run(feeds);
  return out.logits?.data as Float32Array;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

function argmax(logits: Float32Array, offset: number, size: number): number {
  let best = 0;
  for (let i = 1; i < size; i++) if ((logits[offset + i] as number) > (logits[offset + best] as number)) best = i;
  return best;
}

describe('makeTinyModel', () => {
  it('writes the Optimum / transformers.js layout with consistent ids', async () => {
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    const generation = JSON.parse(await readFile(join(dir, 'generation_config.json'), 'utf8'));
    const tokenizerConfig = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8'));
    expect(config).toMatchObject({
      model_type: 'llama',
      vocab_size: 512,
      num_key_value_heads: 2,
      tie_word_embeddings: true,
    });
    expect(generation.eos_token_id).toEqual(info.eosTokenIds);
    expect(tokenizerConfig.chat_template).toContain('<|start_header_id|>');
    const tokenizerJson = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'));
    expect(Object.keys(tokenizerJson.model.vocab).length + tokenizerJson.added_tokens.length).toBe(512);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const again = await makeTinyModel({ out: join(dir, 'again'), seed: 7 });
    const other = await makeTinyModel({ out: join(dir, 'other'), seed: 8 });
    const bytes = (d: string): Promise<Buffer> => readFile(join(d, 'onnx', 'model.onnx'));
    expect((await bytes(again.dir)).equals(await bytes(dir))).toBe(true);
    expect((await bytes(other.dir)).equals(await bytes(dir))).toBe(false);
  });

  it('ONNX logits equal the TypeScript reference forward pass (tied and untied heads)', async () => {
    for (const [modelDir, model] of [
      [dir, info],
      [untiedDir, untied],
    ] as const) {
      const session = await createModelSession(join(modelDir, 'onnx', 'model.onnx'));
      const tokens = [info.bosTokenId, 17, 300, 45, 99, 260, 3, 450, 12, 77, 101];
      const onnx = await onnxForward(session, tokens);
      const reference = referenceForward(model.config, createWeights(model.config), tokens);
      expect(maxAbsDiff(onnx, reference)).toBeLessThan(1e-4);
      await session.release();
    }
  });

  it('num_logits_to_keep=1 returns exactly the last position of the full logits', async () => {
    const session = await createModelSession(join(dir, 'onnx', 'model.onnx'));
    const tokens = [5, 6, 7, 8, 9, 10];
    const all = await onnxForward(session, tokens, 0);
    const last = await onnxForward(session, tokens, 1);
    expect(last.length).toBe(512);
    expect(maxAbsDiff(last, all.subarray(5 * 512))).toBeLessThan(1e-5);
    await session.release();
  });

  it('decoding with the KV cache yields the same tokens as recomputing the sequence each step', async () => {
    const session = await createModelSession(join(dir, 'onnx', 'model.onnx'));
    const { io } = session;
    const V = info.config.vocabSize;
    const prompt = [info.bosTokenId, 40, 41, 42, 300];

    const recomputed = [...prompt];
    for (let step = 0; step < 12; step++) {
      const logits = await onnxForward(session, recomputed, 1);
      recomputed.push(argmax(logits, 0, V));
    }

    const cached = [...prompt];
    let past: Feeds = {};
    for (const name of [...io.pastKeyNames, ...io.pastValueNames])
      past[name] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
    let fed = 0;
    while (cached.length < recomputed.length) {
      const chunk = cached.slice(fed);
      const total = cached.length;
      const out = await session.run({
        ...past,
        input_ids: int64Tensor(BigInt64Array.from(chunk, BigInt), [1, chunk.length]),
        attention_mask: int64Tensor(new BigInt64Array(total).fill(1n), [1, total]),
        position_ids: int64Tensor(
          BigInt64Array.from(chunk, (_, i) => BigInt(fed + i)),
          [1, chunk.length],
        ),
        num_logits_to_keep: int64Tensor(BigInt64Array.of(1n), []),
      });
      fed = total;
      past = {};
      io.pastKeyNames.forEach((name, l) => {
        past[name] = out[io.presentKeyNames[l] as string] as Feeds[string];
      });
      io.pastValueNames.forEach((name, l) => {
        past[name] = out[io.presentValueNames[l] as string] as Feeds[string];
      });
      cached.push(argmax(out.logits?.data as Float32Array, 0, V));
    }
    expect(cached).toEqual(recomputed);
    expect(new Set(cached.slice(prompt.length)).size).toBeGreaterThan(1);
    await session.release();
  });

  it('writes a real byte-level BPE tokenizer that round-trips text', async () => {
    const tokenizer = await loadModelTokenizer(dir);
    for (const text of ['The quick brown fox.', '{"summary": "naïve café ☕", "n": 42}', '  spaces\n\tand tabs ']) {
      const ids = tokenizer.encodePlain(text);
      expect(ids.length).toBeLessThan(Buffer.byteLength(text) + 1);
      expect(tokenizer.decode(ids)).toBe(text);
    }
    // Frequent corpus words become single tokens.
    expect(tokenizer.encodePlain(' the')).toHaveLength(1);
    expect(tokenizer.encode('hi')[0]).toBe(info.bosTokenId);
  });

  it('pads large vocabularies with generated merges', async () => {
    const big = await makeTinyModel({
      out: join(dir, 'big'),
      vocabSize: 32768,
      hidden: 32,
      heads: 2,
      kvHeads: 1,
      layers: 1,
    });
    const tokenizer = await loadModelTokenizer(big.dir);
    expect(tokenizer.vocabulary.size).toBe(32768);
    const text = 'Fix: she go to school every days. {"a": [1, 2]}';
    expect(tokenizer.decode(tokenizer.encodePlain(text))).toBe(text);
  });

  it('rejects inconsistent sizes', () => {
    expect(() => resolveTinyConfig({ heads: 3, hidden: 64 })).toThrow(/multiple of heads/);
    expect(() => resolveTinyConfig({ heads: 4, kvHeads: 3 })).toThrow(/kv-heads/);
  });
});
