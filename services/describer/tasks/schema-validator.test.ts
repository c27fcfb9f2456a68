import { describe, expect, it } from 'vitest';
import { MprError } from '../../../lib/errors.ts';
import {
  DEFAULT_SCHEMA_LIMITS,
  assertSupportedSchema,
  canonicalJson,
  compileInlineSchema,
  compileSchema,
  getTask,
  parseInlineSchema,
  schemaHash,
  validateDocument,
} from './index.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof MprError ? error.code : `not an MprError: ${String(error)}`;
  }
  return undefined;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

function nested(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 1; i < depth; i++) schema = { type: 'array', items: schema };
  return schema;
}

describe('validateDocument', () => {
  const traits = getTask('traits').schema;
  const trait = { score: 3, explanation: 'ok' };
  const valid = { clarity: trait, politeness: trait, urgency: trait, formality: trait, sentiment: trait };

  it('accepts a valid document', () => {
    expect(validateDocument(traits, valid)).toEqual({ valid: true, errors: [] });
  });

  it('reports every problem with a pointer and a readable message', () => {
    const result = validateDocument(traits, { ...valid, clarity: { score: 7 }, mood: 'x' });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        '/ must not have the property "mood"',
        '/clarity must have the property "explanation"',
        '/clarity/score must be <= 5',
      ]),
    );
  });

  it('names allowed values for enum failures', () => {
    const result = validateDocument(getTask('decision').schema, {
      decision: 'maybe',
      reason: '',
      customer_response: '',
      next_action: '',
      escalation_required: false,
    });
    expect(result.errors).toEqual(['/decision must be one of ["approve","deny","escalate","request_info"]']);
  });

  it('counts maxLength in code points, as JSON Schema does', () => {
    const schema = { type: 'string', maxLength: 2 };
    expect(validateDocument(schema, '😀😀').valid).toBe(true);
    expect(validateDocument(schema, '😀😀😀').valid).toBe(false);
  });
});

describe('compileSchema cache', () => {
  it('hashes schemas independently of key order', () => {
    const a = { type: 'object', properties: { x: { type: 'string', maxLength: 3 } } };
    const b = { properties: { x: { maxLength: 3, type: 'string' } }, type: 'object' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(schemaHash(a)).toBe(schemaHash(b));
    expect(compileSchema(a)).toBe(compileSchema(b));
    expect(schemaHash(a)).not.toBe(schemaHash({ ...a, required: ['x'] }));
  });

  it('turns a schema ajv cannot compile into unsupported_schema', () => {
    expect(codeOf(() => compileSchema({ type: 'strnig' }))).toBe('unsupported_schema');
    expect(messageOf(() => compileSchema({ type: 'object', required: 'x' }))).toMatch(/schema does not compile/);
  });
});

describe('inline schema checks', () => {
  it('accepts the documented subset, with annotations and nullable type arrays', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Ticket',
      type: 'object',
      additionalProperties: false,
      required: ['id', 'tags', 'owner'],
      properties: {
        id: { type: 'integer', minimum: 1, maximum: 10 },
        tags: { type: 'array', minItems: 1, maxItems: 3, items: { enum: ['a', 'b'] } },
        owner: { type: ['string', 'null'], maxLength: 20, description: 'who' },
        kind: { anyOf: [{ const: 'x' }, { type: 'boolean' }] },
      },
    };
    const validate = compileInlineSchema(schema);
    expect(validate({ id: 2, tags: ['a'], owner: null }).valid).toBe(true);
    expect(validate({ id: 2, tags: [], owner: null, kind: 'y' }).valid).toBe(false);
  });

  it('accepts schemas as users write them: drafts, references, combinators, patterns and formats', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { email: { type: 'string', format: 'email' } },
      type: 'object',
      properties: { contact: { $ref: '#/definitions/email' }, code: { type: 'string', pattern: '^[A-Z]{3}$' } },
      required: ['contact'],
      additionalProperties: { type: 'integer' },
      'x-vendor': true,
    };
    const validate = compileInlineSchema(schema);
    expect(validate({ contact: 'a@b.co', code: 'ABC', extra: 1 }).valid).toBe(true);
    expect(validate({ contact: 'not an email' }).valid).toBe(false);
  });

  it.each([
    [{ type: 'string', pattern: '(a)\\1' }, /#\/pattern: "pattern" cannot be compiled: backreferences/],
    [{ $ref: '#/defs/x' }, /#\/\$ref: "\$ref" points to "#\/defs\/x", which does not exist/],
    [{ $ref: 'https://example.com/schema.json' }, /remote references are not fetched/],
    [{ type: 'date' }, /"type" names the unknown type "date"/],
    [{ enum: [] }, /unsatisfiable/],
    [{ type: 'array', minItems: -1 }, /"minItems" must be a non-negative integer/],
    [{ type: 'number', maximum: '5' }, /"maximum" must be a finite number/],
    [
      { type: 'object', properties: { 'a/b': { type: 'string', pattern: '(?<=x)' } }, required: ['a/b'] },
      /#\/properties\/a~1b\/pattern/,
    ],
    ['{"type":"string"}', /must be an object or a boolean/],
  ])('rejects %j as unsupported_schema', (schema, message) => {
    expect(codeOf(() => compileInlineSchema(schema))).toBe('unsupported_schema');
    expect(messageOf(() => compileInlineSchema(schema))).toMatch(message);
  });

  it('bounds depth, size and node count, with configurable limits', () => {
    expect(() => assertSupportedSchema(nested(DEFAULT_SCHEMA_LIMITS.maxDepth))).not.toThrow();
    expect(messageOf(() => assertSupportedSchema(nested(DEFAULT_SCHEMA_LIMITS.maxDepth + 1)))).toMatch(
      /nested deeper than the limit of 64/,
    );
    expect(codeOf(() => assertSupportedSchema(nested(4), { ...DEFAULT_SCHEMA_LIMITS, maxDepth: 3 }))).toBe(
      'unsupported_schema',
    );
    const wide = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, { type: 'string' }])),
    };
    expect(messageOf(() => assertSupportedSchema(wide, { ...DEFAULT_SCHEMA_LIMITS, maxNodes: 20 }))).toMatch(
      /more than 20 objects and arrays/,
    );
    expect(messageOf(() => assertSupportedSchema(wide, { ...DEFAULT_SCHEMA_LIMITS, maxBytes: 100 }))).toMatch(
      /bytes exceeds the limit of 100/,
    );
  });

  it('does not overflow the stack on a hostile, very deep schema', () => {
    const deep = `${'{"type":"array","items":'.repeat(20_000)}{}${'}'.repeat(20_000)}`;
    expect(messageOf(() => parseInlineSchema(deep, { ...DEFAULT_SCHEMA_LIMITS, maxBytes: 1e6 }))).toMatch(
      /nested deeper/,
    );
  });

  it('parses inline schema JSON text, with malformed_json for bad JSON', () => {
    expect(parseInlineSchema('{"type":"string","maxLength":3}')).toEqual({ type: 'string', maxLength: 3 });
    expect(codeOf(() => parseInlineSchema('{"type":'))).toBe('malformed_json');
    expect(codeOf(() => parseInlineSchema(`{"description":"${'x'.repeat(600_000)}"}`))).toBe('unsupported_schema');
  });
});
