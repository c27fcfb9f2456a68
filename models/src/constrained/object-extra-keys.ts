// Undeclared keys of an object: split into classes by which patternProperties they match, each class
// a key automaton (declared names excluded) with the conjunction of value schemas that applies to it.
import type { CompileContext } from './compile-context.ts';
import { compileString, patternDfa } from './compile-scalars.ts';
import type { ObjectPart } from './object-parts.ts';
import { anyStringDfa, complementOf, intersect, literalDfa } from './regex/dfa.ts';
import type { Dfa } from './regex/dfa.ts';
import { RegexUnsupported } from './regex/regex-nfa.ts';
import { StringLanguage } from './regex/string-language.ts';
import type { SchemaAt } from './schema-document.ts';
import { FREE_KEY_MAX_LENGTH } from './schema-ir.ts';
import type { ExtraClass, SchemaNode } from './schema-ir.ts';

const MAX_PATTERN_CLASSES = 4;

export function extraClasses(
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
