// The JSON types a branch may take: from `type` (and `nullable`), met across a conjunction, or, without
// `type`, every type with the ones the keywords suggest first. Also the canonical text of a value, by
// which enum/const/not values are compared.
import { formatConstraint, NUMERIC_FORMATS } from './regex/formats.ts';
import { isObject } from './schema-document.ts';
import type { SchemaAt } from './schema-document.ts';
import { keywordPointer } from './schema-facets.ts';
import { refuse } from './schema-refusal.ts';

type Json = Record<string, unknown>;

const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;
export type TypeName = (typeof TYPES)[number];

const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern'];
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
export const ARRAY_KEYWORDS = [
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'unevaluatedItems',
];
export const OBJECT_KEYWORDS = [
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependencies',
  'unevaluatedProperties',
];

export function typeSet(at: SchemaAt): Set<TypeName> | null {
  const schema = at.schema as Json;
  let types: Set<TypeName> | null = null;
  if (schema.type !== undefined) {
    const list = Array.isArray(schema.type) ? schema.type : [schema.type];
    for (const type of list)
      if (!(TYPES as readonly unknown[]).includes(type))
        refuse(keywordPointer(at, 'type'), 'type', `names the unknown type ${JSON.stringify(type)}`);
    types = new Set(list as TypeName[]);
    if (schema.nullable === true) types.add('null');
  }
  return types;
}

export function meetTypes(a: Set<TypeName> | null, b: Set<TypeName>): Set<TypeName> {
  if (!a) return b;
  const out = new Set<TypeName>();
  for (const type of a) {
    if (b.has(type)) out.add(type);
    else if (type === 'integer' && b.has('number')) out.add('integer');
    else if (type === 'number' && b.has('integer')) out.add('integer');
  }
  return out;
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function jsonType(value: unknown): TypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as TypeName;
}

export function hasAnyKeyword(branch: readonly SchemaAt[], keywords: string[]): boolean {
  return branch.some((at) => keywords.some((k) => (at.schema as Json)[k] !== undefined));
}

/**
 * Without `type`, every JSON type is allowed (each keyword constrains only its own type): exact, so
 * that any valid instance can be written. The types the keywords suggest come first.
 */
export function inferTypes(branch: readonly SchemaAt[]): Set<TypeName> {
  const out = new Set<TypeName>();
  const formats = branch.map((at) => (at.schema as Json).format).filter((f): f is string => typeof f === 'string');
  if (hasAnyKeyword(branch, OBJECT_KEYWORDS)) out.add('object');
  if (hasAnyKeyword(branch, ARRAY_KEYWORDS)) out.add('array');
  if (hasAnyKeyword(branch, STRING_KEYWORDS) || formats.some((f) => formatConstraint(f))) out.add('string');
  if (hasAnyKeyword(branch, NUMBER_KEYWORDS) || formats.some((f) => Object.hasOwn(NUMERIC_FORMATS, f)))
    out.add('number');
  for (const type of TYPES) if (type !== 'integer') out.add(type);
  return out;
}
