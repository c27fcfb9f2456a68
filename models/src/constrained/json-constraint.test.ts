import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MprError } from '../../../lib/errors.ts';
import { createJsonConstraint, jsonGrammar, shortestDocumentTokens } from './grammar-cache.ts';
import { decodeWithRandomLogits } from '../../test-support/random-model.ts';
import { syntheticVocabulary } from '../../test-support/synthetic-vocabulary.ts';

const vocabulary = syntheticVocabulary(3000, 11);
const ajv = new Ajv({ strict: false });

const KEYS = ['a', 'ab', 'name', 'é', 'with"quote', 'back\\slash', 'a b', '中文', 'score', 'tags'];

const leaf = fc.oneof(
  fc.constant({ type: 'string' }),
  fc.integer({ min: 0, max: 12 }).map((maxLength) => ({ type: 'string', maxLength })),
  fc.integer({ min: 1, max: 3 }).map((minLength) => ({ type: 'string', minLength, maxLength: minLength + 4 })),
  fc.constant({ type: 'number' }),
  fc.constant({ type: 'integer' }),
  fc
    .tuple(fc.integer({ min: -200, max: 50 }), fc.nat(300))
    .map(([minimum, span]) => ({ type: 'integer', minimum, maximum: minimum + span })),
  fc.constant({ type: 'number', minimum: -10, maximum: 10 }),
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.constant({ type: ['string', 'null'] }),
  fc.constant({ type: 'integer', nullable: true }),
  fc
    .uniqueArray(
      fc.oneof(
        fc.constantFrom('a', 'ab', 'abc', 'é', 'x"y', ''),
        fc.integer({ min: -20, max: 200 }),
        fc.constant(null),
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    )
    .map((values) => ({ enum: values })),
  fc.constantFrom('yes', 42, true).map((value) => ({ const: value })),
  fc.constant({}),
);

const { node: schemaArbitrary } = fc.letrec<{ node: unknown; object: unknown; array: unknown; anyOf: unknown }>(
  (tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array'), tie('anyOf')),
    object: fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 4 }),
        fc.array(tie('node'), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
      )
      .map(([keys, values, required, closed]) => ({
        type: 'object',
        properties: Object.fromEntries(keys.map((key, i) => [key, values[i]])),
        required: keys.filter((_, i) => required[i]),
        ...(closed ? { additionalProperties: false } : {}),
      })),
    array: fc.tuple(tie('node'), fc.nat(2), fc.option(fc.nat(3))).map(([items, minItems, extra]) => ({
      type: 'array',
      items,
      minItems,
      ...(extra === null ? {} : { maxItems: minItems + extra }),
    })),
    anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((options) => ({ anyOf: options })),
  }),
);

function assertValid(schema: unknown, text: string): void {
  let value: unknown;
  expect(() => (value = JSON.parse(text)), text).not.toThrow();
  const validate = ajv.compile(schema as object);
  expect(validate(value), `${text} ${JSON.stringify(validate.errors)}`).toBe(true);
}

/** Decodes and checks every step: something is always allowed, and the stop token only when complete. */
function decodeChecked(schema: unknown, maxNewTokens: number, seed: number, temperature: number) {
  const constraint = createJsonConstraint(schema, vocabulary, { maxNewTokens });
  const result = decodeWithRandomLogits(vocabulary, constraint, {
    maxNewTokens,
    seed,
    temperature,
    onMask: (logits) => {
      expect(logits.some((value) => value > -Infinity)).toBe(true);
    },
  });
  return { result, constraint };
}

describe('JSON constraint with a random model', () => {
  it('yields schema-valid JSON for random schemas, at any budget down to the shortest document', () => {
    fc.assert(
      fc.property(schemaArbitrary, fc.nat(1000), (schema, seed) => {
        const shortest = shortestDocumentTokens(schema, vocabulary);
        for (const budget of [shortest, shortest + 2, 48]) {
          for (const temperature of [0, 1]) {
            const { result, constraint } = decodeChecked(
              schema,
              Math.max(budget, shortest),
              seed + budget,
              temperature,
            );
            assertValid(schema, result.text);
            if (result.finishReason === 'constraint_complete') expect(constraint.isComplete()).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('allows the stop token exactly when the document is complete', () => {
    const schema = { anyOf: [{ type: 'integer' }, { type: 'object', properties: { a: { type: 'string' } } }] };
    const eos = vocabulary.stopTokenIds[0]!;
    for (let seed = 0; seed < 20; seed++) {
      const constraint = createJsonConstraint(schema, vocabulary);
      const result = decodeWithRandomLogits(vocabulary, constraint, {
        maxNewTokens: 24,
        seed,
        onMask: (logits) => {
          // A model that wants to stop at every step: it can only when the text is a complete document.
          if (logits[eos]! > -Infinity) logits[eos] = 1000;
        },
      });
      assertValid(schema, result.text);
      if (result.finishReason === 'stop_token') expect(/^-?\d+$/.test(result.text)).toBe(true);
    }
  });

  it('steers to the closing when the budget runs out, filling required fields', () => {
    const schema = {
      type: 'object',
      properties: {
        summary: { type: 'string' },
        entities: {
          type: 'array',
          items: {
            type: 'object',
            properties: { text: { type: 'string' }, start: { type: 'integer' } },
            required: ['text', 'start'],
          },
          minItems: 1,
        },
        escalate: { type: 'boolean' },
      },
      required: ['summary', 'entities', 'escalate'],
    };
    const grammar = jsonGrammar(schema, vocabulary);
    expect(grammar.shortestDocument).toBe('{"summary":"","entities":[{"text":"","start":0}],"escalate":true}');
    for (const budget of [
      grammar.shortestDocumentTokens,
      grammar.shortestDocumentTokens + 1,
      grammar.shortestDocumentTokens + 5,
    ]) {
      for (let seed = 0; seed < 10; seed++) {
        const { result } = decodeChecked(schema, budget, seed, seed % 2);
        expect(result.tokenIds.length).toBeLessThanOrEqual(budget);
        assertValid(schema, result.text);
      }
    }
  });

  it('refuses a budget below the shortest document before decoding', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', minLength: 30 } }, required: ['a'] };
    const shortest = shortestDocumentTokens(schema, vocabulary);
    expect(() => createJsonConstraint(schema, vocabulary, { maxNewTokens: shortest - 1 })).toThrowError(MprError);
    try {
      createJsonConstraint(schema, vocabulary, { maxNewTokens: shortest - 1 });
    } catch (error) {
      expect((error as MprError).code).toBe('invalid_argument');
      expect((error as MprError).message).toContain(`${shortest} tokens`);
    }
    expect(() => createJsonConstraint(schema, vocabulary, { maxNewTokens: shortest })).not.toThrow();
  });

  it('rejects tokens the mask forbids and caches grammars per schema and vocabulary', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } } };
    const constraint = createJsonConstraint(schema, vocabulary);
    expect(() => constraint.accept(vocabulary.stopTokenIds[0]!)).toThrowError(/before the JSON document is complete/);
    const quote = [...Array(vocabulary.size).keys()].find(
      (id) => vocabulary.tokenBytes(id)?.[0] === 0x22 && vocabulary.tokenBytes(id)!.length === 1,
    )!;
    expect(() => constraint.accept(quote)).toThrowError(/not allowed/);
    expect(jsonGrammar(schema, vocabulary)).toBe(jsonGrammar(JSON.parse(JSON.stringify(schema)), vocabulary));
    expect(jsonGrammar(schema, vocabulary)).not.toBe(jsonGrammar(schema, syntheticVocabulary(1500, 2)));
  });
});
