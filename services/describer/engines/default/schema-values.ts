// Values in the supported JSON Schema subset, without ajv: whether a value conforms to a schema, and the
// shortest value that does. The default engine writes the shortest valid value wherever it has nothing
// real to say, so every document it returns validates, whatever schema the client sent.
import { MprError } from '../../../../lib/errors.ts';
import type { JsonSchema } from '../../engine.ts';
import { SUPPORTED_TYPES, type SchemaType } from '../../tasks/index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => Object.hasOwn(b, k) && deepEqual((a as never)[k], (b as never)[k]))
  );
}

/** RFC 6901: "~" and "/" in a property name are escaped. */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The types a schema allows; undefined when it says nothing about type. */
export function schemaTypes(schema: JsonSchema): SchemaType[] | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? type : [type]) as SchemaType[];
}

function jsonType(value: unknown): SchemaType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : Number.isFinite(value) ? 'number' : undefined;
  const type = typeof value;
  return (SUPPORTED_TYPES as readonly string[]).includes(type) ? (type as SchemaType) : undefined;
}

/** Unicode code points, which is how JSON Schema (and ajv) count maxLength. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

export function conforms(value: unknown, schema: JsonSchema): boolean {
  const type = jsonType(value);
  if (type === undefined) return false;
  const types = schemaTypes(schema);
  if (types && !types.includes(type) && !(type === 'integer' && types.includes('number'))) return false;
  if ('const' in schema && !deepEqual(value, schema.const)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((branch) => conforms(value, branch as JsonSchema)))
    return false;
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  }
  if (typeof value === 'string' && typeof schema.maxLength === 'number' && codePointLength(value) > schema.maxLength)
    return false;
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
    if (isPlainObject(schema.items) && !value.every((item) => conforms(item, schema.items as JsonSchema))) return false;
  }
  if (isPlainObject(value)) {
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    if (!required.every((name) => Object.hasOwn(value, name))) return false;
    for (const [name, child] of Object.entries(value)) {
      const childSchema = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (childSchema === undefined) {
        if (schema.additionalProperties === false) return false;
      } else if (!conforms(child, childSchema as JsonSchema)) return false;
    }
  }
  return true;
}

function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}

function shortestOfType(schema: JsonSchema, type: SchemaType, pointer: string): Json | undefined {
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'number':
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
      const max = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
      // The value closest to zero inside [min, max]: 0 itself, or the bound nearer to it.
      let value = Math.min(max, Math.max(min, 0));
      if (type === 'integer') value = value === min ? Math.ceil(min) : value === max ? Math.floor(max) : value;
      return value >= min && value <= max && Number.isFinite(value) ? value : undefined;
    }
    case 'array': {
      const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
      if (typeof schema.maxItems === 'number' && schema.maxItems < minItems) return undefined;
      if (minItems === 0) return [];
      const item = isPlainObject(schema.items) ? shortestInstance(schema.items, `${pointer}/0`) : null;
      return Array.from({ length: minItems }, () => structuredClone(item));
    }
    case 'object': {
      const properties = isPlainObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const result: Record<string, Json> = {};
      for (const name of required) {
        const child = Object.hasOwn(properties, name) ? properties[name] : undefined;
        if (child === undefined && schema.additionalProperties === false) {
          throw new MprError(
            'unsupported_schema',
            `schema at ${pointer || '/'}: "${name}" is required but not allowed`,
          );
        }
        result[name] = child === undefined ? null : shortestInstance(child as JsonSchema, childPointer(pointer, name));
      }
      return result;
    }
  }
}

/**
 * The shortest JSON value (by serialized length, first option on ties; null whenever allowed) that
 * conforms to `schema`.
 * Throws MprError('unsupported_schema') when the schema admits no value at all.
 */
export function shortestInstance(schema: JsonSchema, pointer = ''): Json {
  const candidates: Json[] = [];
  // The deepest reason a branch failed, so the client learns which part of its schema is impossible.
  let reason: MprError | undefined;
  if ('const' in schema) candidates.push(schema.const as Json);
  else if (Array.isArray(schema.enum)) candidates.push(...(schema.enum as Json[]));
  else {
    // With anyOf, each branch's shortest value and the parent's own are candidates; the conformance
    // filter below keeps those that satisfy parent and branch together.
    const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [];
    for (const branch of branches) {
      try {
        candidates.push(shortestInstance(branch, pointer));
      } catch (error) {
        if (!(error instanceof MprError)) throw error;
        reason ??= error;
      }
    }
    for (const type of schemaTypes(schema) ?? ['null']) {
      try {
        const value = shortestOfType(schema, type, pointer);
        if (value !== undefined) candidates.push(value);
      } catch (error) {
        if (!(error instanceof MprError)) throw error;
        reason ??= error;
      }
    }
  }
  const valid = candidates.filter((value) => conforms(value, schema));
  if (valid.length === 0)
    throw reason ?? new MprError('unsupported_schema', `schema at ${pointer || '/'} admits no value`);
  // null where allowed: it says "unknown" more plainly than an empty string or a zero would.
  if (valid.includes(null)) return null;
  return valid.reduce((best, value) => (jsonLength(value) < jsonLength(best) ? value : best));
}
