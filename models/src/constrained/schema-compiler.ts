// JSON Schema subset -> SchemaNode tree. Everything outside the subset, anything unsatisfiable and
// anything over the configured limits is refused here with `unsupported_schema`, before any decoding.
import { MprError } from '../../../lib/errors.ts';
import { buildLiteralTrie, filterLiterals } from './literal-set.ts';
import { DEFAULT_SCHEMA_LIMITS, FREE_KEY_MAX_LENGTH, MAX_SAFE_MAGNITUDE, toBinary } from './schema-ir.ts';
import type { PropertyShape, SchemaLimits, SchemaNode } from './schema-ir.ts';
import { shortestDocument } from './shortest-document.ts';

const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  '$schema',
  '$id',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const SUPPORTED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'anyOf',
  'nullable',
]);
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

type Json = Record<string, unknown>;

interface CompileContext {
  readonly limits: SchemaLimits;
  nextId: number;
  propertyCount: number;
  readonly anyNodes: Map<number, SchemaNode>;
}

export interface CompiledSchema {
  readonly root: SchemaNode;
  /** The shortest valid document, as a binary (UTF-8 byte) string. */
  readonly shortestDocument: string;
  readonly limits: SchemaLimits;
}

export function compileSchema(schema: unknown, limits: Partial<SchemaLimits> = {}): CompiledSchema {
  const full: SchemaLimits = { ...DEFAULT_SCHEMA_LIMITS, ...limits };
  const ctx: CompileContext = { limits: full, nextId: 0, propertyCount: 0, anyNodes: new Map() };
  const root = compileNode(schema, '#', 0, ctx);
  return { root, shortestDocument: shortestDocument(root, full.maxShortestDocumentBytes), limits: full };
}

function refuse(message: string): never {
  throw new MprError('unsupported_schema', message);
}

function unsatisfiable(path: string, why: string): never {
  refuse(`unsatisfiable schema at ${path}: ${why}`);
}

function compileNode(schema: unknown, path: string, depth: number, ctx: CompileContext): SchemaNode {
  if (depth > ctx.limits.maxDepth) refuse(`schema nests deeper than the limit of ${ctx.limits.maxDepth} at ${path}`);
  if (schema === true) return anyNode(ctx.limits.maxAnyDepth, ctx);
  if (schema === false) unsatisfiable(path, 'the schema `false` matches nothing');
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    refuse(`schema at ${path} must be an object or a boolean`);
  }
  const node = schema as Json;
  for (const keyword of Object.keys(node)) {
    if (!SUPPORTED.has(keyword) && !ANNOTATIONS.has(keyword))
      refuse(`unsupported JSON Schema keyword "${keyword}" at ${path}`);
  }
  if (node.anyOf !== undefined) return compileAnyOf(node, path, depth, ctx);
  const types = typesOf(node, path);
  if (node.const !== undefined || node.enum !== undefined) return compileLiterals(node, path, types, ctx);
  if (types === null) {
    const inferred = inferType(node);
    if (inferred === null) return anyNode(ctx.limits.maxAnyDepth, ctx);
    return compileTyped(inferred, node, path, depth, ctx);
  }
  const options = types.map((type) => compileTyped(type, node, path, depth, ctx));
  return options.length === 1 ? options[0]! : { kind: 'union', id: ctx.nextId++, options };
}

function typesOf(node: Json, path: string): string[] | null {
  let types: string[] | null = null;
  if (typeof node.type === 'string') types = [node.type];
  else if (Array.isArray(node.type)) types = node.type as string[];
  else if (node.type !== undefined) refuse(`"type" at ${path} must be a string or an array of strings`);
  if (types) {
    for (const type of types) if (!TYPES.has(type)) refuse(`unsupported type "${String(type)}" at ${path}`);
    if (types.length === 0) unsatisfiable(path, '"type" is an empty list');
    types = [...new Set(types)];
  }
  if (node.nullable === true) {
    if (!types) refuse(`"nullable" at ${path} needs a "type"`);
    if (!types.includes('null')) types.push('null');
  } else if (node.nullable !== undefined && node.nullable !== false) refuse(`"nullable" at ${path} must be a boolean`);
  return types;
}

function inferType(node: Json): string | null {
  if (node.properties !== undefined || node.required !== undefined || node.additionalProperties !== undefined)
    return 'object';
  if (node.items !== undefined || node.minItems !== undefined || node.maxItems !== undefined) return 'array';
  if (node.maxLength !== undefined || node.minLength !== undefined) return 'string';
  if (node.minimum !== undefined || node.maximum !== undefined) return 'number';
  return null;
}

function compileAnyOf(node: Json, path: string, depth: number, ctx: CompileContext): SchemaNode {
  for (const keyword of Object.keys(node)) {
    if (keyword !== 'anyOf' && !ANNOTATIONS.has(keyword)) {
      refuse(`"anyOf" combined with the sibling keyword "${keyword}" at ${path} is not supported`);
    }
  }
  if (!Array.isArray(node.anyOf)) refuse(`"anyOf" at ${path} must be an array`);
  if (node.anyOf.length === 0) unsatisfiable(path, '"anyOf" is empty');
  const options = node.anyOf.map((option, i) => compileNode(option, `${path}/anyOf/${i}`, depth + 1, ctx));
  return options.length === 1 ? options[0]! : { kind: 'union', id: ctx.nextId++, options };
}

function compileLiterals(node: Json, path: string, types: string[] | null, ctx: CompileContext): SchemaNode {
  let values: unknown[];
  if (node.const !== undefined) {
    if (node.enum !== undefined) refuse(`"enum" together with "const" at ${path} is not supported`);
    values = [node.const];
  } else {
    if (!Array.isArray(node.enum)) refuse(`"enum" at ${path} must be an array`);
    if (node.enum.length > ctx.limits.maxEnumValues) {
      refuse(`"enum" at ${path} has ${node.enum.length} values, over the limit of ${ctx.limits.maxEnumValues}`);
    }
    values = node.enum;
  }
  const kept = filterLiterals(values, node, types);
  if (kept.length === 0) unsatisfiable(path, 'no enum/const value satisfies the other keywords');
  return { kind: 'literal', id: ctx.nextId++, root: buildLiteralTrie(kept) };
}

function compileTyped(type: string, node: Json, path: string, depth: number, ctx: CompileContext): SchemaNode {
  switch (type) {
    case 'object':
      return compileObject(node, path, depth, ctx);
    case 'array':
      return compileArray(node, path, depth, ctx);
    case 'string': {
      const minLength = count(node, 'minLength', path, 0);
      const maxLength = count(node, 'maxLength', path, Infinity);
      if (minLength > maxLength) unsatisfiable(path, `minLength ${minLength} > maxLength ${maxLength}`);
      return { kind: 'string', id: ctx.nextId++, minLength, maxLength };
    }
    case 'number':
    case 'integer':
      return compileNumber(type === 'integer', node, path, ctx);
    case 'boolean':
      return { kind: 'literal', id: ctx.nextId++, root: buildLiteralTrie([true, false]) };
    default:
      return { kind: 'literal', id: ctx.nextId++, root: buildLiteralTrie([null]) };
  }
}

function count(node: Json, keyword: string, path: string, fallback: number): number {
  const value = node[keyword];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    refuse(`"${keyword}" at ${path} must be a non-negative integer`);
  }
  return value;
}

function compileNumber(integer: boolean, node: Json, path: string, ctx: CompileContext): SchemaNode {
  for (const keyword of ['minimum', 'maximum']) {
    if (node[keyword] !== undefined && (typeof node[keyword] !== 'number' || !Number.isFinite(node[keyword]))) {
      refuse(`"${keyword}" at ${path} must be a finite number`);
    }
  }
  const minimum = node.minimum as number | undefined;
  const maximum = node.maximum as number | undefined;
  const lo = Math.max(-MAX_SAFE_MAGNITUDE, minimum === undefined ? -Infinity : Math.ceil(minimum));
  const hi = Math.min(MAX_SAFE_MAGNITUDE, maximum === undefined ? Infinity : Math.floor(maximum));
  if (lo > hi) {
    unsatisfiable(
      path,
      `no ${integer ? 'integer' : 'value with an integer part'} in [${minimum}, ${maximum}] (fraction-only ranges are not supported)`,
    );
  }
  const bounded = minimum !== undefined || maximum !== undefined;
  return { kind: 'number', id: ctx.nextId++, integer, lo, hi, bounded };
}

function compileObject(node: Json, path: string, depth: number, ctx: CompileContext): SchemaNode {
  const declared = node.properties ?? {};
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared))
    refuse(`"properties" at ${path} must be an object`);
  const required = node.required ?? [];
  if (!Array.isArray(required) || required.some((name) => typeof name !== 'string')) {
    refuse(`"required" at ${path} must be an array of strings`);
  }
  const additional = node.additionalProperties;
  if (additional !== undefined && typeof additional !== 'boolean') {
    refuse(`"additionalProperties" with a schema at ${path} is not supported (use false or true)`);
  }
  const requiredSet = new Set(required as string[]);
  const entries = Object.entries(declared as Json);
  if (entries.length === 0 && requiredSet.size === 0 && additional !== false) {
    return freeObject(ctx.limits.maxAnyDepth - 1, ctx);
  }
  ctx.propertyCount += entries.length;
  if (ctx.propertyCount > ctx.limits.maxProperties) {
    refuse(`schema declares more than the limit of ${ctx.limits.maxProperties} properties (at ${path})`);
  }
  const properties: PropertyShape[] = [];
  for (const [name, sub] of entries) {
    const isRequired = requiredSet.has(name);
    if (sub === false && !isRequired) continue;
    const value = compileNode(sub, `${path}/properties/${name}`, depth + 1, ctx);
    properties.push({ name, keyText: toBinary(`${JSON.stringify(name)}:`), value, required: isRequired });
  }
  for (const name of requiredSet) {
    if (Object.hasOwn(declared, name)) continue;
    if (additional === false)
      unsatisfiable(path, `required property "${name}" is not allowed by additionalProperties: false`);
    properties.push({
      name,
      keyText: toBinary(`${JSON.stringify(name)}:`),
      value: anyNode(ctx.limits.maxAnyDepth - 1, ctx),
      required: true,
    });
  }
  return { kind: 'object', id: ctx.nextId++, properties };
}

function compileArray(node: Json, path: string, depth: number, ctx: CompileContext): SchemaNode {
  if (Array.isArray(node.items)) refuse(`"items" as an array (tuple form) at ${path} is not supported`);
  const minItems = count(node, 'minItems', path, 0);
  let maxItems = count(node, 'maxItems', path, Infinity);
  if (minItems > maxItems) unsatisfiable(path, `minItems ${minItems} > maxItems ${maxItems}`);
  let items: SchemaNode;
  if (node.items === false) {
    if (minItems > 0) unsatisfiable(path, '"items": false with minItems > 0');
    maxItems = 0;
    items = anyNode(0, ctx);
  } else if (node.items === undefined) {
    items = anyNode(ctx.limits.maxAnyDepth - 1, ctx);
  } else {
    items = compileNode(node.items, `${path}/items`, depth + 1, ctx);
  }
  return { kind: 'array', id: ctx.nextId++, items, minItems, maxItems };
}

/** Any JSON value nesting at most `depth` more levels (depth 0: scalars only). */
function anyNode(depth: number, ctx: CompileContext): SchemaNode {
  const level = Math.max(0, depth);
  const cached = ctx.anyNodes.get(level);
  if (cached) return cached;
  const options: SchemaNode[] = [
    { kind: 'string', id: ctx.nextId++, minLength: 0, maxLength: Infinity },
    {
      kind: 'number',
      id: ctx.nextId++,
      integer: false,
      lo: -MAX_SAFE_MAGNITUDE,
      hi: MAX_SAFE_MAGNITUDE,
      bounded: false,
    },
    { kind: 'literal', id: ctx.nextId++, root: buildLiteralTrie([true, false, null]) },
  ];
  if (level > 0) {
    const inner = anyNode(level - 1, ctx);
    options.push({ kind: 'array', id: ctx.nextId++, items: inner, minItems: 0, maxItems: Infinity });
    options.push(freeObject(level - 1, ctx));
  }
  const node: SchemaNode = { kind: 'union', id: ctx.nextId++, options };
  ctx.anyNodes.set(level, node);
  return node;
}

function freeObject(valueDepth: number, ctx: CompileContext): SchemaNode {
  const key: SchemaNode = { kind: 'string', id: ctx.nextId++, minLength: 0, maxLength: FREE_KEY_MAX_LENGTH };
  return { kind: 'free_object', id: ctx.nextId++, key, value: anyNode(valueDepth, ctx) };
}
