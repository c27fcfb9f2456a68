import { describe, expect, it } from 'vitest';
import { maskSummary } from '../../test-support/mask-summary.ts';
import { mulberry32, syntheticVocabulary } from '../../test-support/synthetic-vocabulary.ts';
import { initialState, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import { compileSchema } from './schema-compiler.ts';
import { stringContentMask } from './string-masks.ts';
import { stringTokenClasses } from './string-token-classes.ts';
import { computeMask } from './token-masks.ts';
import { vocabularyTrie } from './vocabulary-trie.ts';

const encoder = new TextEncoder();
const trie = vocabularyTrie(syntheticVocabulary(4096, 5));

function stateAfter(schema: unknown, prefix: string): AutomatonState {
  return stepBytes(initialState(compileSchema(schema).root), encoder.encode(prefix));
}

/** Strings of every kind, in every kind of enclosing value (what follows the quote differs). */
const STRING_STATES: [unknown, string][] = [
  [{ type: 'string' }, '"'],
  [{ type: 'string' }, '"abc'],
  [{ type: 'string', maxLength: 3 }, '"a'],
  [{ type: 'string', maxLength: 3 }, '"abc'],
  [{ type: 'string', minLength: 4, maxLength: 9 }, '"'],
  [{ type: 'string', minLength: 4, maxLength: 9 }, '"ab'],
  [{ type: 'string', minLength: 2 }, '"\\n'],
  [{ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'] }, '{"a":"x'],
  [{ type: 'object', properties: { a: { type: 'string', maxLength: 2 } }, additionalProperties: false }, '{"a":"'],
  [
    { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } },
    '{"a":"x","zz',
  ],
  [{ type: 'object', additionalProperties: { type: 'string' } }, '{"k":"v'],
  [{ type: 'array', items: { type: 'string' }, maxItems: 3 }, '["a","b'],
  [{ type: 'array', items: { type: 'string', maxLength: 5 }, minItems: 2 }, '["'],
  [{ type: 'object', additionalProperties: true }, '{"k'],
  [{ type: 'string', pattern: '^ab', maxLength: 6 }, '"ab'],
  [{ type: 'string', pattern: '^ab[\\s\\S]*$', minLength: 3 }, '"ab'],
];

describe('string content masks from token classes', () => {
  it('are exactly the masks a walk of the whole trie computes', () => {
    let compared = 0;
    for (const [schema, prefix] of STRING_STATES) {
      const state = stateAfter(schema, prefix);
      expect(state.length, prefix).toBeGreaterThan(0);
      const fast = stringContentMask(trie, state);
      expect(fast, `${JSON.stringify(schema)} after ${prefix}`).not.toBeNull();
      expect(maskSummary(fast!), `${JSON.stringify(schema)} after ${prefix}`).toEqual(
        maskSummary(computeMask(trie, state)),
      );
      compared++;
    }
    expect(compared).toBe(STRING_STATES.length);
  });

  it('agree with the walk all along random strings with escapes, unicode and length limits', () => {
    const random = mulberry32(23);
    const pieces = ['a', 'ab', ' the', '\\n', '\\u00e9', 'é', '中', '😀', '\\"', '\\\\', 'x y'];
    const schemas = [
      { type: 'object', properties: { s: { type: 'string', minLength: 2, maxLength: 12 } }, required: ['s'] },
      { type: 'array', items: { type: 'string', maxLength: 6 } },
    ];
    for (const schema of schemas) {
      const opener = schema.type === 'object' ? '{"s":"' : '["';
      for (let trial = 0; trial < 6; trial++) {
        let state = stateAfter(schema, opener);
        for (let step = 0; step < 8 && state.length > 0; step++) {
          const fast = stringContentMask(trie, state);
          if (fast) expect(maskSummary(fast)).toEqual(maskSummary(computeMask(trie, state)));
          const next = stepBytes(state, encoder.encode(pieces[Math.floor(random() * pieces.length)]!));
          if (next.length === 0) break;
          state = next;
        }
      }
    }
  });

  it('leave other states to the walk: patterns that still restrict, numbers, keys being matched', () => {
    expect(stringContentMask(trie, stateAfter({ type: 'string', pattern: '^[a-z]+$' }, '"ab'))).toBeNull();
    expect(stringContentMask(trie, stateAfter({ type: 'integer' }, '1'))).toBeNull();
    expect(stringContentMask(trie, stateAfter({ type: 'string' }, ''))).toBeNull();
    expect(stringContentMask(trie, stateAfter({ type: 'string', format: 'date' }, '"20'))).toBeNull();
    // A pattern state that accepts anything from here on is a plain string again.
    expect(stringContentMask(trie, stateAfter({ type: 'string', pattern: '^ab[\\s\\S]*$' }, '"ab'))).not.toBeNull();
  });

  it('classify every token once per vocabulary: content, quote tokens and the rest', () => {
    const classes = stringTokenClasses(trie);
    expect(stringTokenClasses(trie)).toBe(classes);
    const quoteTokens = classes.quoteChars.filter((chars) => chars >= 0).length;
    expect(quoteTokens).toBe(classes.quoteCount);
    expect(classes.contentIds.length + classes.otherIds.length).toBe(trie.size);
    const word = trie.tokenBytes.findIndex((bytes) => bytes !== null && new TextDecoder().decode(bytes) === ' the');
    expect([...classes.contentIds]).toContain(word);
    const closing = trie.tokenBytes.findIndex((bytes) => bytes !== null && new TextDecoder().decode(bytes) === '",');
    expect(classes.quoteChars[closing]).toBe(0);
  });
});
