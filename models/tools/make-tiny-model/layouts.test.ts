// Each export layout make-tiny-model writes computes the reference forward pass over the weights it
// stores: float32 graphs (Optimum, external data, Qwen2, genai builder) and int4 (float32 activations over
// dequantized blocks) within 1e-4, float16 within 0.05 (half-precision activations), with the same argmax
// at every position.
import { readFile, stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelSession, emptyKv, int64Tensor, type Feeds } from '../../src/backend/onnx.ts';
import { float16ToFloat32 } from '../../src/kernels/float16.ts';
import { loadModelTokenizer } from '../../src/tokenizer/index.ts';
import { decodeModel } from './graph-builder.ts';
import { makeTinyModel, type TinyModelInfo, type TinyModelOptions } from './index.ts';
import { referenceForward } from './reference-forward.ts';
import { storedReferenceWeights } from './reference-greedy.ts';

const LAYOUTS: Record<string, { options: TinyModelOptions; tolerance: number; file: string; ops: string[] }> = {
  fp32: { options: {}, tolerance: 1e-4, file: 'onnx/model.onnx', ops: ['MatMul'] },
  fp16: { options: { dtype: 'float16' }, tolerance: 0.05, file: 'onnx/model_fp16.onnx', ops: ['MatMul', 'Cast'] },
  int4: { options: { dtype: 'int4' }, tolerance: 1e-4, file: 'onnx/model_q4.onnx', ops: ['MatMulNBits'] },
  external_data: { options: { externalData: true }, tolerance: 1e-4, file: 'onnx/model.onnx', ops: ['MatMul'] },
  qwen2: {
    options: { architecture: 'qwen2', tieEmbeddings: true },
    tolerance: 1e-4,
    file: 'onnx/model.onnx',
    ops: ['Add'],
  },
  gqa: {
    options: { layout: 'genai' },
    tolerance: 1e-4,
    file: 'model.onnx',
    ops: ['GroupQueryAttention', 'SimplifiedLayerNormalization', 'SkipSimplifiedLayerNormalization'],
  },
};

let root: string;
const models = new Map<string, TinyModelInfo>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mpr-tiny-layouts-'));
  for (const [name, { options }] of Object.entries(LAYOUTS)) {
    models.set(name, await makeTinyModel({ out: join(root, name), seed: 13, ...options }));
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function argmaxAt(logits: Float32Array, offset: number, size: number): number {
  let best = 0;
  for (let i = 1; i < size; i++) if ((logits[offset + i] as number) > (logits[offset + best] as number)) best = i;
  return best;
}

describe('make-tiny-model layouts', () => {
  it.each(Object.keys(LAYOUTS))('%s: the graph computes the reference over its stored weights', async (name) => {
    const layout = LAYOUTS[name] as (typeof LAYOUTS)[string];
    const info = models.get(name) as TinyModelInfo;
    expect(info.onnxFile).toBe(layout.file);
    const ops = new Set(
      (decodeModel(await readFile(join(info.dir, info.onnxFile))).graph?.node ?? []).map((n) => n.opType),
    );
    for (const op of layout.ops) expect(ops).toContain(op);

    const session = await createModelSession(join(info.dir, info.onnxFile));
    const { io } = session;
    const tokens = [info.bosTokenId, 17, 300, 45, 99, 260, 3, 450, 12, 77, 101];
    const S = tokens.length;
    const feeds: Feeds = {
      input_ids: int64Tensor(BigInt64Array.from(tokens, BigInt), [1, S]),
      attention_mask: int64Tensor(new BigInt64Array(S).fill(1n), [1, S]),
    };
    if (io.hasPositionIds)
      feeds.position_ids = int64Tensor(
        BigInt64Array.from(tokens, (_, i) => BigInt(i)),
        [1, S],
      );
    if (io.logitsToKeepInput) feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(0n), []);
    for (const input of [...io.pastKeyNames, ...io.pastValueNames])
      feeds[input] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
    const out = (await session.run(feeds)).logits;
    await session.release();
    const logits = out?.type === 'float16' ? float16ToFloat32(out.data as Uint16Array) : (out?.data as Float32Array);
    expect(out?.type).toBe(name === 'fp16' ? 'float16' : 'float32');

    const reference = referenceForward(info.config, storedReferenceWeights(info.config), tokens);
    expect(logits.length).toBe(reference.length);
    let maxDiff = 0;
    for (let i = 0; i < logits.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs((logits[i] as number) - (reference[i] as number)));
    expect(maxDiff).toBeLessThan(layout.tolerance);
    const V = info.config.vocabSize;
    for (let p = 0; p < S; p++) expect(argmaxAt(logits, p * V, V)).toBe(argmaxAt(reference, p * V, V));
  });

  it('writes external data beside the graph, and the genai builder files', async () => {
    const external = models.get('external_data') as TinyModelInfo;
    expect(external.dataFile).toBe('onnx/model.onnx_data');
    const graphBytes = (await stat(join(external.dir, 'onnx/model.onnx'))).size;
    expect((await stat(join(external.dir, 'onnx/model.onnx_data'))).size).toBeGreaterThan(20 * graphBytes);

    const genai = models.get('gqa') as TinyModelInfo;
    expect(genai.dataFile).toBe('model.onnx.data');
    const config = JSON.parse(await readFile(join(genai.dir, 'genai_config.json'), 'utf8'));
    expect(config.model).toMatchObject({ vocab_size: 512, type: 'llama', eos_token_id: genai.eosTokenIds });
    expect(config.model.decoder.inputs).not.toHaveProperty('position_ids');
  });

  it("writes Llama 3.1's tokenizer: 128,256 tokens, its special tokens and chat template", async () => {
    const info = await makeTinyModel({
      out: join(root, 'llama3'),
      tokenizer: 'llama3',
      hidden: 16,
      heads: 2,
      kvHeads: 1,
      layers: 1,
    });
    expect(info.config.vocabSize).toBe(128_256);
    expect(info.bosTokenId).toBe(128_000);
    const tokenizer = await loadModelTokenizer(info.dir);
    expect(tokenizer.vocabulary.size).toBe(128_256);
    expect([...tokenizer.vocabulary.stopTokenIds]).toEqual([128_001, 128_008, 128_009]);
    const prompt = tokenizer.applyChatTemplate([{ role: 'user', content: 'Fix: she go to school.' }]);
    expect(prompt).toBe(
      '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nFix: she go to school.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    const ids = tokenizer.encode(prompt);
    expect(ids.slice(0, 2)).toEqual([128_000, 128_006]);
    expect(ids).toContain(128_009);
    expect(tokenizer.decode(tokenizer.encodePlain('naïve café ☕ 42'))).toBe('naïve café ☕ 42');

    const session = await createModelSession(join(info.dir, info.onnxFile));
    const { io } = session;
    const S = ids.length;
    const feeds: Feeds = {
      input_ids: int64Tensor(BigInt64Array.from(ids, BigInt), [1, S]),
      attention_mask: int64Tensor(new BigInt64Array(S).fill(1n), [1, S]),
      position_ids: int64Tensor(
        BigInt64Array.from(ids, (_, i) => BigInt(i)),
        [1, S],
      ),
      num_logits_to_keep: int64Tensor(BigInt64Array.of(1n), []),
    };
    for (const input of [...io.pastKeyNames, ...io.pastValueNames])
      feeds[input] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
    const logits = (await session.run(feeds)).logits;
    await session.release();
    expect(logits?.dims).toEqual([1, 1, 128_256]);
    const reference = referenceForward(info.config, storedReferenceWeights(info.config), ids);
    const last = reference.subarray(reference.length - 128_256);
    expect(argmaxAt(logits?.data as Float32Array, 0, 128_256)).toBe(argmaxAt(last, 0, 128_256));
  });

  it('rejects layouts the exporters cannot produce', async () => {
    await expect(makeTinyModel({ out: join(root, 'bad'), layout: 'genai', hidden: 32, heads: 4 })).rejects.toThrow(
      /multiple of 16/,
    );
    await expect(makeTinyModel({ out: join(root, 'bad'), dtype: 'float16', kvDtype: 'float32' })).rejects.toThrow(
      /float16/,
    );
    await expect(makeTinyModel({ out: join(root, 'bad'), tokenizer: 'llama3', vocabSize: 512 })).rejects.toThrow(
      /128256/,
    );
  });
});
