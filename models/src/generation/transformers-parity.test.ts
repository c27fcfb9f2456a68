// transformers.js loads the same tiny model directory; its greedy generate must match ours token for token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, env, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../tools/index.ts';
import { loadTextGenerator, type OnnxTextGenerator } from './text-generator.ts';

let root: string;
let generator: OnnxTextGenerator;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mpr-parity-'));
  await makeTinyModel({ out: join(root, 'tiny'), seed: 21, tieEmbeddings: false, layers: 2, heads: 4, kvHeads: 1 });
  generator = await loadTextGenerator(join(root, 'tiny'));
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  env.useBrowserCache = false;
  env.useFSCache = false;
});

afterAll(async () => {
  await generator.close();
  await rm(root, { recursive: true, force: true });
});

describe('transformers.js parity', () => {
  it('loads the directory and its greedy generate gives our token ids', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('tiny');
    const model = await AutoModelForCausalLM.from_pretrained('tiny', { dtype: 'fp32', device: 'cpu' });
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
    await model.dispose();
  });
});
