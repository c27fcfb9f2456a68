// What one subschema says about an object's keys: its declared properties, its patternProperties and
// its additionalProperties (or, for unevaluatedProperties, the keys no other part evaluates).
import type { CompileContext } from './compile-context.ts';
import type { SchemaAt } from './schema-document.ts';
import { isObject } from './schema-document.ts';
import { keywordPointer } from './schema-facets.ts';
import { refuse } from './schema-refusal.ts';

type Json = Record<string, unknown>;

export interface ObjectPart {
  readonly at: SchemaAt;
  readonly properties: Map<string, SchemaAt>;
  readonly patterns: { source: string; regex: RegExp; at: SchemaAt; pointer: string }[];
  /** undefined: any value; false: no undeclared key; a schema otherwise. */
  readonly additional: SchemaAt | false | undefined;
}

export function partOf(
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

export function hasObjectKeywords(schema: Json): boolean {
  return (
    schema.properties !== undefined ||
    schema.patternProperties !== undefined ||
    schema.additionalProperties !== undefined ||
    schema.unevaluatedProperties !== undefined
  );
}

/** What one part says about a key: the schemas it must match, or false when the part forbids it. */
export function partFor(part: ObjectPart, name: string): SchemaAt[] | false {
  const own = part.properties.get(name);
  if (own) return [own];
  const matched = part.patterns.filter((p) => p.regex.test(name)).map((p) => p.at);
  if (matched.length > 0) return matched;
  if (part.additional === false) return false;
  return part.additional ? [part.additional] : [];
}

const withoutUnevaluatedCache = new WeakMap<object, SchemaAt>();

/** The subschema without its unevaluatedProperties (one object per subschema: conjunctions memoise by identity). */
export function withoutUnevaluated(at: SchemaAt): SchemaAt {
  const schema = at.schema as Json;
  let copy = withoutUnevaluatedCache.get(schema);
  if (!copy) {
    copy = { ...at, schema: { ...schema, unevaluatedProperties: undefined } };
    withoutUnevaluatedCache.set(schema, copy);
  }
  return copy;
}
