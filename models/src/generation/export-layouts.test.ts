// Every export layout users bring, written by make-tiny-model in the exporter's graph form, decodes the
// reference forward pass's greedy tokens through the runtime (the decoder worker, batching, KV cache):
// every token for float32 graphs and int4 (whose activations are float32; the reference dequantizes the
// same stored blocks), at least 99% teacher-forced agreement for float16.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel, type TinyModelInfo, type TinyModelOptions } from '../../tools/make-tiny-model/index.ts';
import { greedyAgreement, storedReferenceWeights } from '../../tools/make-tiny-model/reference-greedy.ts';
import { referenceForward } from '../../tools/make-tiny-model/reference-forward.ts';
import { loadTextGenerator } from './text-generator.ts';

const PROMPTS = [
  'Fix: she go to school every days.',
  'Describe: {"a": [1, 2]}',
  'Hello there.',
  'The quick brown fox jumps over the lazy dog.',
  'x',
  'Summarise the meeting notes in one sentence, please.',
  'Translate to French: the cat sleeps.',
  'List three colours.',
];
const NEW_TOKENS = 24;

const LAYOUTS: Record<string, TinyModelOptions & { minAgreement: number }> = {
  fp32: { minAgreement: 1 },
  fp16: { dtype: 'float16', minAgreement: 0.99 },
  int4: { dtype: 'int4', minAgreement: 1 },
  external_data: { externalData: true, minAgreement: 1 },
  qwen2: { architecture: 'qwen2', minAgreement: 1 },
  gqa: { layout: 'genai', minAgreement: 1 },
};

let root: string;
const models = new Map<string, TinyModelInfo>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mpr-layouts-'));
  for (const [name, { minAgreement: _, ...options }] of Object.entries(LAYOUTS)) {
    models.set(name, await makeTinyModel({ out: join(root, name), seed: 31, ...options }));
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('export layouts through the runtime', () => {
  it.each(Object.keys(LAYOUTS))('%s: batched greedy decoding agrees with the reference forward pass', async (name) => {
    const info = models.get(name) as TinyModelInfo;
    const weights = storedReferenceWeights(info.config);
    const generator = await loadTextGenerator(info.dir, { maxWaitMs: 5 });
    try {
      const prompts = PROMPTS.map((content) =>
        generator.encodePrompt(generator.applyChatTemplate([{ role: 'user', content }])),
      );
      const results = await Promise.all(
        PROMPTS.map((content) =>
          generator.generate(generator.applyChatTemplate([{ role: 'user', content }]), { maxNewTokens: NEW_TOKENS }),
        ),
      );
      let agreed = 0;
      let total = 0;
      results.forEach((result, i) => {
        const prompt = prompts[i] as number[];
        const score = greedyAgreement(info.config, weights, prompt, result.tokenIds);
        agreed += score.agreed;
        total += score.total;
        if (result.finishReason === 'stop_token') {
          // The stop token the runtime chose must be the reference's choice too.
          const logits = referenceForward(info.config, weights, [...prompt, ...result.tokenIds]);
          const last = logits.subarray(logits.length - info.config.vocabSize);
          const best = last.indexOf(Math.max(...last));
          total++;
          if (generator.vocabulary.stopTokenIds.includes(best)) agreed++;
        }
      });
      expect(total).toBeGreaterThan(PROMPTS.length * 4);
      expect(agreed / total).toBeGreaterThanOrEqual(LAYOUTS[name]?.minAgreement as number);

      // Drafts verified in batched passes (several tokens per row over a cache) change nothing: exact
      // drafts, reversed ones, and rows without a draft, side by side.
      const drafted = await Promise.all(
        PROMPTS.map((content, i) => {
          const own = results[i]?.tokenIds ?? [];
          const draft = i % 3 === 0 ? own : i % 3 === 1 ? own.toReversed() : undefined;
          return generator.generate(generator.applyChatTemplate([{ role: 'user', content }]), {
            maxNewTokens: NEW_TOKENS,
            ...(draft ? { draft } : {}),
          });
        }),
      );
      expect(drafted.map((r) => r.tokenIds)).toEqual(results.map((r) => r.tokenIds));
    } finally {
      await generator.close();
    }
  });
});
