import { describe, expect, it } from 'vitest';
import { MprError } from '../../../lib/errors.ts';
import { compileSchema } from './schema-compiler.ts';
import { binaryToText } from './schema-ir.ts';

function refusal(schema: unknown, limits = {}): MprError {
  try {
    compileSchema(schema, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(MprError);
    return error as MprError;
  }
  throw new Error('schema was accepted');
}

describe('compileSchema', () => {
  it('names the unsupported keyword and where it is', () => {
    const error = refusal({ type: 'object', properties: { id: { type: 'string', pattern: '^a' } } });
    expect(error.code).toBe('unsupported_schema');
    expect(error.message).toContain('"pattern"');
    expect(error.message).toContain('#/properties/id');
    expect(refusal({ type: 'string', format: 'date' }).message).toContain('"format"');
    expect(refusal({ type: 'array', items: [{ type: 'string' }] }).message).toContain('tuple');
    expect(refusal({ type: 'object', additionalProperties: { type: 'string' } }).message).toContain(
      'additionalProperties',
    );
    expect(refusal({ type: 'integer', exclusiveMinimum: 0 }).message).toContain('"exclusiveMinimum"');
    expect(refusal({ anyOf: [{ type: 'string' }], maxLength: 3 }).message).toContain('"maxLength"');
    expect(refusal({ type: 'date' }).message).toContain('"date"');
  });

  it('refuses unsatisfiable schemas before decoding', () => {
    for (const schema of [
      { type: 'array', minItems: 3, maxItems: 2 },
      { enum: [] },
      { type: 'string', enum: [1, 2] },
      { type: 'string', minLength: 4, maxLength: 2 },
      { type: 'integer', minimum: 5, maximum: 4 },
      { type: 'number', minimum: 0.2, maximum: 0.8 },
      { anyOf: [] },
      false,
      { type: 'object', required: ['x'], additionalProperties: false },
      { type: 'object', properties: { a: false }, required: ['a'] },
    ]) {
      const error = refusal(schema);
      expect(error.code).toBe('unsupported_schema');
      expect(error.message).toMatch(/unsatisfiable/);
    }
  });

  it('refuses schemas over the configured limits', () => {
    const deep = { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'string' } } } };
    expect(refusal(deep, { maxDepth: 2 }).message).toContain('deeper than the limit of 2');
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
    expect(
      binaryToText(
        compileSchema({ type: 'object', properties: { é: { const: 'ü' } }, required: ['é'] }).shortestDocument,
      ),
    ).toBe('{"é":"ü"}');
    expect(binaryToText(compileSchema({}).shortestDocument)).toBe('0');
    expect(binaryToText(compileSchema({ type: 'object' }).shortestDocument)).toBe('{}');
    expect(binaryToText(compileSchema({ type: 'array', maxItems: 0 }).shortestDocument)).toBe('[]');
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
