// A conjunction of subschemas (a schema with its `allOf` members and `$ref` targets) flattened into
// branches: every `anyOf`/`oneOf` is distributed into alternatives, so each branch is a plain list of
// subschemas whose keywords all apply at once. Keywords that cannot be compiled exactly are recorded
// as reasons the constraint is a superset (the finished document is then validated).
import type { SchemaAt, SchemaDocument } from './schema-document.ts';
import { isObject } from './schema-document.ts';
import { escapePointer, refuse } from './schema-refusal.ts';

/** Branches of one conjunction; each branch lists the subschemas (objects only) that all apply. */
export type Branch = readonly SchemaAt[];

export interface Expansion {
  readonly branches: Branch[];
  /** `pointer/keyword` of parts compiled as a superset (oneOf that may overlap, not, if/then/else...). */
  readonly inexact: string[];
}

const MAX_BRANCHES = 64;

/**
 * Expands `conj` into branches. `false` anywhere empties a branch (dropped); a `$ref` is inlined (a
 * cycle made only of references and combinators has no document and is refused).
 */
export function expand(doc: SchemaDocument, conj: readonly SchemaAt[]): Expansion {
  const inexact: string[] = [];
  let branches: SchemaAt[][] = [[]];
  // The subschemas on the path being visited: one set, added to on the way in and removed from on the
  // way out (a refusal abandons the whole expansion, so it needs no cleanup).
  const active = new Set<unknown>();
  const visit = (at: SchemaAt): SchemaAt[][] => {
    const result = visitOwn(at);
    active.delete(at.schema);
    return result;
  };
  const visitOwn = (at: SchemaAt): SchemaAt[][] => {
    const { schema, pointer } = at;
    if (schema === true) return [[]];
    if (schema === false) return [];
    if (!isObject(schema)) refuse(pointer, 'type', 'a subschema must be an object or a boolean');
    if (active.has(schema)) refuse(pointer, '$ref', 'refers to itself without an object or array in between');
    active.add(schema);
    let result: SchemaAt[][] = [[at]];
    const combine = (alternatives: SchemaAt[][]): void => {
      const next: SchemaAt[][] = [];
      for (const left of result) for (const right of alternatives) next.push([...left, ...right]);
      if (next.length > MAX_BRANCHES) refuse(pointer, 'anyOf', `combines into more than ${MAX_BRANCHES} alternatives`);
      result = next;
    };
    for (const keyword of ['$ref', '$dynamicRef', '$recursiveRef'] as const) {
      const ref = schema[keyword];
      if (typeof ref !== 'string') continue;
      combine(visit(doc.resolve(ref, at.base, `${pointer}/${keyword}`)));
    }
    if (schema.allOf !== undefined) {
      const members = listOf(schema.allOf, `${pointer}/allOf`, 'allOf');
      members.forEach((member, i) => {
        combine(visit(doc.at(member, `${pointer}/allOf/${i}`, at.base)));
      });
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      if (schema[keyword] === undefined) continue;
      const members = listOf(schema[keyword], `${pointer}/${keyword}`, keyword);
      const alternatives: SchemaAt[][] = [];
      members.forEach((member, i) => {
        alternatives.push(...visit(doc.at(member, `${pointer}/${keyword}/${i}`, at.base)));
      });
      if (keyword === 'oneOf' && alternatives.length > 1) inexact.push(`${pointer}/oneOf`);
      combine(alternatives);
    }
    if (isObject(schema.if) || typeof schema.if === 'boolean') {
      const thenAt = schema.then === undefined ? null : doc.at(schema.then, `${pointer}/then`, at.base);
      const elseAt = schema.else === undefined ? null : doc.at(schema.else, `${pointer}/else`, at.base);
      const exact = thenAt || elseAt ? discriminated(schema.if, `${pointer}/if`, at.base) : null;
      if (exact) {
        // `if` tests one property against values: it holds, it is absent, or it has another value.
        const [holds, absent, other, absentHolds] = exact;
        const alternatives: SchemaAt[][] = [];
        for (const [condition, outcome] of [
          [holds, thenAt],
          [absent, absentHolds ? thenAt : elseAt],
          [other, elseAt],
        ] as const) {
          const rest = outcome ? visit(outcome) : [[]];
          for (const branch of rest) alternatives.push([condition, ...branch]);
        }
        combine(alternatives);
      } else if (thenAt || elseAt) {
        inexact.push(`${pointer}/if`);
        // (if and then) or (not-if and else) is inside (if and then) or else; with either part missing,
        // nothing is required.
        if (thenAt && elseAt) {
          const ifAt = doc.at(schema.if, `${pointer}/if`, at.base);
          combine([...visit(ifAt).flatMap((b) => visit(thenAt).map((t) => [...b, ...t])), ...visit(elseAt)]);
        }
      }
    }
    return result;
  };
  for (const at of conj) {
    const alternatives = visit(at);
    const next: SchemaAt[][] = [];
    for (const left of branches) for (const right of alternatives) next.push([...left, ...right]);
    if (next.length > MAX_BRANCHES) refuse(at.pointer, 'anyOf', `combines into more than ${MAX_BRANCHES} alternatives`);
    branches = next;
  }
  return { branches, inexact };
}

/**
 * An `if` that only compares one property with constants ({"properties": {"kind": {"const": "a"}}},
 * with or without "required": ["kind"]) splits exactly into: the property has one of the values, it is
 * absent (the condition holds vacuously, unless required: the last element says which), or it has
 * another value.
 */
function discriminated(
  condition: unknown,
  pointer: string,
  base: string,
): [SchemaAt, SchemaAt, SchemaAt, boolean] | null {
  if (!isObject(condition)) return null;
  const keys = Object.keys(condition).filter((k) => !['title', 'description', '$comment', 'type'].includes(k));
  if (condition.type !== undefined && condition.type !== 'object') return null;
  if (!keys.includes('properties') || keys.some((k) => k !== 'properties' && k !== 'required')) return null;
  const properties = condition.properties;
  if (!isObject(properties) || Object.keys(properties).length !== 1) return null;
  const [name, test] = Object.entries(properties)[0]!;
  if (!isObject(test)) return null;
  const testKeys = Object.keys(test).filter((k) => !['title', 'description', '$comment', 'type'].includes(k));
  if (testKeys.length !== 1 || (testKeys[0] !== 'const' && testKeys[0] !== 'enum')) return null;
  const values = testKeys[0] === 'const' ? [test.const] : test.enum;
  if (!Array.isArray(values)) return null;
  const required = Array.isArray(condition.required) ? condition.required : [];
  if (required.some((r) => r !== name)) return null;
  // The same `if` always yields the same objects: compiled conjunctions are memoised by object
  // identity, and a recursive schema would otherwise compile new ones at every level.
  const cached = discriminations.get(condition);
  if (cached) return cached;
  const at = (schema: unknown): SchemaAt => ({ schema, pointer, base });
  const split: [SchemaAt, SchemaAt, SchemaAt, boolean] = [
    at({ properties: { [name]: { enum: values } }, required: [name] }),
    at({ properties: { [name]: false } }),
    at({ properties: { [name]: { not: { enum: values } } }, required: [name] }),
    required.length === 0,
  ];
  discriminations.set(condition, split);
  return split;
}

const discriminations = new WeakMap<object, [SchemaAt, SchemaAt, SchemaAt, boolean]>();

function listOf(value: unknown, pointer: string, keyword: string): unknown[] {
  if (!Array.isArray(value)) refuse(pointer, keyword, 'must be an array of schemas');
  if (value.length === 0) refuse(pointer, keyword, 'must not be empty');
  return value;
}

/** The pointer of a keyword inside a subschema. */
export function keywordPointer(at: SchemaAt, keyword: string, ...rest: (string | number)[]): string {
  return [at.pointer, escapePointer(keyword), ...rest.map((part) => escapePointer(String(part)))].join('/');
}
