import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closingText, initialState, isAccepting, isFinished, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import { compileSchema } from './schema-compiler.ts';
import { binaryToBytes, toBinary } from './schema-ir.ts';

const encoder = new TextEncoder();

function run(schema: unknown, text: string | Uint8Array): AutomatonState {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  return stepBytes(initialState(compileSchema(schema).root), bytes);
}

function accepts(schema: unknown, text: string | Uint8Array): boolean {
  const state = run(schema, text);
  return state.length > 0 && isAccepting(state);
}

describe('byte automaton', () => {
  it('matches JSON strings with escapes, unicode and length limits', () => {
    const string = { type: 'string' };
    for (const text of ['""', '"a\\"b"', '"\\\\"', '"\\/\\b\\f\\n\\r\\t"', '"\\u00e9\\u20AC"', '"é中😀"', '"\x7f"']) {
      expect(accepts(string, text), text).toBe(true);
    }
    for (const text of ['"\n"', '"\\x"', '"\\u12"', '"\\ud83d\\ude00"', '"\\uDFFF"', "'a'", '"a', '"a"b']) {
      expect(accepts(string, text), text).toBe(false);
    }
    // Broken UTF-8: lone continuation, overlong lead, surrogate code point, truncated sequence.
    for (const bytes of [
      [0x22, 0x80, 0x22],
      [0x22, 0xc0, 0xaf, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
      [0x22, 0xe4, 0xb8, 0x22],
    ]) {
      expect(accepts(string, Uint8Array.from(bytes))).toBe(false);
    }
    const short = { type: 'string', minLength: 1, maxLength: 2 };
    expect(accepts(short, '"中😀"')).toBe(true);
    expect(accepts(short, '"\\n\\u0041"')).toBe(true);
    expect(accepts(short, '"abc"')).toBe(false);
    expect(accepts(short, '""')).toBe(false);
  });

  it('matches numbers: integers vs numbers, signs, fractions, exponents, bounds', () => {
    const number = { type: 'number' };
    // Every number JSON.stringify writes (21 integer digits, 17 significant fraction digits) can be written.
    const written = [5445317380064412000, -999999999999999900000, 0.30000000000000004, 0.0000012345678901234567, 1e-7];
    for (const text of ['0', '-0', '12', '-3.25', '1e5', '1E+5', '2.5e-10', ...written.map((n) => JSON.stringify(n))])
      expect(accepts(number, text), text).toBe(true);
    for (const text of ['01', '-', '1.', '.5', '1e', '+1', '1e123', '1234567890123456789012', 'NaN'])
      expect(accepts(number, text), text).toBe(false);
    expect(accepts({ type: 'integer' }, '5445317380064412000')).toBe(true);
    // Past 15 digits only on a side whose bound no 21-digit integer part reaches.
    const positive = { type: 'integer', exclusiveMinimum: 0 };
    for (const text of ['1', '5445317380064412000', '999999999999999999999'])
      expect(accepts(positive, text), text).toBe(true);
    for (const text of ['0', '-5', '1000000000000000000000']) expect(accepts(positive, text), text).toBe(false);
    expect(accepts({ type: 'integer', minimum: 0 }, '1234567890123456')).toBe(true);
    expect(accepts({ type: 'integer', minimum: 0, maximum: 1e16 }, '1234567890123456')).toBe(false);
    const integer = { type: 'integer', minimum: -5, maximum: 120 };
    for (const text of ['0', '-5', '120', '99']) expect(accepts(integer, text), text).toBe(true);
    for (const text of ['121', '-6', '1.0', '1e2', '200']) expect(accepts(integer, text), text).toBe(false);
    const unit = { type: 'number', minimum: 0, maximum: 1 };
    for (const text of ['0', '0.25', '1']) expect(accepts(unit, text), text).toBe(true);
    for (const text of ['1.5', '-0.5', '2']) expect(accepts(unit, text), text).toBe(false);
    // A top-level number is complete but may go on: accepting, not finished.
    const state = run(number, '12');
    expect(isAccepting(state)).toBe(true);
    expect(isFinished(state)).toBe(false);
  });

  it('matches enums sharing prefixes, anyOf of object and null, empty containers', () => {
    const enumSchema = { enum: ['ab', 'abc', 1, 12, null] };
    for (const text of ['"ab"', '"abc"', '1', '12', 'null']) expect(accepts(enumSchema, text), text).toBe(true);
    for (const text of ['"a"', '123', '"abcd"']) expect(accepts(enumSchema, text), text).toBe(false);
    const nullableObject = {
      anyOf: [
        { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'], additionalProperties: false },
        { type: 'null' },
      ],
    };
    for (const text of ['null', '{"a":1}']) expect(accepts(nullableObject, text), text).toBe(true);
    for (const text of ['{}', '{"a":1,"b":2}', 'nul']) expect(accepts(nullableObject, text), text).toBe(false);
    // Without additionalProperties: false, undeclared keys follow the declared ones (never a declared name).
    const open = { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] };
    for (const text of ['{"a":1}', '{"a":1,"b":[2]}']) expect(accepts(open, text), text).toBe(true);
    for (const text of ['{"b":2,"a":1}', '{"a":1,"a":2}']) expect(accepts(open, text), text).toBe(false);
    const containers = { type: 'object', properties: { list: { type: 'array' }, map: { type: 'object' } } };
    for (const text of ['{}', '{"list":[]}', '{"list":[],"map":{}}', '{"map":{"k":[1,{"x":null}]}}']) {
      expect(accepts(containers, text), text).toBe(true);
    }
    // Keys come in schema order, no whitespace anywhere.
    for (const text of ['{"map":{},"list":[]}', '{ }', '{"list": []}'])
      expect(accepts(containers, text), text).toBe(false);
  });

  it('closes any valid prefix with its shortest closing', () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 3 },
        n: { type: 'number' },
        tags: { type: 'array', items: { type: 'string', maxLength: 5 }, minItems: 2 },
        meta: {
          anyOf: [{ type: 'object', properties: { k: { enum: ['yes', 'no'] } }, required: ['k'] }, { type: 'null' }],
        },
        any: {},
      },
      required: ['title', 'tags', 'meta'],
    };
    const documents = [
      '{"title":"a\\u00e9中bc","n":-1.5e3,"tags":["x","é"],"meta":{"k":"yes"},"any":[1,{"a":"b"}]}',
      '{"title":"abc","tags":["a","b","c"],"meta":null}',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...documents), fc.nat(), (document, cut) => {
        const bytes = binaryToBytes(toBinary(document));
        const prefix = bytes.slice(0, cut % (bytes.length + 1));
        const state = run(schema, prefix);
        expect(state.length).toBeGreaterThan(0);
        const closed = stepBytes(state, binaryToBytes(closingText(state)));
        expect(isFinished(closed)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
