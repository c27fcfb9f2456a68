// Fills a schema from a pool of facts the engine really knows, matched by property name
// ("word_count" finds the words count), and writes the shortest valid value everywhere else, recording
// each such place as a JSON pointer in `unfilled`. Facts wrapped in Approximate (a lead sentence
// standing in for a summary) are written but still reported unfilled.
import type { JsonSchema } from '../../engine.ts';
import {
  childPointer,
  codePointLength,
  conforms,
  isPlainObject,
  schemaTypes,
  shortestInstance,
} from './schema-values.ts';

/** A value that fits the schema but is not what the field asks for. */
export class Approximate {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}

/**
 * A fact that does not apply to this item (a date has no currency): an optional property holding it is
 * left out without being reported unfilled, since nothing is missing.
 */
export const NOT_APPLICABLE: unique symbol = Symbol('not applicable');

/** Facts by normalized name (see normalizeName). */
export type FactPool = ReadonlyMap<string, unknown>;

export interface FillResult {
  document: unknown;
  unfilled: string[];
}

interface Filled {
  value: unknown;
  unfilled: string[];
}

const FAILED = undefined;

/** "Word-Count", "word_count" and "wordCount" all become "wordcount". */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function factPool(facts: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(facts).map(([name, value]) => [normalizeName(name), value]));
}

function acceptsObject(schema: JsonSchema): boolean {
  const types = schemaTypes(schema);
  return types === undefined ? isPlainObject(schema.properties) : types.includes('object');
}

function truncate(text: string, maxLength: unknown): string {
  return typeof maxLength === 'number' && codePointLength(text) > maxLength
    ? Array.from(text).slice(0, maxLength).join('')
    : text;
}

/** Shapes a known fact to the schema; FAILED when it cannot be made to fit honestly. */
function adapt(fact: unknown, schema: JsonSchema, pointer: string): Filled | undefined {
  if (fact instanceof Approximate) {
    const inner = adapt(fact.value, schema, pointer);
    return inner && { value: inner.value, unfilled: [pointer] };
  }
  if (Array.isArray(schema.anyOf) && !('const' in schema) && !Array.isArray(schema.enum)) {
    for (const branch of schema.anyOf as JsonSchema[]) {
      const filled = adapt(fact, { ...schema, anyOf: undefined, ...branch }, pointer);
      if (filled && conforms(filled.value, schema)) return filled;
    }
    return FAILED;
  }
  let value: unknown = fact;
  let unfilled: string[] = [];
  if (typeof fact === 'string') value = truncate(fact, schema.maxLength);
  else if (Array.isArray(fact) && isPlainObject(schema.items) && schemaTypes(schema)?.includes('array')) {
    const items: unknown[] = [];
    for (const item of fact) {
      if (typeof schema.maxItems === 'number' && items.length >= schema.maxItems) break;
      // One fact that does not fit fails the whole list: a shorter list would pass for a complete one.
      const filled = adapt(item, schema.items, childPointer(pointer, items.length));
      if (!filled) return FAILED;
      items.push(filled.value);
      unfilled = unfilled.concat(filled.unfilled);
    }
    value = items;
  } else if (isPlainObject(fact) && acceptsObject(schema)) {
    const filled = fillObject(schema, factPool(fact), pointer, false);
    if (!filled) return FAILED;
    ({ value, unfilled } = filled);
  } else if (isPlainObject(fact) && ('score' in fact || 'text' in fact)) {
    // A scored trait or an entity where the schema wants just its number or its text.
    return adapt('score' in fact ? fact.score : fact.text, schema, pointer);
  }
  return conforms(value, schema) ? { value, unfilled } : FAILED;
}

/**
 * An object for `schema` from `pool`. Optional properties without a fitting fact are left out (and
 * reported); required ones get the shortest valid value. With `nested`, a required object property
 * without a fact of its own is filled from the same pool ({"stats": {"words": ...}}).
 */
function fillObject(schema: JsonSchema, pool: FactPool, pointer: string, nested: boolean): Filled | undefined {
  const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const value: Record<string, unknown> = {};
  let unfilled: string[] = [];
  let filledAny = false;
  for (const [name, child] of Object.entries(properties)) {
    const at = childPointer(pointer, name);
    const key = normalizeName(name);
    if (pool.get(key) === NOT_APPLICABLE && !required.has(name)) continue;
    let filled = pool.has(key) ? adapt(pool.get(key), child, at) : FAILED;
    if (!filled && nested && required.has(name) && acceptsObject(child)) {
      const inner = fillObject(child, pool, at, true);
      if (inner && inner.unfilled.length < Object.keys(isPlainObject(child.properties) ? child.properties : {}).length)
        filled = inner;
    }
    if (filled) {
      value[name] = filled.value;
      unfilled = unfilled.concat(filled.unfilled);
      filledAny ||= !filled.unfilled.includes(at);
    } else {
      if (required.has(name)) value[name] = shortestInstance(child, at);
      unfilled.push(at);
    }
  }
  for (const name of required) {
    if (!Object.hasOwn(properties, name)) {
      value[name] = null;
      unfilled.push(childPointer(pointer, name));
    }
  }
  if (!conforms(value, schema)) return FAILED;
  return nested || filledAny || Object.keys(properties).length === 0 ? { value, unfilled } : FAILED;
}

/** A document for `schema`: real facts where they fit, shortest valid values (reported) elsewhere. */
export function fillSchema(schema: JsonSchema, pool: FactPool): FillResult {
  if (acceptsObject(schema)) {
    const filled = fillObject(schema, pool, '', true);
    if (filled) return { document: filled.value, unfilled: filled.unfilled };
  }
  return { document: shortestInstance(schema), unfilled: [''] };
}
