// Strings and numbers of one branch: every subschema's length bounds, patterns and formats meet in one
// automaton; numeric bounds (both the draft-04 boolean and the later numeric exclusive forms) and integer
// multipleOf meet in one integer-part range.
import type { CompileContext } from './compile-context.ts';
import { noValue } from './compile-context.ts';
import { intersect, nfaToDfa } from './regex/dfa.ts';
import type { Dfa } from './regex/dfa.ts';
import { formatConstraint, NUMERIC_FORMATS } from './regex/formats.ts';
import { patternNfa, RegexUnsupported } from './regex/regex-nfa.ts';
import { StringLanguage } from './regex/string-language.ts';
import type { SchemaAt } from './schema-document.ts';
import { keywordPointer } from './schema-facets.ts';
import { MAX_SAFE_MAGNITUDE } from './schema-ir.ts';
import type { SchemaNode } from './schema-ir.ts';
import { refuse } from './schema-refusal.ts';

type Json = Record<string, unknown>;
type StringNode = Extract<SchemaNode, { kind: 'string' }>;

const dfaCache = new Map<string, Dfa>();
const MAX_CACHED_DFAS = 512;

/** The automaton of one ECMA-262 pattern (cached: formats and common patterns repeat across schemas). */
export function patternDfa(source: string, pointer: string, keyword: string): Dfa {
  let dfa = dfaCache.get(source);
  if (!dfa) {
    try {
      dfa = nfaToDfa(patternNfa(source));
    } catch (error) {
      if (error instanceof RegexUnsupported) refuse(pointer, keyword, `cannot be compiled: ${error.message}`);
      throw error;
    }
    if (dfaCache.size >= MAX_CACHED_DFAS) dfaCache.delete(dfaCache.keys().next().value!);
    dfaCache.set(source, dfa);
  }
  return dfa;
}

function count(at: SchemaAt, keyword: string): number | undefined {
  const value = (at.schema as Json)[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    refuse(keywordPointer(at, keyword), keyword, 'must be a non-negative integer');
  return value;
}

export interface LengthBounds {
  minLength: number;
  maxLength: number;
}

/** A string node for a branch; null when its constraints leave no string. */
export function compileString(
  ctx: CompileContext,
  branch: readonly SchemaAt[],
  extra?: Dfa | null,
  cap = Infinity,
): StringNode | null {
  let minLength = 0;
  let maxLength = cap;
  let dfa: Dfa | null = extra ?? null;
  const meet = (next: Dfa, pointer: string, keyword: string): void => {
    try {
      dfa = dfa ? intersect(dfa, next) : next;
    } catch (error) {
      if (error instanceof RegexUnsupported) refuse(pointer, keyword, `cannot be compiled: ${error.message}`);
      throw error;
    }
  };
  for (const at of branch) {
    const schema = at.schema as Json;
    minLength = Math.max(minLength, count(at, 'minLength') ?? 0);
    maxLength = Math.min(maxLength, count(at, 'maxLength') ?? Infinity);
    if (schema.pattern !== undefined) {
      const pointer = keywordPointer(at, 'pattern');
      if (typeof schema.pattern !== 'string') refuse(pointer, 'pattern', 'must be a string');
      meet(patternDfa(schema.pattern, pointer, 'pattern'), pointer, 'pattern');
    }
    if (typeof schema.format === 'string') {
      const format = formatConstraint(schema.format);
      if (format) {
        const pointer = keywordPointer(at, 'format');
        meet(patternDfa(format.pattern, pointer, 'format'), pointer, 'format');
        if (format.maxLength !== undefined) maxLength = Math.min(maxLength, format.maxLength);
      }
    }
  }
  if (minLength > maxLength)
    return noValue(ctx, branch[0]?.pointer ?? '#', 'minLength', `${minLength} is more than maxLength ${maxLength}`);
  let language: StringLanguage | null = null;
  if (dfa) {
    const automaton = dfa as Dfa;
    if (automaton.empty) return noValue(ctx, branch[0]?.pointer ?? '#', 'pattern', 'matches no string');
    try {
      language = new StringLanguage(automaton, minLength, maxLength);
    } catch (error) {
      if (error instanceof RegexUnsupported) refuse(branch[0]?.pointer ?? '#', 'pattern', error.message);
      throw error;
    }
    if (language.completionLength(automaton.start, 0) < 0)
      return noValue(ctx, branch[0]?.pointer ?? '#', 'pattern', 'matches no string of the allowed lengths');
  }
  return { kind: 'string', id: ctx.nextId++, minLength, maxLength, language };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A number node for a branch (`integer` when only integers are allowed); null when no value fits. */
export function compileNumber(
  ctx: CompileContext,
  branch: readonly SchemaAt[],
  integerOnly: boolean,
): SchemaNode | null {
  let lo = -Infinity;
  let hi = Infinity;
  let bounded = false;
  let step = 1;
  let integer = integerOnly;
  for (const at of branch) {
    const schema = at.schema as Json;
    const numeric = (keyword: string): number | undefined => {
      const value = schema[keyword];
      if (value === undefined || typeof value === 'boolean') return undefined;
      if (typeof value !== 'number' || !Number.isFinite(value))
        refuse(keywordPointer(at, keyword), keyword, 'must be a finite number');
      return value;
    };
    const minimum = numeric('minimum');
    const maximum = numeric('maximum');
    const exclusiveMinimum = numeric('exclusiveMinimum');
    const exclusiveMaximum = numeric('exclusiveMaximum');
    // Bounds of the integer part: an exclusive bound x admits integer parts from floor(x) + 1.
    if (minimum !== undefined) {
      lo = Math.max(lo, schema.exclusiveMinimum === true ? Math.floor(minimum) + 1 : Math.ceil(minimum));
      bounded = true;
    }
    if (maximum !== undefined) {
      hi = Math.min(hi, schema.exclusiveMaximum === true ? Math.ceil(maximum) - 1 : Math.floor(maximum));
      bounded = true;
    }
    if (exclusiveMinimum !== undefined) {
      lo = Math.max(lo, Math.floor(exclusiveMinimum) + 1);
      bounded = true;
    }
    if (exclusiveMaximum !== undefined) {
      hi = Math.min(hi, Math.ceil(exclusiveMaximum) - 1);
      bounded = true;
    }
    const multipleOf = numeric('multipleOf');
    if (multipleOf !== undefined) {
      if (multipleOf <= 0) refuse(keywordPointer(at, 'multipleOf'), 'multipleOf', 'must be greater than 0');
      if (Number.isInteger(multipleOf)) {
        step = (step / gcd(step, multipleOf)) * multipleOf;
        if (step > MAX_SAFE_MAGNITUDE) refuse(keywordPointer(at, 'multipleOf'), 'multipleOf', 'is too large');
      } else if (!Number.isInteger(1 / multipleOf)) {
        refuse(keywordPointer(at, 'multipleOf'), 'multipleOf', 'is supported for integers and 1/n fractions only');
      } else {
        // A 1/n fraction: integers are multiples; the validator's float division is checked afterwards.
        ctx.inexact.add(keywordPointer(at, 'multipleOf'));
      }
      integer = true;
    }
    if (typeof schema.format === 'string' && Object.hasOwn(NUMERIC_FORMATS, schema.format)) {
      const format = NUMERIC_FORMATS[schema.format]!;
      integer ||= format.integer;
      if (format.minimum !== undefined) lo = Math.max(lo, format.minimum);
      if (format.maximum !== undefined) hi = Math.min(hi, format.maximum);
      bounded ||= format.minimum !== undefined;
    }
  }
  // A side without a bound a 21-digit integer part can reach (no minimum, or maximum: 1e300).
  const openAbove = step === 1 && hi >= 1e21;
  const openBelow = step === 1 && lo <= -1e21;
  lo = Math.max(lo, -MAX_SAFE_MAGNITUDE);
  hi = Math.min(hi, MAX_SAFE_MAGNITUDE);
  const pointer = branch[0]?.pointer ?? '#';
  if (lo > hi)
    return noValue(
      ctx,
      pointer,
      'minimum',
      `admits no value (${integer ? 'integers' : 'integer parts'} of at most 15 digits from ${lo} to ${hi})`,
    );
  if (step > 1 && Math.ceil(lo / step) * step > hi)
    return noValue(ctx, pointer, 'multipleOf', 'admits no value in range');
  return {
    kind: 'number',
    id: ctx.nextId++,
    integer,
    lo,
    hi,
    bounded: bounded || step > 1,
    step,
    openAbove,
    openBelow,
  };
}
