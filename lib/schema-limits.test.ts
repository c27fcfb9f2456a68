import { describe, expect, it } from 'vitest';
import type { MprError } from './errors.ts';
import { checkInlineSchema, type SchemaLimits } from './schema-limits.ts';

const LIMITS: SchemaLimits = { maxBytes: 64 * 1024, maxDepth: 64, maxRefs: 128, maxExpandedNodes: 20_000 };

function refusal(schema: unknown, limits: SchemaLimits = LIMITS): MprError | undefined {
  try {
    checkInlineSchema(typeof schema === 'string' ? schema : JSON.stringify(schema), limits);
    return undefined;
  } catch (error) {
    return error as MprError;
  }
}

/** `levels` definitions, each referencing the previous one twice: 2^levels nodes once expanded. */
function doublingSchema(levels: number): unknown {
  const defs: Record<string, unknown> = { d0: { type: 'string' } };
  for (let i = 1; i <= levels; i++) {
    defs[`d${i}`] = { type: 'array', prefixItems: [{ $ref: `#/$defs/d${i - 1}` }, { $ref: `#/$defs/d${i - 1}` }] };
  }
  return { $defs: defs, $ref: `#/$defs/d${levels}` };
}

describe('inline schema limits', () => {
  it('accepts ordinary schemas, recursive ones included', () => {
    expect(refusal({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] })).toBeUndefined();
    const tree = {
      $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      $ref: '#/$defs/node',
    };
    expect(refusal(tree)).toBeUndefined();
    expect(refusal(doublingSchema(8))).toBeUndefined();
  });

  it('refuses a schema over the byte limit', () => {
    const error = refusal({ description: 'x'.repeat(2_000) }, { ...LIMITS, maxBytes: 1_000 });
    expect(error?.code).toBe('schema_too_large');
    expect(error?.message).toMatch(/at most 1000 are accepted/);
  });

  it('refuses a schema nested past the depth limit', () => {
    let schema: unknown = { type: 'string' };
    for (let i = 0; i < 70; i++) schema = { type: 'array', items: schema };
    expect(refusal(schema)?.code).toBe('json_too_deep');
  });

  it('refuses a schema with too many references', () => {
    const properties = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p${i}`, { $ref: '#/$defs/s' }]));
    const error = refusal({ $defs: { s: { type: 'string' } }, properties });
    expect(error?.code).toBe('schema_too_large');
    expect(error?.message).toMatch(/200 references/);
  });

  it('refuses a schema that a few references expand exponentially, by JSON pointer, anchor or $id', () => {
    const byPointer = refusal(doublingSchema(30));
    expect(byPointer?.code).toBe('schema_too_large');
    expect(byPointer?.message).toMatch(/expands to more than 20000 nodes/);
    const defs: Record<string, unknown> = { d0: { $anchor: 'a0', type: 'string' } };
    for (let i = 1; i <= 30; i++)
      defs[`d${i}`] = { $anchor: `a${i}`, allOf: [{ $ref: `#a${i - 1}` }, { $ref: `#a${i - 1}` }] };
    expect(refusal({ $defs: defs, $ref: '#a30' })?.code).toBe('schema_too_large');
    const ids: Record<string, unknown> = { d0: { $id: 'urn:d0', type: 'string' } };
    for (let i = 1; i <= 30; i++)
      ids[`d${i}`] = { $id: `urn:d${i}`, anyOf: [{ $ref: `urn:d${i - 1}` }, { $ref: `urn:d${i - 1}#` }] };
    expect(refusal({ $defs: ids, $ref: 'urn:d30' })?.code).toBe('schema_too_large');
  });

  it('refuses a long chain of references that nests too deep once followed', () => {
    // Listed from the end of the chain, so that the first definition walked follows all the others.
    const defs: Record<string, unknown> = {};
    for (let i = 120; i >= 1; i--) {
      let inner: unknown = { $ref: `#/$defs/d${i - 1}` };
      for (let level = 0; level < 20; level++) inner = { items: inner };
      defs[`d${i}`] = inner;
    }
    defs.d0 = { type: 'string' };
    const error = refusal({ $defs: defs }, { ...LIMITS, maxExpandedNodes: 1e9 });
    expect(error?.code).toBe('schema_too_large');
    expect(error?.message).toMatch(/levels deep/);
  });

  it('leaves text that is not JSON to the describer', () => {
    expect(refusal('{"type": ')).toBeUndefined();
  });
});
