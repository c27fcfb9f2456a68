// String content masks from token classes against the trie walk, on Llama 3.1's real vocabulary (its
// byte-level tokens hold quotes followed by punctuation, partial UTF-8 sequences and long runs).
import { describe, expect, it } from 'vitest';
import { maskSummary } from '../../models/test-support/mask-summary.ts';
import { loadLlama31Tokenizer, truncatedVocabulary } from '../../eval/llama3-tokenizer.ts';
import { initialState, stepBytes } from '../../models/src/constrained/automaton.ts';
import { compileSchema } from '../../models/src/constrained/index.ts';
import { stringContentMask } from '../../models/src/constrained/string-masks.ts';
import { computeMask } from '../../models/src/constrained/token-masks.ts';
import { vocabularyTrie } from '../../models/src/constrained/vocabulary-trie.ts';
import type { VocabularyTrie } from '../../models/src/constrained/vocabulary-trie.ts';

const encoder = new TextEncoder();

function expectSameMask(trie: VocabularyTrie, schema: unknown, prefix: string): void {
  const state = stepBytes(initialState(compileSchema(schema).root), encoder.encode(prefix));
  const fast = stringContentMask(trie, state);
  expect(fast, prefix).not.toBeNull();
  expect(maskSummary(fast!), `${JSON.stringify(schema)} after ${prefix}`).toEqual(
    maskSummary(computeMask(trie, state)),
  );
}

const decision = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'next_action'],
  properties: { reason: { type: 'string', maxLength: 500 }, next_action: { type: 'string', maxLength: 20 } },
};

describe('string content masks on the Llama 3.1 vocabulary', () => {
  it('equal the trie walk over its first 8k tokens, in every kind of string state', async () => {
    const trie = vocabularyTrie(truncatedVocabulary((await loadLlama31Tokenizer()).vocabulary, 8192));
    expectSameMask(trie, decision, '{"reason":"');
    expectSameMask(trie, decision, '{"reason":"The order');
    expectSameMask(trie, decision, '{"reason":"a","next_action":"refund the');
    expectSameMask(trie, { type: 'string', minLength: 3, maxLength: 8 }, '"é');
    expectSameMask(trie, { type: 'array', items: { type: 'string' } }, '["x","');
    expectSameMask(trie, { type: 'object', additionalProperties: { type: 'number' } }, '{"key');
  }, 60_000);

  it('equal the trie walk over all 128,256 tokens inside an object value', async () => {
    const trie = vocabularyTrie((await loadLlama31Tokenizer()).vocabulary);
    expect(trie.size).toBe(128_256);
    expectSameMask(trie, decision, '{"reason":"The customer');
  }, 120_000);
});
