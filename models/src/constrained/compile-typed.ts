// One JSON type's node for a branch, and the enum/const values (or the values a `not` excludes) that
// narrow it: literals are checked against the type's compiled automaton, so they also meet its keywords.
import { closingLength, initialState, isAccepting, stepBytes } from './automaton.ts';
import { compileArray } from './compile-array.ts';
import type { CompileContext } from './compile-context.ts';
import { noValue } from './compile-context.ts';
import { compileObject } from './compile-object.ts';
import { compileNumber, compileString } from './compile-scalars.ts';
import { buildLiteralTrie, constantTrie } from './literal-set.ts';
import { complementOf, literalDfa } from './regex/dfa.ts';
import type { SchemaAt } from './schema-document.ts';
import { binaryToBytes, toBinary } from './schema-ir.ts';
import type { SchemaNode } from './schema-ir.ts';
import { ARRAY_KEYWORDS, OBJECT_KEYWORDS, canonical, hasAnyKeyword, jsonType } from './schema-types.ts';
import type { TypeName } from './schema-types.ts';

export function compileTyped(ctx: CompileContext, branch: readonly SchemaAt[], type: TypeName): SchemaNode | null {
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

const MAX_ENUMERATED_INTEGERS = 1024;

/** A type's node without the values a `not` excludes (exact for strings and small integer ranges). */
export function compileExcluding(
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
export function compileLiterals(
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
      (type === 'object' && hasAnyKeyword(branch, OBJECT_KEYWORDS)) ||
      (type === 'array' && hasAnyKeyword(branch, ARRAY_KEYWORDS))
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
