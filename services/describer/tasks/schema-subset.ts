// The JSON Schema subset the describer accepts: what models/src/constrained can compile into a token
// constraint and the default engine can always satisfy. Inline schemas come from clients, so they are
// also bounded in size and depth before anything compiles them.
import { MprError } from '../../../lib/errors.ts';
import type { JsonSchema } from '../engine.ts';

export const SUPPORTED_TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'] as const;
export type SchemaType = (typeof SUPPORTED_TYPES)[number];

const ASSERTION_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'items',
  'minItems',
  'maxItems',
  'maxLength',
  'minimum',
  'maximum',
  'anyOf',
]);
// Annotations change nothing about which documents are valid, so they are harmless to accept.
const ANNOTATION_KEYWORDS = new Set(['$schema', 'title', 'description']);
const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export interface SchemaLimits {
  /** Size of the schema as JSON text, in UTF-8 bytes. */
  maxBytes: number;
  /** Nesting depth of subschemas (the root is depth 1). */
  maxDepth: number;
  /** Number of subschemas in total. */
  maxNodes: number;
}

export const DEFAULT_SCHEMA_LIMITS: Readonly<SchemaLimits> = Object.freeze({
  maxBytes: 32 * 1024,
  maxDepth: 12,
  maxNodes: 1000,
});

function unsupported(pointer: string, problem: string): MprError {
  return new MprError('unsupported_schema', `schema at ${pointer || '/'}: ${problem}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Throws MprError('unsupported_schema') unless `schema` stays inside the subset and the limits. */
export function assertSupportedSchema(
  schema: unknown,
  limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS,
): asserts schema is JsonSchema {
  let nodes = 0;
  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (depth > limits.maxDepth) throw unsupported(pointer, `nested deeper than the limit of ${limits.maxDepth}`);
    if (++nodes > limits.maxNodes) throw unsupported(pointer, `more than ${limits.maxNodes} subschemas`);
    if (!isPlainObject(node)) throw unsupported(pointer, 'a subschema must be an object');
    for (const [keyword, value] of Object.entries(node)) {
      const at = `${pointer}/${escapePointer(keyword)}`;
      if (ANNOTATION_KEYWORDS.has(keyword)) {
        if (keyword === '$schema' && value !== DRAFT_2020_12)
          throw unsupported(at, `only ${DRAFT_2020_12} is supported`);
        continue;
      }
      if (!ASSERTION_KEYWORDS.has(keyword)) throw unsupported(at, `keyword "${keyword}" is not supported`);
      switch (keyword) {
        case 'type': {
          const types = Array.isArray(value) ? value : [value];
          if (types.length === 0 || types.some((t) => !(SUPPORTED_TYPES as readonly unknown[]).includes(t))) {
            throw unsupported(at, `type must be one of ${SUPPORTED_TYPES.join(', ')} or a non-empty array of them`);
          }
          break;
        }
        case 'properties':
          if (!isPlainObject(value)) throw unsupported(at, 'properties must be an object');
          for (const [name, sub] of Object.entries(value)) visit(sub, `${at}/${escapePointer(name)}`, depth + 1);
          break;
        case 'required':
          if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
            throw unsupported(at, 'required must be an array of strings');
          break;
        case 'additionalProperties':
          if (value !== false) throw unsupported(at, 'only additionalProperties: false is supported');
          break;
        case 'enum':
          if (!Array.isArray(value) || value.length === 0) throw unsupported(at, 'enum must be a non-empty array');
          break;
        case 'items':
          visit(value, at, depth + 1);
          break;
        case 'anyOf':
          if (!Array.isArray(value) || value.length === 0) throw unsupported(at, 'anyOf must be a non-empty array');
          value.forEach((sub, i) => {
            visit(sub, `${at}/${i}`, depth + 1);
          });
          break;
        case 'minItems':
        case 'maxItems':
        case 'maxLength':
          if (!isNonNegativeInteger(value)) throw unsupported(at, `${keyword} must be a non-negative integer`);
          break;
        case 'minimum':
        case 'maximum':
          if (typeof value !== 'number' || !Number.isFinite(value))
            throw unsupported(at, `${keyword} must be a finite number`);
          break;
      }
    }
  };
  // The walk comes first: it stops at maxDepth, where serializing a hostile schema could overflow the stack.
  visit(schema, '', 1);
  const bytes = Buffer.byteLength(JSON.stringify(schema), 'utf8');
  if (bytes > limits.maxBytes) throw unsupported('', `${bytes} bytes exceeds the limit of ${limits.maxBytes}`);
}

/** Parses an inline schema sent as JSON text (the gRPC `schema_json` field) and checks it. */
export function parseInlineSchema(json: string, limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS): JsonSchema {
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > limits.maxBytes) throw unsupported('', `${bytes} bytes exceeds the limit of ${limits.maxBytes}`);
  let schema: unknown;
  try {
    schema = JSON.parse(json);
  } catch (error) {
    throw new MprError('malformed_json', `schema is not valid JSON: ${(error as Error).message}`);
  }
  assertSupportedSchema(schema, limits);
  return schema;
}
