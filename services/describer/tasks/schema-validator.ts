// Validates documents against task or inline schemas with ajv and ajv-formats, in the schema's own
// draft (models/src/constrained/document-validator.ts). Validators are cached by a hash of the schema's
// canonical JSON: the same schema sent by many requests compiles once, whatever its key order.
import { createHash } from 'node:crypto';
import { canonicalJson, documentValidator } from '../../../models/index.ts';
import type { DocumentValidator } from '../../../models/index.ts';
import type { JsonSchema } from '../engine.ts';
import { isTaskSchema } from './registry.ts';
import { DEFAULT_SCHEMA_LIMITS, type SchemaLimits, assertSupportedSchema } from './schema-subset.ts';

export interface SchemaValidation {
  valid: boolean;
  errors: string[];
}

export type { DocumentValidator };
export { canonicalJson };

export function schemaHash(schema: JsonSchema): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}

// The named tasks' schemas are frozen objects that every request shares: their validators are looked up
// by identity, without serializing and hashing the schema on every call.
const taskValidators = new Map<unknown, DocumentValidator>();

/** A cached validator for `schema`; throws MprError('unsupported_schema') when it cannot compile. */
export function compileSchema(schema: JsonSchema): DocumentValidator {
  if (!isTaskSchema(schema)) return documentValidator(schema);
  let validator = taskValidators.get(schema);
  if (!validator) {
    validator = documentValidator(schema);
    taskValidators.set(schema, validator);
  }
  return validator;
}

/** Checks a client's schema against the limits and the constraint compiler, then compiles its validator. */
export function compileInlineSchema(schema: unknown, limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS): DocumentValidator {
  assertSupportedSchema(schema, limits);
  return compileSchema(schema);
}

export function validateDocument(schema: JsonSchema, document: unknown): SchemaValidation {
  return compileSchema(schema)(document);
}
