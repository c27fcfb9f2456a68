// JSON Schema (drafts 04 to 2020-12, as users write them) -> SchemaNode graph. References and allOf
// meet in conjunctions, anyOf/oneOf become unions, and each branch compiles per type. What cannot be
// compiled exactly is either a superset (listed in `inexact`: the finished document is validated) or,
// when optional, left out (listed in `dropped`). Unsupported or unsatisfiable schemas are refused with
// unsupported_schema naming the JSON pointer and keyword.
import { closingLength, initialState, isAccepting, stepBytes } from './automaton.ts';
import { compileArray } from './compile-array.ts';
import type { CompileContext } from './compile-context.ts';
import { conjKey, noValue } from './compile-context.ts';
import { compileObject } from './compile-object.ts';
import { compileNumber, compileString } from './compile-scalars.ts';
import { buildLiteralTrie } from './literal-set.ts';
import { complementOf, literalDfa } from './regex/dfa.ts';
import { formatConstraint, NUMERIC_FORMATS } from './regex/formats.ts';
import { SchemaDocument, isObject } from './schema-document.ts';
import type { Draft, SchemaAt } from './schema-document.ts';
import { expand, keywordPointer } from './schema-facets.ts';
import {
  DEFAULT_SCHEMA_LIMITS,
  FREE_KEY_MAX_LENGTH,
  MAX_SAFE_MAGNITUDE,
  toBinary,
  binaryToBytes,
} from './schema-ir.ts';
import type { LiteralTrieNode, SchemaLimits, SchemaNode } from './schema-ir.ts';
import { refuse, SchemaRefusal, unsatisfiable } from './schema-refusal.ts';
import { shortestDocument } from './shortest-document.ts';

type Json = Record<string, unknown>;

const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;
type TypeName = (typeof TYPES)[number];

const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern'];
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const ARRAY_KEYWORDS = [
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'unevaluatedItems',
];
const OBJECT_KEYWORDS = [
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

export interface CompiledSchema {
  readonly root: SchemaNode;
  /** The shortest valid document, as a binary (UTF-8 byte) string. */
  readonly shortestDocument: string;
  readonly limits: SchemaLimits;
  readonly draft: Draft;
  /** Pointers of keywords compiled as a superset: documents must be validated after decoding. */
  readonly inexact: readonly string[];
  /** Optional parts left out because they could not compile. */
  readonly dropped: readonly string[];
}

export function compileSchema(schema: unknown, limits: Partial<SchemaLimits> = {}): CompiledSchema {
  try {
    return compileWithin(schema, limits);
  } catch (error) {
    // A schema graph deeper than the stack (long chains of nested subschemas) is refused, not a crash.
    if (error instanceof RangeError) refuse('#', '$ref', 'nests subschemas too deeply to compile');
    throw error;
  }
}

function compileWithin(schema: unknown, limits: Partial<SchemaLimits>): CompiledSchema {
  const full: SchemaLimits = { ...DEFAULT_SCHEMA_LIMITS, ...limits };
  if (typeof schema !== 'boolean' && !isObject(schema)) refuse('#', 'type', 'a schema must be an object or a boolean');
  const doc = new SchemaDocument(schema);
  const ctx: CompileContext = {
    doc,
    limits: full,
    memo: new Map(),
    inProgress: new Map(),
    refusedExpansions: new Map(),
    dropped: [],
    objectIds: new WeakMap(),
    anyNodes: new Map(),
    inexact: new Set(),
    unsatisfied: null,
    nextId: 0,
    nextObjectId: 0,
    propertyCount: 0,
    compile: (conj) => compileConj(ctx, conj),
    compileChild: (conj, required) => {
      try {
        return compileConj(ctx, conj);
      } catch (error) {
        if (required || !(error instanceof SchemaRefusal)) throw error;
        ctx.dropped.push(error.message);
        return null;
      }
    },
    any: (depth) => anyNode(depth, ctx),
  };
  const root = ctx.compile([doc.rootAt]);
  if (!root) {
    const why = ctx.unsatisfied;
    unsatisfiable(why?.pointer ?? '#', why?.keyword ?? 'type', why?.why ?? 'no JSON value satisfies it');
  }
  const text = shortestDocument(root, full.maxShortestDocumentBytes);
  if (text === null) unsatisfiable('#', '$ref', 'no finite document satisfies it (a required part always recurses)');
  return {
    root,
    shortestDocument: text,
    limits: full,
    draft: doc.draft,
    inexact: [...ctx.inexact],
    dropped: ctx.dropped,
  };
}

function compileConj(ctx: CompileContext, conj: readonly SchemaAt[]): SchemaNode | null {
  const key = conjKey(ctx, conj);
  if (key === 'false') return null;
  const pending = ctx.inProgress.get(key);
  if (pending) return pending;
  if (ctx.memo.has(key)) return ctx.memo.get(key)!;
  const placeholder: SchemaNode = { kind: 'ref', id: ctx.nextId++, target: null };
  ctx.inProgress.set(key, placeholder);
  try {
    const { branches, inexact } = expandOnce(ctx, conj);
    for (const pointer of inexact) ctx.inexact.add(pointer);
    const nodes: SchemaNode[] = [];
    let refusal: SchemaRefusal | null = null;
    for (const branch of branches) {
      try {
        const node = compileBranch(ctx, branch);
        if (node) nodes.push(...(node.kind === 'union' ? node.options : [node]));
      } catch (error) {
        if (!(error instanceof SchemaRefusal) || branches.length === 1) throw error;
        refusal ??= error;
        ctx.dropped.push(error.message);
      }
    }
    if (nodes.length === 0 && refusal) throw refusal;
    const node: SchemaNode | null =
      nodes.length === 0 ? null : nodes.length === 1 ? nodes[0]! : { kind: 'union', id: ctx.nextId++, options: nodes };
    placeholder.target = node;
    ctx.memo.set(key, node);
    return node;
  } finally {
    ctx.inProgress.delete(key);
  }
}

/**
 * `expand` of a conjunction, its refusal remembered: a conjunction that is refused (too many
 * alternatives, most often) is met again at every place that refers to it, each time rebuilding the
 * same cross product before giving up. Expansion depends on the subschemas in order, repeats included
 * (each repeat multiplies the alternatives), so the refusal is keyed by that list, not by `conjKey`.
 */
function expandOnce(ctx: CompileContext, conj: readonly SchemaAt[]): ReturnType<typeof expand> {
  const key = conj.map((at) => (at.schema === true ? 't' : ctx.objectIds.get(at.schema as object))).join(',');
  const refused = ctx.refusedExpansions.get(key);
  if (refused) throw refused;
  try {
    return expand(ctx.doc, conj);
  } catch (error) {
    if (error instanceof SchemaRefusal) ctx.refusedExpansions.set(key, error);
    throw error;
  }
}

function typeSet(at: SchemaAt): Set<TypeName> | null {
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

function meetTypes(a: Set<TypeName> | null, b: Set<TypeName>): Set<TypeName> {
  if (!a) return b;
  const out = new Set<TypeName>();
  for (const type of a) {
    if (b.has(type)) out.add(type);
    else if (type === 'integer' && b.has('number')) out.add('integer');
    else if (type === 'number' && b.has('integer')) out.add('integer');
  }
  return out;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function jsonType(value: unknown): TypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as TypeName;
}

function has(branch: readonly SchemaAt[], keywords: string[]): boolean {
  return branch.some((at) => keywords.some((k) => (at.schema as Json)[k] !== undefined));
}

function compileBranch(ctx: CompileContext, branch: readonly SchemaAt[]): SchemaNode | null {
  let types: Set<TypeName> | null = null;
  let literals: unknown[] | null = null;
  const excluded = new Set<TypeName>();
  const excludedValues = new Set<string>();
  for (const at of branch) {
    const schema = at.schema as Json;
    const own = typeSet(at);
    if (own) types = meetTypes(types, own);
    for (const keyword of ['enum', 'const'] as const) {
      if (schema[keyword] === undefined) continue;
      if (keyword === 'enum' && !Array.isArray(schema.enum))
        refuse(keywordPointer(at, 'enum'), 'enum', 'must be an array');
      const values = keyword === 'enum' ? (schema.enum as unknown[]) : [schema.const];
      if (values.length > ctx.limits.maxEnumValues)
        refuse(
          keywordPointer(at, keyword),
          keyword,
          `has ${values.length} values, over the limit of ${ctx.limits.maxEnumValues}`,
        );
      if (literals === null) literals = values;
      else {
        const allowed = new Set(values.map(canonical));
        literals = literals.filter((v) => allowed.has(canonical(v)));
      }
    }
    if (schema.not !== undefined) applyNot(ctx, at, excluded, excludedValues);
  }
  if (literals !== null) return compileLiterals(ctx, branch, literals, types, excluded, excludedValues);
  const effective = types ?? inferTypes(branch);
  for (const type of excluded) effective.delete(type);
  if (effective.has('number')) effective.delete('integer');
  const nodes: SchemaNode[] = [];
  for (const type of effective) {
    const node =
      excludedValues.size > 0 ? compileExcluding(ctx, branch, type, excludedValues) : compileTyped(ctx, branch, type);
    if (node) nodes.push(...(node.kind === 'union' ? node.options : [node]));
  }
  if (nodes.length === 0) return null;
  return nodes.length === 1 ? nodes[0]! : { kind: 'union', id: ctx.nextId++, options: nodes };
}

/**
 * Without `type`, every JSON type is allowed (each keyword constrains only its own type): exact, so
 * that any valid instance can be written. The types the keywords suggest come first.
 */
function inferTypes(branch: readonly SchemaAt[]): Set<TypeName> {
  const out = new Set<TypeName>();
  const formats = branch.map((at) => (at.schema as Json).format).filter((f): f is string => typeof f === 'string');
  if (has(branch, OBJECT_KEYWORDS)) out.add('object');
  if (has(branch, ARRAY_KEYWORDS)) out.add('array');
  if (has(branch, STRING_KEYWORDS) || formats.some((f) => formatConstraint(f))) out.add('string');
  if (has(branch, NUMBER_KEYWORDS) || formats.some((f) => Object.hasOwn(NUMERIC_FORMATS, f))) out.add('number');
  for (const type of TYPES) if (type !== 'integer') out.add(type);
  return out;
}

/** `not` with a type or a set of values is exact; anything else is compiled as a superset. */
function applyNot(ctx: CompileContext, at: SchemaAt, excluded: Set<TypeName>, excludedValues: Set<string>): void {
  const not = (at.schema as Json).not;
  const pointer = keywordPointer(at, 'not');
  if (not === true) unsatisfiable(pointer, 'not', 'not: true matches nothing');
  if (!isObject(not)) return;
  const keys = Object.keys(not).filter((k) => !['title', 'description', '$comment'].includes(k));
  if (keys.length === 1 && keys[0] === 'type') {
    for (const type of typeSet({ ...at, schema: not, pointer }) ?? []) {
      excluded.add(type);
      if (type === 'number') excluded.add('integer');
    }
    return;
  }
  if (keys.length === 1 && (keys[0] === 'enum' || keys[0] === 'const')) {
    const values = keys[0] === 'enum' ? (Array.isArray(not.enum) ? not.enum : []) : [not.const];
    // Excluded exactly from enums, strings and small integer ranges; otherwise checked after decoding.
    for (const value of values) excludedValues.add(canonical(value));
    return;
  }
  ctx.inexact.add(pointer);
}

function compileTyped(ctx: CompileContext, branch: readonly SchemaAt[], type: TypeName): SchemaNode | null {
  switch (type) {
    case 'object':
      return compileObject(ctx, branch);
    case 'array':
      return compileArray(ctx, branch);
    case 'string':
      return compileString(ctx, branch);
    case 'number':
    case 'integer':
      return compileNumber(ctx, branch, type === 'integer');
    case 'boolean':
      return { kind: 'literal', id: ctx.nextId++, root: constantTrie('boolean') };
    default:
      return { kind: 'literal', id: ctx.nextId++, root: constantTrie('null') };
  }
}

const CONSTANT_VALUES = { boolean: [true, false], null: [null], scalar: [true, false, null] } as const;
const constantTries = new Map<keyof typeof CONSTANT_VALUES, LiteralTrieNode>();

/** The byte trie of true/false, null, or all three: never modified, so every schema shares one of each. */
function constantTrie(which: keyof typeof CONSTANT_VALUES): LiteralTrieNode {
  let trie = constantTries.get(which);
  if (!trie) {
    trie = buildLiteralTrie(CONSTANT_VALUES[which]);
    constantTries.set(which, trie);
  }
  return trie;
}

const MAX_ENUMERATED_INTEGERS = 1024;

/** A type's node without the values a `not` excludes (exact for strings and small integer ranges). */
function compileExcluding(
  ctx: CompileContext,
  branch: readonly SchemaAt[],
  type: TypeName,
  excluded: Set<string>,
): SchemaNode | null {
  const values = [...excluded].map((text) => JSON.parse(text) as unknown);
  if (type === 'string') {
    const strings = values.filter((v): v is string => typeof v === 'string');
    return compileString(ctx, branch, strings.length > 0 ? complementOf(literalDfa(strings)) : null);
  }
  const node = compileTyped(ctx, branch, type);
  if (!node || (type !== 'number' && type !== 'integer' && type !== 'boolean' && type !== 'null')) return node;
  if (node.kind === 'literal')
    return compileLiterals(ctx, branch, type === 'boolean' ? [true, false] : [null], null, new Set(), excluded);
  if (
    node.kind === 'number' &&
    (node.integer || values.every((v) => typeof v !== 'number')) &&
    node.hi - node.lo < MAX_ENUMERATED_INTEGERS
  ) {
    const range: number[] = [];
    for (let v = Math.ceil(node.lo / node.step) * node.step; v <= node.hi; v += node.step) range.push(v);
    if (node.integer) return compileLiterals(ctx, branch, range, null, new Set(), excluded);
  }
  if (values.some((v) => typeof v === 'number')) ctx.inexact.add(`${branch[0]!.pointer}/not`);
  return node;
}

/** The enum/const values that also satisfy the branch's other keywords (checked on the compiled automaton). */
function compileLiterals(
  ctx: CompileContext,
  branch: readonly SchemaAt[],
  literals: unknown[],
  types: Set<TypeName> | null,
  excluded: Set<TypeName>,
  excludedValues: Set<string>,
): SchemaNode | null {
  const kept: unknown[] = [];
  const seen = new Set<string>();
  const checkers = new Map<TypeName, SchemaNode | null>();
  for (const value of literals) {
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
    const key = canonical(value);
    if (seen.has(key) || excludedValues.has(key)) continue;
    let type = jsonType(value);
    if (type === 'integer' && types && !types.has('integer') && types.has('number')) type = 'number';
    if (types && !types.has(type)) continue;
    if (excluded.has(type)) continue;
    if (type === 'string' || type === 'number' || type === 'integer') {
      if (!checkers.has(type))
        checkers.set(type, compileTyped(ctx, branch, type === 'integer' && !types ? 'number' : type));
      const checker = checkers.get(type);
      if (!checker || !accepts(checker, JSON.stringify(value))) continue;
    } else if (
      (type === 'object' && has(branch, OBJECT_KEYWORDS)) ||
      (type === 'array' && has(branch, ARRAY_KEYWORDS))
    ) {
      ctx.inexact.add(`${branch[0]!.pointer}/enum`);
    }
    seen.add(key);
    kept.push(value);
  }
  if (kept.length === 0)
    return noValue(ctx, branch[0]!.pointer, 'enum', 'no enum/const value satisfies the other keywords');
  return { kind: 'literal', id: ctx.nextId++, root: buildLiteralTrie(kept) };
}

function accepts(node: SchemaNode, text: string): boolean {
  const state = stepBytes(initialState(node), binaryToBytes(toBinary(text)));
  return state.length > 0 && isAccepting(state) && closingLength(state) === 0;
}

/** Any JSON value nesting at most `depth` more levels (depth 0: scalars only). */
function anyNode(depth: number, ctx: CompileContext): SchemaNode {
  const level = Math.max(0, depth);
  const cached = ctx.anyNodes.get(level);
  if (cached) return cached;
  const options: SchemaNode[] = [
    { kind: 'string', id: ctx.nextId++, minLength: 0, maxLength: Infinity, language: null },
    {
      kind: 'number',
      id: ctx.nextId++,
      integer: false,
      lo: -MAX_SAFE_MAGNITUDE,
      hi: MAX_SAFE_MAGNITUDE,
      bounded: false,
      step: 1,
    },
    { kind: 'literal', id: ctx.nextId++, root: constantTrie('scalar') },
  ];
  if (level > 0) {
    const inner = anyNode(level - 1, ctx);
    options.push({ kind: 'array', id: ctx.nextId++, prefix: [], items: inner, minItems: 0, maxItems: Infinity });
    const key = {
      kind: 'string',
      id: ctx.nextId++,
      minLength: 0,
      maxLength: FREE_KEY_MAX_LENGTH,
      language: null,
    } as const;
    options.push({ kind: 'free_object', id: ctx.nextId++, key, value: inner });
  }
  const node: SchemaNode = { kind: 'union', id: ctx.nextId++, options };
  ctx.anyNodes.set(level, node);
  return node;
}
