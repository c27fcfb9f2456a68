import { describe, expect, it } from 'vitest';
import { initialState, stateMaskKey, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import { compileSchema } from './schema-compiler.ts';
import { mulberry32, syntheticVocabulary } from '../../test-support/synthetic-vocabulary.ts';
import { computeMask } from './token-masks.ts';
import type { MaskEntry } from './token-masks.ts';
import { vocabularyTrie } from './vocabulary-trie.ts';

const encoder = new TextEncoder();
const trie = vocabularyTrie(syntheticVocabulary(4096, 3));

/** What a cached mask stands for, in a form two computations can be compared by. */
function summary(entry: MaskEntry): object {
  const shifting = [...entry.shifting].map((id, i) => [id, entry.shiftingGrowth[i]]).sort((a, b) => a[0]! - b[0]!);
  return { allowed: [...entry.allowed].sort((a, b) => a - b), shifting, maxGrowth: entry.maxGrowth };
}

describe('mask keys', () => {
  it('states sharing a mask key get the same mask: bounded numbers, clear of their bounds or near them', () => {
    const schemas = [
      { type: 'object', properties: { n: { type: 'integer', minimum: 0 } }, required: ['n'] },
      { type: 'object', properties: { n: { type: 'integer', minimum: -99_999, maximum: -3 } }, required: ['n'] },
      { type: 'object', properties: { n: { type: 'number', minimum: 0, maximum: 1_000_000 } }, required: ['n'] },
      { type: 'array', items: { type: 'integer', minimum: -50, maximum: 123_456 } },
    ];
    const random = mulberry32(17);
    let shared = 0;
    for (const schema of schemas) {
      const start = initialState(compileSchema(schema).root);
      const byKey = new Map<string, object>();
      const check = (state: AutomatonState): void => {
        if (state.length === 0) return;
        const key = stateMaskKey(state, trie.maxTokenBytes);
        const mask = summary(computeMask(trie, state));
        const first = byKey.get(key);
        if (first) {
          shared++;
          expect(mask, key).toEqual(first);
        } else {
          byKey.set(key, mask);
        }
      };
      const prefix = schema.type === 'object' ? '{"n":' : '[';
      for (let trial = 0; trial < 60; trial++) {
        // Values of every length, near the bounds (runs of 9s, 1 followed by 0s) and random.
        const length = 1 + (trial % 15);
        const digits = Array.from({ length }, (_, i) =>
          trial % 5 === 0 ? '9' : trial % 5 === 1 ? (i === 0 ? '1' : '0') : String(Math.floor(random() * 10)),
        );
        if (digits[0] === '0' && length > 1) digits[0] = '4';
        const sign = trial % 3 === 0 ? '-' : '';
        let state = stepBytes(start, encoder.encode(prefix + sign));
        for (const digit of digits) {
          state = stepBytes(state, encoder.encode(digit));
          check(state);
        }
      }
    }
    // Merged keys were actually compared, not just computed once each.
    expect(shared).toBeGreaterThan(100);
  });
});

describe('mask keys of object keys', () => {
  it('states sharing a mask key get the same mask: key prefixes of a many-optional schema, after any property', () => {
    // field_1 and field_10..field_19 share prefixes; one required property bounds the candidates.
    const properties = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `field_${i}`,
        i % 3 === 0 ? { type: 'integer' } : { type: 'string', maxLength: 6 },
      ]),
    );
    const schema = { type: 'object', additionalProperties: false, properties, required: ['field_12'] };
    const start = initialState(compileSchema(schema).root);
    const random = mulberry32(23);
    const byKey = new Map<string, { mask: object; exact: string }>();
    let shared = 0;
    let sharedAcrossStates = 0;
    for (let trial = 0; trial < 40; trial++) {
      const written = Array.from({ length: 20 }, (_, i) => i).filter((i) => i === 12 || random() < 0.3);
      const text = `{${written.map((i) => `"field_${i}":${i % 3 === 0 ? String(i * 7) : '"ab"'}`).join(',')}}`;
      let state = start;
      for (const byte of encoder.encode(text)) {
        const key = stateMaskKey(state, trie.maxTokenBytes);
        const exact = state.map((thread) => thread?.key() ?? '$').join('|');
        const mask = summary(computeMask(trie, state));
        const first = byKey.get(key);
        if (first) {
          shared++;
          if (first.exact !== exact) sharedAcrossStates++;
          expect(mask, key).toEqual(first.mask);
        } else {
          byKey.set(key, { mask, exact });
        }
        state = stepBytes(state, Uint8Array.of(byte));
        expect(state.length).toBeGreaterThan(0);
      }
    }
    expect(shared).toBeGreaterThan(100);
    // Different automaton states (other indexes) were merged by the key and compared.
    expect(sharedAcrossStates).toBeGreaterThan(20);
  });
});

describe('computeMask', () => {
  it('lists allowed tokens in ascending order (the masked argmax reads the row front to back)', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string', maxLength: 8 }, n: { type: 'integer' } },
      required: ['name'],
    };
    let state = initialState(compileSchema(schema).root);
    let checked = 0;
    for (const byte of encoder.encode('{"name":"ab\\u00e9","n":12}')) {
      const { allowed } = computeMask(trie, state);
      for (let i = 1; i < allowed.length; i++) expect(allowed[i]!).toBeGreaterThan(allowed[i - 1]!);
      checked += allowed.length;
      state = stepBytes(state, Uint8Array.of(byte));
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
