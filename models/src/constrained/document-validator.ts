// Validates finished documents against a schema with ajv and ajv-formats, using the ajv class of the
// schema's draft (ajv-draft-04 for draft-04). Parts compiled as a superset of the schema are checked
// here; compiling is the expensive part, so validators are cached by the schema's canonical hash.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { LRUCache } from 'lru-cache';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import { draftOf } from './schema-document.ts';
import type { Draft } from './schema-document.ts';

type AnyAjv = InstanceType<typeof Ajv>;
// Both packages are CommonJS modules whose default export is the class / plugin.
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: unknown }).default ?? AjvDraft04Module) as new (
  options: object,
) => AnyAjv;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: AnyAjv,
) => void;

export interface DocumentValidation {
  valid: boolean;
  errors: string[];
}

export type DocumentValidator = (document: unknown) => DocumentValidation;

// strict off: real schemas carry vendor keywords, unknown formats and annotations ajv would refuse.
const OPTIONS = { allErrors: true, strict: false, logger: false, validateFormats: true } as const;
const instances = new Map<Draft, AnyAjv>();
const cache = new LRUCache<string, DocumentValidator>({ max: 256 });

function ajvFor(draft: Draft): AnyAjv {
  let ajv = instances.get(draft);
  if (!ajv) {
    if (draft === '04') ajv = new AjvDraft04(OPTIONS);
    else if (draft === '2019-09') ajv = new Ajv2019(OPTIONS) as unknown as AnyAjv;
    else if (draft === '2020-12') ajv = new Ajv2020(OPTIONS) as unknown as AnyAjv;
    else ajv = new Ajv(OPTIONS);
    if (draft === '06') {
      // Ajv's default class reads draft-07; draft-06 schemas validate the same way once its meta-schema is known.
      ajv.addMetaSchema(
        { $id: 'http://json-schema.org/draft-06/schema#', $schema: 'http://json-schema.org/draft-07/schema#' },
        undefined,
        false,
      );
    }
    addFormats(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

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

/** A cached validator for `schema`; throws unsupported_schema when ajv cannot compile it. */
export function documentValidator(schema: unknown): DocumentValidator {
  const key = createHash('sha256').update(canonicalJson(schema)).digest('hex');
  let validator = cache.get(key);
  if (validator) return validator;
  const ajv = ajvFor(draftOf(schema));
  let validate: ValidateFunction;
  try {
    // Two schemas with the same $id would clash in ajv's registry: the newer one replaces the older.
    const id = rootId(schema);
    if (id && ajv.getSchema(id)) ajv.removeSchema(id);
    validate = ajv.compile(schema as object);
  } catch (error) {
    throw new MprError('unsupported_schema', `schema does not compile: ${errorMessage(error)}`, { cause: error });
  }
  validator = (document) => {
    const valid = validate(document) as boolean;
    return { valid, errors: valid ? [] : [...new Set((validate.errors ?? []).map(describeError))] };
  };
  cache.set(key, validator);
  return validator;
}

function rootId(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const record = schema as Record<string, unknown>;
  const id = record.$id ?? (draftOf(schema) === '04' ? record.id : undefined);
  return typeof id === 'string' ? id.replace(/#$/, '') : undefined;
}

export function validateDocument(schema: unknown, document: unknown): DocumentValidation {
  return documentValidator(schema)(document);
}
