// JSON Schema (drafts 04 to 2020-12, as users write them) -> SchemaNode graph. References and allOf
// meet in conjunctions, anyOf/oneOf become unions, and each branch compiles per type. What cannot be
// compiled exactly is either a superset (listed in `inexact`: the finished document is validated) or,
// when optional, left out (listed in `dropped`). Unsupported or unsatisfiable schemas are refused with
// unsupported_schema naming the JSON pointer and keyword.
import type { CompileContext } from './compile-context.ts';
import { conjKey } from './compile-context.ts';
import { compileExcluding, compileLiterals, compileTyped } from './compile-typed.ts';
import { constantTrie } from './literal-set.ts';
import { SchemaDocument, isObject } from './schema-document.ts';
import type { Draft, SchemaAt } from './schema-document.ts';
import { expand, keywordPointer } from './schema-facets.ts';
import { DEFAULT_SCHEMA_LIMITS, FREE_KEY_MAX_LENGTH, MAX_SAFE_MAGNITUDE } from './schema-ir.ts';
import type { SchemaLimits, SchemaNode } from './schema-ir.ts';
import { refuse, SchemaRefusal, unsatisfiable } from './schema-refusal.ts';
import { canonical, inferTypes, meetTypes, typeSet } from './schema-types.ts';
import type { TypeName } from './schema-types.ts';
import { shortestDocument } from './shortest-document.ts';

type Json = Record<string, unknown>;

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
