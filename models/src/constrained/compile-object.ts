// Objects of one branch. Declared names (every subschema's `properties` and `required`) get the
// conjunction of what each subschema says about them (its property schema, the patternProperties they
// match, or its additionalProperties). Undeclared keys are split into classes by which patterns they
// match, each class a key automaton (declared names excluded) with its value schema.
import { compileString } from './compile-scalars.ts';
import { patternDfa } from './compile-scalars.ts';
import type { CompileContext } from './compile-context.ts';
import { noValue } from './compile-context.ts';
import { anyStringDfa, complementOf, intersect, literalDfa } from './regex/dfa.ts';
import type { Dfa } from './regex/dfa.ts';
import { RegexUnsupported } from './regex/regex-nfa.ts';
import { StringLanguage } from './regex/string-language.ts';
import type { SchemaAt } from './schema-document.ts';
import { isObject } from './schema-document.ts';
import { keywordPointer } from './schema-facets.ts';
import { FREE_KEY_MAX_LENGTH, toBinary } from './schema-ir.ts';
import type { ExtraClass, PropertyShape, SchemaNode } from './schema-ir.ts';
import { refuse } from './schema-refusal.ts';

type Json = Record<string, unknown>;

interface ObjectPart {
  readonly at: SchemaAt;
  readonly properties: Map<string, SchemaAt>;
  readonly patterns: { source: string; regex: RegExp; at: SchemaAt; pointer: string }[];
  /** undefined: any value; false: no undeclared key; a schema otherwise. */
  readonly additional: SchemaAt | false | undefined;
}

const MAX_PATTERN_CLASSES = 4;

function partOf(
  ctx: CompileContext,
  at: SchemaAt,
  evaluated?: { names: Set<string>; patterns: ObjectPart['patterns'] },
): ObjectPart {
  const schema = at.schema as Json;
  const properties = new Map<string, SchemaAt>();
  const patterns: ObjectPart['patterns'] = [];
  if (evaluated) {
    for (const name of evaluated.names) properties.set(name, { schema: true, pointer: at.pointer, base: at.base });
    patterns.push(
      ...evaluated.patterns.map((p) => ({ ...p, at: { schema: true, pointer: p.pointer, base: at.base } })),
    );
    const rest = schema.unevaluatedProperties;
    return {
      at,
      properties,
      patterns,
      additional:
        rest === false
          ? false
          : rest === true
            ? undefined
            : ctx.doc.at(rest, keywordPointer(at, 'unevaluatedProperties'), at.base),
    };
  }
  if (schema.properties !== undefined) {
    if (!isObject(schema.properties)) refuse(keywordPointer(at, 'properties'), 'properties', 'must be an object');
    for (const [name, sub] of Object.entries(schema.properties))
      properties.set(name, ctx.doc.at(sub, keywordPointer(at, 'properties', name), at.base));
  }
  if (isObject(schema.patternProperties)) {
    for (const [source, sub] of Object.entries(schema.patternProperties)) {
      const pointer = keywordPointer(at, 'patternProperties', source);
      let regex: RegExp;
      try {
        regex = new RegExp(source, 'u');
      } catch {
        refuse(pointer, 'patternProperties', 'holds a pattern that is not a valid regular expression');
      }
      patterns.push({ source, regex, at: ctx.doc.at(sub, pointer, at.base), pointer });
    }
  }
  const additional = schema.additionalProperties;
  return {
    at,
    properties,
    patterns,
    additional:
      additional === undefined || additional === true
        ? undefined
        : additional === false
          ? false
          : ctx.doc.at(additional, keywordPointer(at, 'additionalProperties'), at.base),
  };
}

function hasObjectKeywords(schema: Json): boolean {
  return (
    schema.properties !== undefined ||
    schema.patternProperties !== undefined ||
    schema.additionalProperties !== undefined ||
    schema.unevaluatedProperties !== undefined
  );
}

/** What one part says about a key: the schemas it must match, or false when the part forbids it. */
function partFor(part: ObjectPart, name: string): SchemaAt[] | false {
  const own = part.properties.get(name);
  if (own) return [own];
  const matched = part.patterns.filter((p) => p.regex.test(name)).map((p) => p.at);
  if (matched.length > 0) return matched;
  if (part.additional === false) return false;
  return part.additional ? [part.additional] : [];
}

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

function extraClasses(
  ctx: CompileContext,
  parts: ObjectPart[],
  declared: string[],
  keyLanguage: Extract<SchemaNode, { kind: 'string' }> | null | false,
): ExtraClass[] {
  if (keyLanguage === false) return [];
  const patterns = parts.flatMap((part) => part.patterns.map((p) => ({ ...p, part })));
  if (patterns.length > MAX_PATTERN_CLASSES) {
    // Too many classes to split exactly: undeclared keys are left out (a subset of the valid documents).
    return [];
  }
  if (patterns.length === 0 && !keyLanguage?.language) {
    // The common case (additionalProperties absent or a schema): one class, any name but the declared
    // ones. Its automaton is built on first use: most objects of a large schema are never decoded.
    const conj: SchemaAt[] = [];
    for (const part of parts) {
      if (part.additional === false) return [];
      if (part.additional) conj.push(part.additional);
    }
    if (conj.some((at) => at.schema === false)) return [];
    const minLength = keyLanguage ? keyLanguage.minLength : 0;
    const maxLength = Math.min(keyLanguage ? keyLanguage.maxLength : Infinity, FREE_KEY_MAX_LENGTH);
    const key = otherNameNode(ctx, declared, minLength, maxLength);
    if (!key) return [];
    const value = conj.length === 0 ? ctx.any(ctx.limits.maxAnyDepth - 1) : ctx.compileChild(conj, false);
    return value ? [{ key, value }] : [];
  }
  let dfas: Dfa[];
  let base: Dfa;
  try {
    dfas = patterns.map((p) => patternDfa(p.source, p.pointer, 'patternProperties'));
    base = complementOf(literalDfa(declared));
    if (keyLanguage?.language) base = intersect(base, keyLanguage.language.dfa);
  } catch (error) {
    if (error instanceof RegexUnsupported || (error as { code?: string }).code === 'unsupported_schema') return [];
    throw error;
  }
  const classes: ExtraClass[] = [];
  // Each pattern's complement once, not once per class that excludes it.
  const outside: (Dfa | null)[] = dfas.map(() => null);
  for (let mask = 0; mask < 1 << patterns.length; mask++) {
    const conj: SchemaAt[] = [];
    let forbidden = false;
    let key = base;
    try {
      for (let i = 0; i < patterns.length; i++) {
        if (!(mask & (1 << i))) outside[i] ??= complementOf(dfas[i]!);
        key = intersect(key, mask & (1 << i) ? dfas[i]! : outside[i]!);
        if (mask & (1 << i)) conj.push(patterns[i]!.at);
      }
    } catch {
      continue;
    }
    if (key.empty) continue;
    for (const part of parts) {
      const matched = patterns.some((p, i) => p.part === part && mask & (1 << i));
      if (matched) continue;
      if (part.additional === false) forbidden = true;
      else if (part.additional) conj.push(part.additional);
    }
    if (forbidden || conj.some((at) => at.schema === false)) continue;
    const minLength = keyLanguage ? keyLanguage.minLength : 0;
    const maxLength = Math.min(keyLanguage ? keyLanguage.maxLength : Infinity, FREE_KEY_MAX_LENGTH);
    const keyNode = compileString(ctx, [], key === anyStringDfa() ? null : key, maxLength);
    if (!keyNode || keyNode.minLength > minLength) continue;
    const withMin =
      minLength > 0 ? compileString(ctx, [{ schema: { minLength }, pointer: '#', base: '' }], key, maxLength) : keyNode;
    if (!withMin) continue;
    const value = conj.length === 0 ? ctx.any(ctx.limits.maxAnyDepth - 1) : ctx.compileChild(conj, false);
    if (value) classes.push({ key: withMin, value });
  }
  return classes;
}

/**
 * A key that is none of `declared`: its automaton (the complement of the names) and length table are
 * built when a decode first reaches it; its shortest text is found directly.
 */
function otherNameNode(
  ctx: CompileContext,
  declared: string[],
  minLength: number,
  maxLength: number,
): Extract<SchemaNode, { kind: 'string' }> | null {
  const names = new Set(declared);
  let shortest: string | null = null;
  for (let length = minLength; length <= Math.min(maxLength, minLength + 3) && shortest === null; length++) {
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      const candidate = letter.repeat(length);
      if (!names.has(candidate)) {
        shortest = candidate;
        break;
      }
    }
  }
  if (shortest === null) return null;
  if (names.size === 0) return { kind: 'string', id: ctx.nextId++, minLength, maxLength, language: null };
  let language: StringLanguage | undefined;
  const node = { kind: 'string', id: ctx.nextId++, minLength, maxLength, shortest: JSON.stringify(shortest) };
  Object.defineProperty(node, 'language', {
    enumerable: true,
    get: () => {
      language ??= new StringLanguage(complementOf(literalDfa(declared)), minLength, maxLength);
      return language;
    },
  });
  return node as unknown as Extract<SchemaNode, { kind: 'string' }>;
}

const withoutUnevaluatedCache = new WeakMap<object, SchemaAt>();

/** The subschema without its unevaluatedProperties (one object per subschema: conjunctions memoise by identity). */
function withoutUnevaluated(at: SchemaAt): SchemaAt {
  const schema = at.schema as Json;
  let copy = withoutUnevaluatedCache.get(schema);
  if (!copy) {
    copy = { ...at, schema: { ...schema, unevaluatedProperties: undefined } };
    withoutUnevaluatedCache.set(schema, copy);
  }
  return copy;
}
