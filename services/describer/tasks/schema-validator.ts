// Validates documents against task or inline schemas with ajv (draft 2020-12). Compiling is the
// expensive part, so validators are cached by a hash of the schema's canonical JSON: the same schema
// sent by many requests compiles once, whatever its key order.
import { createHash } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { LRUCache } from 'lru-cache';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import type { JsonSchema } from '../engine.ts';
import { DEFAULT_SCHEMA_LIMITS, type SchemaLimits, assertSupportedSchema } from './schema-subset.ts';

export interface SchemaValidation {
  valid: boolean;
  errors: string[];
}

export type DocumentValidator = (document: unknown) => SchemaValidation;

// strictTypes off: nullable fields are written as type arrays (["string", "null"]), which is the
// subset's idiom, not a mistake worth a warning.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true, logger: false });
const cache = new LRUCache<string, DocumentValidator>({ max: 256 });

/** JSON with object keys sorted, so equal schemas hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function schemaHash(schema: JsonSchema): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at} must not have the property "${String(params.additionalProperty)}"`;
    case 'required':
      return `${at} must have the property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${at} must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${at} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

function compile(schema: JsonSchema): DocumentValidator {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new MprError('unsupported_schema', `schema does not compile: ${errorMessage(error)}`, { cause: error });
  }
  return (document) => {
    const valid = validate(document);
    return { valid, errors: valid ? [] : [...new Set((validate.errors ?? []).map(describeError))] };
  };
}

/** A cached validator for `schema`; throws MprError('unsupported_schema') when it cannot compile. */
export function compileSchema(schema: JsonSchema): DocumentValidator {
  const key = schemaHash(schema);
  let validator = cache.get(key);
  if (!validator) {
    validator = compile(schema);
    cache.set(key, validator);
  }
  return validator;
}

/** Checks a client's schema against the subset and the limits, then compiles it. */
export function compileInlineSchema(schema: unknown, limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS): DocumentValidator {
  assertSupportedSchema(schema, limits);
  return compileSchema(schema);
}

export function validateDocument(schema: JsonSchema, document: unknown): SchemaValidation {
  return compileSchema(schema)(document);
}
