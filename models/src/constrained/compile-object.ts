// Objects of one branch. Declared names (every subschema's `properties` and `required`) get the
// conjunction of what each subschema says about them (its property schema, the patternProperties they
// match, or its additionalProperties). Undeclared keys are split into classes by which patterns they
// match, each class a key automaton (declared names excluded) with its value schema.
import type { CompileContext } from './compile-context.ts';
import { noValue } from './compile-context.ts';
import { compileString } from './compile-scalars.ts';
import { extraClasses } from './object-extra-keys.ts';
import { hasObjectKeywords, partFor, partOf, withoutUnevaluated } from './object-parts.ts';
import type { ObjectPart } from './object-parts.ts';
import type { SchemaAt } from './schema-document.ts';
import { isObject } from './schema-document.ts';
import { keywordPointer } from './schema-facets.ts';
import { toBinary } from './schema-ir.ts';
import type { PropertyShape, SchemaNode } from './schema-ir.ts';
import { refuse } from './schema-refusal.ts';

type Json = Record<string, unknown>;

export function compileObject(ctx: CompileContext, branch: readonly SchemaAt[]): SchemaNode | null {
  const parts: ObjectPart[] = [];
  const required = new Set<string>();
  const order: string[] = [];
  let minProperties = 0;
  let maxProperties = Infinity;
  const nameConstraints: SchemaAt[] = [];
  for (const at of branch) {
    const schema = at.schema as Json;
    if (hasObjectKeywords(schema) && schema.unevaluatedProperties === undefined) parts.push(partOf(ctx, at));
    if (schema.required !== undefined) {
      if (!Array.isArray(schema.required) || schema.required.some((n) => typeof n !== 'string'))
        refuse(keywordPointer(at, 'required'), 'required', 'must be an array of strings');
      for (const name of schema.required as string[]) required.add(name);
    }
    if (isObject(schema.properties)) order.push(...Object.keys(schema.properties));
    for (const [keyword, set] of [
      ['minProperties', (v: number) => (minProperties = Math.max(minProperties, v))],
      ['maxProperties', (v: number) => (maxProperties = Math.min(maxProperties, v))],
    ] as const) {
      const value = schema[keyword];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        refuse(keywordPointer(at, keyword), keyword, 'must be a non-negative integer');
      set(value);
    }
    if (schema.propertyNames !== undefined)
      nameConstraints.push(ctx.doc.at(schema.propertyNames, keywordPointer(at, 'propertyNames'), at.base));
    for (const keyword of ['dependentRequired', 'dependentSchemas', 'dependencies'])
      if (isObject(schema[keyword]) && Object.keys(schema[keyword] as Json).length > 0)
        ctx.inexact.add(keywordPointer(at, keyword));
  }
  // unevaluatedProperties: keys no other part evaluates.
  for (const at of branch) {
    const schema = at.schema as Json;
    if (schema.unevaluatedProperties === undefined || schema.unevaluatedProperties === true) continue;
    const names = new Set([...parts.flatMap((p) => [...p.properties.keys()]), ...order]);
    parts.push(partOf(ctx, at, { names, patterns: parts.flatMap((p) => p.patterns) }));
    if (hasObjectKeywords({ ...schema, unevaluatedProperties: undefined }))
      parts.push(partOf(ctx, withoutUnevaluated(at)));
  }
  for (const name of required) order.push(name);
  const names = [...new Set(order)];
  const keyLanguage = propertyNamesString(ctx, nameConstraints);
  const properties: PropertyShape[] = [];
  for (const name of names) {
    const isRequired = required.has(name);
    let conj: SchemaAt[] = [];
    let forbidden = !keyAllowed(ctx, keyLanguage, name);
    for (const part of parts) {
      const said = partFor(part, name);
      if (said === false) forbidden = true;
      else conj = conj.concat(said);
    }
    if (conj.some((at) => at.schema === false)) forbidden = true;
    if (forbidden) {
      if (isRequired) return noValue(ctx, branch[0]!.pointer, 'required', `"${name}" is required but not allowed`);
      continue;
    }
    ctx.propertyCount++;
    if (ctx.propertyCount > ctx.limits.maxProperties)
      refuse(
        branch[0]!.pointer,
        'properties',
        `declares more than the limit of ${ctx.limits.maxProperties} properties`,
      );
    const value = ctx.compileChild(conj, isRequired);
    if (!value) {
      if (isRequired) return null;
      continue;
    }
    properties.push({ name, keyText: toBinary(`${JSON.stringify(name)}:`), value, required: isRequired });
  }
  const extras = extraClasses(ctx, parts, names, keyLanguage);
  const requiredCount = properties.filter((p) => p.required).length;
  if (requiredCount > maxProperties)
    return noValue(ctx, branch[0]!.pointer, 'maxProperties', `is below the ${requiredCount} required properties`);
  if (minProperties > properties.length && extras.length === 0)
    return noValue(ctx, branch[0]!.pointer, 'minProperties', 'exceeds the properties allowed');
  if (minProperties > requiredCount && extras.length > 0) ctx.inexact.add(`${branch[0]!.pointer}/minProperties`);
  return { kind: 'object', id: ctx.nextId++, properties, extras, minProperties, maxProperties };
}

/** propertyNames as one string node (null: any name). */
function propertyNamesString(
  ctx: CompileContext,
  constraints: SchemaAt[],
): Extract<SchemaNode, { kind: 'string' }> | null | false {
  if (constraints.length === 0) return null;
  if (constraints.some((c) => c.schema === false)) return false;
  const objects = constraints.filter((c) => isObject(c.schema));
  for (const c of objects) {
    const keys = Object.keys(c.schema as Json).filter(
      (k) => !['pattern', 'format', 'minLength', 'maxLength', 'type', 'description', 'title', '$comment'].includes(k),
    );
    if (keys.length > 0) ctx.inexact.add(keywordPointer(c, keys[0]!));
  }
  return compileString(ctx, objects) ?? false;
}

function keyAllowed(
  ctx: CompileContext,
  language: Extract<SchemaNode, { kind: 'string' }> | null | false,
  name: string,
): boolean {
  if (language === null) return true;
  if (language === false) return false;
  const length = [...name].length;
  if (length < language.minLength || length > language.maxLength) return false;
  if (!language.language) return true;
  const dfa = language.language.dfa;
  let state = dfa.start;
  for (const ch of name) {
    state = dfa.step(state, ch.codePointAt(0)!);
    if (state < 0) return false;
  }
  return dfa.states[state]!.accept && ctx !== null;
}
