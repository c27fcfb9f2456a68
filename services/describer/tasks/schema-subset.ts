// Which schemas the describer accepts: whatever the constraint compiler of models/ can turn into a token
// constraint (JSON Schema drafts 04 to 2020-12 as users write them; see models/src/constrained). Inline
// schemas come from clients, so they are also bounded in size, nesting and node count before anything
// compiles them.
import { MprError } from '../../../lib/errors.ts';
import { compileSchemaCached } from '../../../models/index.ts';
import type { JsonSchema } from '../engine.ts';

export const SUPPORTED_TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'] as const;
export type SchemaType = (typeof SUPPORTED_TYPES)[number];

export interface SchemaLimits {
  /** Size of the schema as JSON text, in UTF-8 bytes. */
  maxBytes: number;
  /** Nesting depth of the schema's JSON (objects and arrays; the root is depth 1). */
  maxDepth: number;
  /** Number of JSON objects and arrays in the schema. */
  maxNodes: number;
}

export const DEFAULT_SCHEMA_LIMITS: Readonly<SchemaLimits> = Object.freeze({
  maxBytes: 512 * 1024,
  maxDepth: 64,
  maxNodes: 50_000,
});

function unsupported(pointer: string, problem: string): MprError {
  return new MprError('unsupported_schema', `schema at ${pointer || '#'}: ${problem}`);
}

/** Throws MprError('unsupported_schema') unless `schema` is within the limits and compiles. */
export function assertSupportedSchema(
  schema: unknown,
  limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS,
): asserts schema is JsonSchema {
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema)))
    throw unsupported('#', 'a schema must be an object or a boolean');
  let nodes = 0;
  // The walk comes first: it stops at maxDepth, where compiling or serializing a hostile schema could
  // overflow the stack.
  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (depth > limits.maxDepth) throw unsupported(pointer, `nested deeper than the limit of ${limits.maxDepth}`);
    if (++nodes > limits.maxNodes) throw unsupported(pointer, `more than ${limits.maxNodes} objects and arrays`);
    for (const [key, value] of Object.entries(node)) visit(value, `${pointer}/${key}`, depth + 1);
  };
  visit(schema, '#', 1);
  const bytes = Buffer.byteLength(JSON.stringify(schema), 'utf8');
  if (bytes > limits.maxBytes) throw unsupported('#', `${bytes} bytes exceeds the limit of ${limits.maxBytes}`);
  compileSchemaCached(schema);
}

/** Parses an inline schema sent as JSON text (the gRPC `schema_json` field) and checks it. */
export function parseInlineSchema(json: string, limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS): JsonSchema {
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > limits.maxBytes) throw unsupported('#', `${bytes} bytes exceeds the limit of ${limits.maxBytes}`);
  let schema: unknown;
  try {
    schema = JSON.parse(json);
  } catch (error) {
    throw new MprError('malformed_json', `schema is not valid JSON: ${(error as Error).message}`);
  }
  assertSupportedSchema(schema, limits);
  return schema;
}
