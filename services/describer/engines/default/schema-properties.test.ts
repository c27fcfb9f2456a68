// Property tests: for random schemas from the supported subset, the shortest instance and the default
// engine's documents always validate (checked with ajv, not with the engine's own conformance code).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../engine.ts';
import { assertSupportedSchema, validateDocument } from '../../tasks/index.ts';
import { createDefaultDescriberEngine } from './index.ts';
import { conforms, shortestInstance } from './schema-values.ts';

// Names the engine has facts for, next to names it cannot know and names that need pointer escaping.
const NAMES = [
  'language',
  'summary',
  'word_count',
  'counts',
  'words',
  'sentences',
  'entities',
  'emails',
  'urls',
  'dates',
  'keywords',
  'topics',
  'sentiment',
  'clarity',
  'score',
  'text',
  'start',
  'end',
  'type',
  'title',
  'a/b',
  'x~y',
];

const primitive = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 4 }),
);

const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record({ type: fc.constant('string'), maxLength: fc.integer({ min: 0, max: 12 }) }, { requiredKeys: ['type'] }),
  fc
    .tuple(fc.constantFrom('integer', 'number'), fc.option(fc.integer({ min: -20, max: 20 })), fc.nat(30))
    .map(([type, min, width]) => (min === null ? { type } : { type, minimum: min, maximum: min + width })),
  fc.constant({ type: 'number', minimum: 0.5, maximum: 2.25 }),
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.constant({ type: ['string', 'null'], maxLength: 3 }),
  fc
    .uniqueArray(primitive, { minLength: 1, maxLength: 4, selector: (v) => JSON.stringify(v) })
    .map((values) => ({ enum: values })),
  primitive.map((value) => ({ const: value })),
);

const { schema } = fc.letrec<{ schema: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 5 }),
        fc.array(tie('schema'), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
      )
      .map(([names, children, closed, nullable, requiredMask]) => ({
        type: nullable ? ['object', 'null'] : 'object',
        properties: Object.fromEntries(names.map((name, i) => [name, children[i]!])),
        required: names.filter((_, i) => (requiredMask >> i) & 1),
        ...(closed ? { additionalProperties: false } : {}),
      })),
    fc.tuple(tie('schema'), fc.nat(3), fc.option(fc.nat(4))).map(([items, minItems, extra]) => ({
      type: 'array',
      items,
      minItems,
      ...(extra === null ? {} : { maxItems: minItems + extra }),
    })),
    fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((anyOf) => ({ anyOf })),
  ),
}));

/** Values near the schema's edges: valid ones and ones off by one length, bound, item or property. */
function nearValue(s: JsonSchema): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = [primitive];
  if ('const' in s) options.push(fc.constant(s.const));
  if (Array.isArray(s.enum)) options.push(fc.constantFrom(...s.enum));
  for (const branch of (s.anyOf as JsonSchema[] | undefined) ?? []) options.push(nearValue(branch));
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const min = typeof s.minimum === 'number' ? s.minimum : -3;
  const max = typeof s.maximum === 'number' ? s.maximum : 3;
  for (const type of types) {
    if (type === 'string')
      options.push(fc.string({ unit: 'grapheme', maxLength: ((s.maxLength as number | undefined) ?? 4) + 1 }));
    if (type === 'integer' || type === 'number') {
      options.push(fc.integer({ min: Math.floor(min) - 1, max: Math.ceil(max) + 1 }));
      options.push(fc.double({ min: min - 1, max: max + 1, noNaN: true, noDefaultInfinity: true }));
    }
    if (type === 'array' && s.items) {
      const minItems = (s.minItems as number | undefined) ?? 0;
      const maxItems = ((s.maxItems as number | undefined) ?? minItems + 2) + 1;
      options.push(
        fc.array(nearValue(s.items as JsonSchema), { minLength: Math.max(0, minItems - 1), maxLength: maxItems }),
      );
    }
    if (type === 'object') {
      const properties = Object.entries((s.properties as Record<string, JsonSchema> | undefined) ?? {});
      const record = Object.fromEntries(properties.map(([name, child]) => [name, nearValue(child)]));
      options.push(
        fc
          .tuple(fc.record(record, { requiredKeys: [] }), fc.option(fc.constantFrom('extra', 'title')))
          .map(([object, extra]) => (extra === null ? object : { ...object, [extra]: 1 })),
      );
    }
  }
  return fc.oneof(...options);
}

const texts = fc.oneof(
  fc.constantFrom(
    'Dear team, my invoice INV-7 from 12 March 2024 shows $120.50 twice. Please refund me at ann@example.com asap!',
    'Der Kunde Jürgen Groß hat am 12.03.2024 angerufen. Bitte melden Sie sich bei ihm.',
    'これは日本語の文章です。',
    '',
  ),
  fc.lorem({ mode: 'sentences', maxCount: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

/** Whether a JSON pointer into a document names a place the schema describes. */
function schemaHasPointer(root: JsonSchema, pointer: string): boolean {
  if (pointer === '') return true;
  const [head, ...rest] = pointer.slice(1).split('/');
  const key = head!.replaceAll('~1', '/').replaceAll('~0', '~');
  const tail = rest.length === 0 ? '' : `/${rest.join('/')}`;
  const branches = [root, ...((root.anyOf as JsonSchema[] | undefined) ?? [])];
  return branches.some((s) => {
    const properties = s.properties as Record<string, JsonSchema> | undefined;
    if (properties && Object.hasOwn(properties, key)) return schemaHasPointer(properties[key]!, tail);
    if (/^\d+$/.test(key) && s.items) return schemaHasPointer(s.items as JsonSchema, tail);
    return false;
  });
}

describe('shortestInstance', () => {
  it('validates against every random schema of the subset', () => {
    fc.assert(
      fc.property(schema, (s) => {
        assertSupportedSchema(s);
        const value = shortestInstance(s);
        expect(conforms(value, s)).toBe(true);
        expect(validateDocument(s, value)).toEqual({ valid: true, errors: [] });
      }),
      { numRuns: 150, seed: 20240312 },
    );
  });

  it("agrees with ajv on whether values near the schema's edges conform", () => {
    const pairs = schema.chain((s) => fc.tuple(fc.constant(s), fc.array(nearValue(s), { minLength: 5, maxLength: 5 })));
    fc.assert(
      fc.property(pairs, ([s, values]) => {
        for (const value of values)
          expect(conforms(value, s), JSON.stringify(value)).toBe(validateDocument(s, value).valid);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('default engine on random schemas', () => {
  const engine = createDefaultDescriberEngine();

  it('always returns a document that validates, with unfilled pointers that exist in the schema', async () => {
    await fc.assert(
      fc.asyncProperty(schema, texts, async (s, text) => {
        const result = await engine.describe({ text, task: 'custom', schema: s });
        expect(validateDocument(s, result.document)).toEqual({ valid: true, errors: [] });
        for (const pointer of result.unfilledFields) expect(schemaHasPointer(s, pointer), pointer).toBe(true);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
