// transformers.js loads the same tiny model directories; its greedy generate must match ours token for
// token, for every layout it loads: fp32 (onnx/model.onnx), fp16 (model_fp16.onnx: float16 KV cache and
// logits), q4 (model_q4.onnx: MatMulNBits), and the Qwen2 architecture.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, env, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel, type TinyModelOptions } from '../../tools/index.ts';
import { loadTextGenerator } from './text-generator.ts';

const LAYOUTS: [string, TinyModelOptions, 'fp32' | 'fp16' | 'q4'][] = [
  ['fp32', {}, 'fp32'],
  ['fp16', { dtype: 'float16' }, 'fp16'],
  ['int4', { dtype: 'int4' }, 'q4'],
  ['qwen2', { architecture: 'qwen2' }, 'fp32'],
];

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mpr-parity-'));
  for (const [name, options] of LAYOUTS) {
    await makeTinyModel({
      out: join(root, name),
      seed: 21,
      tieEmbeddings: false,
      layers: 2,
      heads: 4,
      kvHeads: 1,
      ...options,
    });
  }
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  env.useBrowserCache = false;
  env.useFSCache = false;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('transformers.js parity', () => {
  it.each(LAYOUTS)('%s: loads the directory and its greedy generate gives our token ids', async (name, _, dtype) => {
    const generator = await loadTextGenerator(join(root, name));
    const tokenizer = await AutoTokenizer.from_pretrained(name);
    const model = await AutoModelForCausalLM.from_pretrained(name, { dtype, device: 'cpu' });
    try {
      for (const content of ['Fix: she go to school every days.', 'Describe: {"a": [1, 2]}']) {
        const prompt = generator.applyChatTemplate([{ role: 'user', content }]);
        const ours = await generator.generate(prompt, { maxNewTokens: 16 });
        const ids = generator.encodePrompt(prompt);
        expect(tokenizer.encode(prompt, { add_special_tokens: false })).toEqual(ids);
        const inputIds = new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
        const attentionMask = new Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]);
        const output = (await model.generate({
          input_ids: inputIds,
          attention_mask: attentionMask,
          max_new_tokens: 16,
          do_sample: false,
        })) as Tensor;
        const theirs = Array.from(output.data as BigInt64Array, Number).slice(ids.length);
        const stop = generator.vocabulary.stopTokenIds;
        const theirsUntilStop = theirs.findIndex((t) => stop.includes(t));
        expect(theirsUntilStop === -1 ? theirs : theirs.slice(0, theirsUntilStop)).toEqual(ours.tokenIds);
        expect(ours.tokenIds.length).toBeGreaterThan(0);
      }
    } finally {
      await model.dispose();
      await generator.close();
    }
  });
});
