// Arrays of one branch: tuple positions (prefixItems, or items as an array in older drafts, with
// additionalItems) and the items after them meet position by position across subschemas.
import type { CompileContext } from './compile-context.ts';
import { noValue } from './compile-context.ts';
import type { SchemaAt } from './schema-document.ts';
import { keywordPointer } from './schema-facets.ts';
import type { SchemaNode } from './schema-ir.ts';
import { refuse } from './schema-refusal.ts';

type Json = Record<string, unknown>;

interface ArrayPart {
  readonly prefix: SchemaAt[];
  /** undefined: any items; false: none after the prefix. */
  readonly rest: SchemaAt | false | undefined;
}

function partOf(ctx: CompileContext, at: SchemaAt): ArrayPart | null {
  const schema = at.schema as Json;
  const sub = (value: unknown, ...path: (string | number)[]): SchemaAt =>
    ctx.doc.at(value, keywordPointer(at, String(path[0]), ...path.slice(1)), at.base);
  let prefix: SchemaAt[] = [];
  let rest: unknown;
  let restKeyword = 'items';
  if (Array.isArray(schema.prefixItems)) {
    prefix = schema.prefixItems.map((item, i) => sub(item, 'prefixItems', i));
    rest = schema.items;
  } else if (Array.isArray(schema.items)) {
    prefix = schema.items.map((item, i) => sub(item, 'items', i));
    rest = schema.additionalItems;
    restKeyword = 'additionalItems';
  } else {
    rest = schema.items;
  }
  if (prefix.length === 0 && rest === undefined) return null;
  return {
    prefix,
    rest: rest === undefined || rest === true ? undefined : rest === false ? false : sub(rest, restKeyword),
  };
}

export function compileArray(ctx: CompileContext, branch: readonly SchemaAt[]): SchemaNode | null {
  let minItems = 0;
  let maxItems = Infinity;
  const parts: ArrayPart[] = [];
  for (const at of branch) {
    const schema = at.schema as Json;
    for (const keyword of ['minItems', 'maxItems']) {
      const value = schema[keyword];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        refuse(keywordPointer(at, keyword), keyword, 'must be a non-negative integer');
      if (keyword === 'minItems') minItems = Math.max(minItems, value);
      else maxItems = Math.min(maxItems, value);
    }
    const part = partOf(ctx, at);
    if (part) parts.push(part);
    if (schema.uniqueItems === true) ctx.inexact.add(keywordPointer(at, 'uniqueItems'));
    if (schema.contains !== undefined) ctx.inexact.add(keywordPointer(at, 'contains'));
    if (schema.unevaluatedItems === false) {
      const longest = Math.max(0, ...parts.map((p) => (p.rest === undefined ? Infinity : p.prefix.length)));
      if (Number.isFinite(longest)) maxItems = Math.min(maxItems, longest);
    }
  }
  const prefixLength = Math.max(0, ...parts.map((p) => p.prefix.length));
  for (const part of parts) if (part.rest === false) maxItems = Math.min(maxItems, part.prefix.length);
  if (minItems > maxItems)
    return noValue(ctx, branch[0]!.pointer, 'minItems', `${minItems} is more than the ${maxItems} items allowed`);
  const positionConj = (i: number): SchemaAt[] =>
    parts.flatMap((p) => (i < p.prefix.length ? [p.prefix[i]!] : p.rest ? [p.rest] : []));
  const prefix: SchemaNode[] = [];
  for (let i = 0; i < Math.min(prefixLength, maxItems); i++) {
    const node = ctx.compileChild(positionConj(i), i < minItems);
    if (!node) {
      if (i < minItems) return null;
      maxItems = i;
      break;
    }
    prefix.push(node);
  }
  let items: SchemaNode | null = null;
  if (maxItems > prefix.length) {
    const conj = positionConj(prefixLength);
    items = conj.length === 0 ? ctx.any(ctx.limits.maxAnyDepth - 1) : ctx.compileChild(conj, minItems > prefix.length);
    if (!items) {
      if (minItems > prefix.length) return null;
      maxItems = prefix.length;
    }
  }
  return { kind: 'array', id: ctx.nextId++, prefix, items, minItems, maxItems };
}
