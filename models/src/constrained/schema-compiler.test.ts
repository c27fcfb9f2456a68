import { describe, expect, it } from 'vitest';
import { closingLength, initialState, isAccepting, stepBytes } from './automaton.ts';
import { validateDocument } from './document-validator.ts';
import { compileSchema } from './schema-compiler.ts';
import { binaryToText } from './schema-ir.ts';
import { SchemaRefusal } from './schema-refusal.ts';

function refusal(schema: unknown, limits = {}): SchemaRefusal {
  try {
    compileSchema(schema, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaRefusal);
    return error as SchemaRefusal;
  }
  throw new Error('schema was accepted');
}

function accepts(schema: unknown, text: string): boolean {
  const state = stepBytes(initialState(compileSchema(schema).root), new TextEncoder().encode(text));
  return state.length > 0 && isAccepting(state) && closingLength(state) === 0;
}

const shortest = (schema: unknown): string => binaryToText(compileSchema(schema).shortestDocument);

describe('compileSchema', () => {
  it('reads every draft from $schema and older spellings without it', () => {
    const draft04 = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'number',
      minimum: 5,
      exclusiveMinimum: true,
      maximum: 9,
    };
    expect(compileSchema(draft04).draft).toBe('04');
    expect(accepts(draft04, '5')).toBe(false);
    expect(accepts(draft04, '6')).toBe(true);
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { flag: { type: 'boolean' } },
      type: 'array',
      items: [{ type: 'integer' }, { $ref: '#/definitions/flag' }],
      additionalItems: false,
    };
    expect(compileSchema(draft07).draft).toBe('07');
    expect(accepts(draft07, '[1,true]')).toBe(true);
    expect(accepts(draft07, '[1,true,2]')).toBe(false);
    // No $schema: 2020-12, but `definitions` and tuple `items` are still understood.
    expect(compileSchema({ definitions: { a: { const: 1 } }, $ref: '#/definitions/a' }).draft).toBe('2020-12');
    expect(accepts({ definitions: { a: { const: 1 } }, $ref: '#/definitions/a' }, '1')).toBe(true);
    expect(accepts({ prefixItems: [{ const: 'x' }], items: false }, '["x"]')).toBe(true);
  });

  it('ignores annotations and unknown keywords', () => {
    const schema = {
      title: 't',
      description: 'd',
      examples: [1],
      default: 2,
      $comment: 'c',
      readOnly: true,
      deprecated: false,
      'x-vendor': { anything: true },
      markdownDescription: 'm',
      type: 'integer',
    };
    expect(accepts(schema, '12')).toBe(true);
  });

  it('resolves $defs, definitions, $id-relative and recursive references', () => {
    const relative = {
      $id: 'http://example.com/root.json',
      type: 'object',
      properties: { p: { $ref: 'item.json' } },
      required: ['p'],
      additionalProperties: false,
      definitions: { item: { $id: 'item.json', type: 'string', minLength: 3 } },
    };
    expect(shortest(relative)).toBe('{"p":"aaa"}');
    const tree = {
      $defs: {
        node: {
          type: 'object',
          properties: { v: { type: 'integer' }, next: { $ref: '#/$defs/node' } },
          required: ['v'],
          additionalProperties: false,
        },
      },
      $ref: '#/$defs/node',
    };
    expect(accepts(tree, '{"v":1,"next":{"v":2,"next":{"v":3}}}')).toBe(true);
    expect(accepts(tree, '{"v":1,"next":{}}')).toBe(false);
    expect(refusal({ $ref: 'https://example.com/remote.json' }).keyword).toBe('$ref');
  });

  it('merges allOf and distributes anyOf/oneOf', () => {
    const merged = {
      allOf: [
        { type: 'object', properties: { a: { type: 'integer', minimum: 1 } }, required: ['a'] },
        { properties: { a: { maximum: 3 }, b: { type: 'string' } }, required: ['b'], additionalProperties: false },
      ],
    };
    expect(shortest(merged)).toBe('{"a":1,"b":""}');
    expect(accepts(merged, '{"a":4,"b":""}')).toBe(false);
    const either = { oneOf: [{ type: 'string', maxLength: 1 }, { type: 'null' }], nullable: false };
    expect(accepts(either, '"a"')).toBe(true);
    expect(accepts(either, '"ab"')).toBe(false);
  });

  it('compiles pattern and format to automata', () => {
    const code = { type: 'string', pattern: '^[A-Z]{2}-\\d{3}$' };
    expect(shortest(code)).toBe('"AA-000"');
    expect(accepts(code, '"AB-123"')).toBe(true);
    expect(accepts(code, '"AB-12"')).toBe(false);
    expect(accepts({ type: 'string', format: 'date' }, '"2024-02-29"')).toBe(true);
    expect(accepts({ type: 'string', format: 'date' }, '"2023-02-29"')).toBe(false);
    expect(accepts({ type: 'string', format: 'email' }, '"a.b@example.com"')).toBe(true);
    expect(accepts({ type: 'string', format: 'uuid' }, '"123e4567-e89b-12d3-a456-426614174000"')).toBe(true);
    // URIs with or without an authority (ajv-formats accepts both), and what is not a URI.
    const uri = { type: 'string', format: 'uri' };
    for (const text of ['urn:isbn:0451450523', 'mailto:a@example.com', 'file:/tmp/x', 'http://a.b:80/c?d=1#e']) {
      expect(accepts(uri, JSON.stringify(text)), text).toBe(true);
      expect(validateDocument(uri, text).valid, text).toBe(true);
    }
    for (const text of ['urn:', 'no-scheme', '1a:b', 'a b:c'])
      expect(accepts(uri, JSON.stringify(text)), text).toBe(false);
    expect(refusal({ type: 'string', pattern: '(a)\\1' }).message).toContain('backreferences');
    expect(refusal({ type: 'string', pattern: '^(a|b)*a(a|b){14}$' }).keyword).toBe('pattern');
  });

  it('resolves references to subschemas whose $id is a JSON pointer fragment (ignored, as validators do)', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://example.com/tests.json',
      definitions: { envVar: { $id: '#/definitions/envVar', type: 'object', properties: { key: { type: 'string' } } } },
      type: 'object',
      properties: { env: { type: 'array', items: { $ref: '#/definitions/envVar' } } },
    };
    expect(compileSchema(schema).dropped).toEqual([]);
    expect(accepts(schema, '{"env":[{"key":"foo"}]}')).toBe(true);
    expect(accepts(schema, '{"env":[{"key":1}]}')).toBe(false);
  });

  it('writes free-form values nested as deep as real documents (tool parameters inside settings)', () => {
    const settings = { type: 'object', properties: { settings: { type: 'object' } } };
    const nested = { functions: [{ parameters: { properties: { genre: { type: 'string' } } } }] };
    expect(accepts(settings, JSON.stringify({ settings: nested }))).toBe(true);
    const tooDeep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    expect(accepts(settings, JSON.stringify({ settings: tooDeep }))).toBe(false);
  });

  it('handles numeric bounds, exclusive forms and integer multipleOf', () => {
    const schema = { type: 'integer', exclusiveMinimum: 0, maximum: 20, multipleOf: 7 };
    expect(shortest(schema)).toBe('7');
    expect(accepts(schema, '14')).toBe(true);
    expect(accepts(schema, '15')).toBe(false);
    expect(accepts(schema, '21')).toBe(false);
  });

  it('drops an optional part it cannot compile, and refuses a required one', () => {
    const optional = { type: 'object', properties: { a: { type: 'string', pattern: '(?=x)x' } } };
    expect(compileSchema(optional).dropped).toHaveLength(1);
    const required = { ...optional, required: ['a'] };
    const error = refusal(required);
    expect(error.pointer).toBe('#/properties/a/pattern');
    expect(error.keyword).toBe('pattern');
  });

  it('refuses unsatisfiable schemas before decoding', () => {
    for (const schema of [
      { type: 'array', minItems: 3, maxItems: 2 },
      { enum: [] },
      { type: 'string', enum: [1, 2] },
      { type: 'string', minLength: 4, maxLength: 2 },
      { type: 'integer', minimum: 5, maximum: 4 },
      { type: 'number', minimum: 0.2, maximum: 0.8 },
      false,
      { type: 'object', required: ['x'], additionalProperties: false },
      { type: 'object', properties: { a: false }, required: ['a'] },
      { type: 'object', properties: { self: { $ref: '#' } }, required: ['self'] },
    ]) {
      expect(refusal(schema).code).toBe('unsupported_schema');
    }
    expect(refusal({ anyOf: [] }).keyword).toBe('anyOf');
    expect(refusal({ type: 'date' }).message).toContain('"date"');
  });

  it('refuses schemas over the configured limits', () => {
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p${i}`, {}])) };
    expect(refusal(wide, { maxProperties: 4 }).message).toContain('limit of 4 properties');
    expect(refusal({ enum: [1, 2, 3] }, { maxEnumValues: 2 }).message).toContain('limit of 2');
    expect(
      refusal(
        { type: 'array', items: { type: 'string', minLength: 100 }, minItems: 100 },
        { maxShortestDocumentBytes: 1000 },
      ).message,
    ).toContain('longer than the limit');
  });

  it('builds the shortest document: required fields only, in schema order, no whitespace', () => {
    const compiled = compileSchema({
      type: 'object',
      properties: {
        optional: { type: 'string' },
        name: { type: 'string', minLength: 2 },
        score: { type: 'integer', minimum: 3, maximum: 9 },
        below: { type: 'integer', minimum: -9, maximum: -3 },
        tags: { type: 'array', items: { enum: ['long', 'x'] }, minItems: 2 },
        either: {
          anyOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'null' }],
        },
        flag: { type: 'boolean' },
        nothing: { type: ['string', 'null'] },
      },
      required: ['name', 'score', 'below', 'tags', 'either', 'flag', 'nothing'],
    });
    expect(binaryToText(compiled.shortestDocument)).toBe(
      '{"name":"aa","score":3,"below":-3,"tags":["x","x"],"either":null,"flag":true,"nothing":""}',
    );
    expect(shortest({ type: 'object', properties: { é: { const: 'ü' } }, required: ['é'] })).toBe('{"é":"ü"}');
    expect(shortest({})).toBe('0');
    expect(shortest({ type: 'object' })).toBe('{}');
    expect(shortest({ type: 'array', maxItems: 0 })).toBe('[]');
    expect(shortest({ type: 'object', minProperties: 1, additionalProperties: { type: 'null' } })).toBe('{"":null}');
  });

  it('compiles a 20-optional-property schema without enumerating subsets', () => {
    const properties = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`field_${i}`, { type: 'string', maxLength: 40 }]),
    );
    const compiled = compileSchema({ type: 'object', properties, additionalProperties: false });
    expect(binaryToText(compiled.shortestDocument)).toBe('{}');
    expect(compiled.root.kind).toBe('object');
  });
});
