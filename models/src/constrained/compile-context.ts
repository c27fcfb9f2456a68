// State shared while one schema compiles: the document, memoised conjunctions (so recursion and
// repeated `$ref`s compile once), node ids, limits, and the parts compiled as a superset.
import type { SchemaAt, SchemaDocument } from './schema-document.ts';
import type { SchemaLimits, SchemaNode } from './schema-ir.ts';
import type { SchemaRefusal } from './schema-refusal.ts';

export interface CompileContext {
  readonly doc: SchemaDocument;
  readonly limits: SchemaLimits;
  /** Compiled conjunctions by conjKey; null when unsatisfiable. */
  readonly memo: Map<string, SchemaNode | null>;
  readonly inProgress: Map<string, SchemaNode>;
  /** Refused expansions into branches, by the subschemas' ids in order with repeats (see expandOnce). */
  readonly refusedExpansions: Map<string, SchemaRefusal>;
  /** Optional parts left out because they could not compile (a subset of the valid documents remains). */
  readonly dropped: string[];
  readonly objectIds: WeakMap<object, number>;
  readonly anyNodes: Map<number, SchemaNode>;
  readonly inexact: Set<string>;
  /** Why the last part without any value had none (the refusal message when the whole schema has none). */
  unsatisfied: { pointer: string; keyword: string; why: string } | null;
  nextId: number;
  nextObjectId: number;
  propertyCount: number;
  /** Compiles a conjunction of subschemas (defined in schema-compiler.ts, used by the per-type compilers). */
  compile(conj: readonly SchemaAt[]): SchemaNode | null;
  /** `compile`, except that an optional part (`required` false) that cannot compile is left out (null). */
  compileChild(conj: readonly SchemaAt[], required: boolean): SchemaNode | null;
  /** Any JSON value nesting at most `depth` more levels. */
  any(depth: number): SchemaNode;
}

export function conjKey(ctx: CompileContext, conj: readonly SchemaAt[]): string {
  const ids: number[] = [];
  for (const at of conj) {
    if (at.schema === true) continue;
    if (at.schema === false) return 'false';
    const object = at.schema as object;
    let id = ctx.objectIds.get(object);
    if (id === undefined) {
      id = ctx.nextObjectId++;
      ctx.objectIds.set(object, id);
    }
    ids.push(id);
  }
  ids.sort((a, b) => a - b);
  let key = '';
  for (let i = 0; i < ids.length; i++)
    if (i === 0 || ids[i] !== ids[i - 1]) key += i === 0 ? `${ids[i]}` : `,${ids[i]}`;
  return key;
}

/** Records why a part admits no value and returns null (its compiled form). */
export function noValue(ctx: CompileContext, pointer: string, keyword: string, why: string): null {
  ctx.unsatisfied = { pointer, keyword, why };
  return null;
}
