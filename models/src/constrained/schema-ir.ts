// The compiled form of a JSON Schema: a small tree of value shapes that the byte automaton walks.
// Texts (keys, literals, shortest documents) are "binary strings": one char per UTF-8 byte, so that
// `charCodeAt` is a byte and `length` is a byte count.

import type { StringLanguage } from './regex/string-language.ts';

export interface SchemaLimits {
  /** Deepest nesting of arrays and objects in a document (recursive schemas stop there). */
  maxDepth: number;
  /** Total declared properties over the whole schema. */
  maxProperties: number;
  /** Values of one enum. */
  maxEnumValues: number;
  /** Nesting allowed inside a free-form `{}` (any JSON) value. */
  maxAnyDepth: number;
  /** Byte length of the shortest valid document (bounds minItems/minLength blow-ups). */
  maxShortestDocumentBytes: number;
}

export const DEFAULT_SCHEMA_LIMITS: Readonly<SchemaLimits> = Object.freeze({
  maxDepth: 16,
  maxProperties: 4096,
  maxEnumValues: 1024,
  maxAnyDepth: 6,
  maxShortestDocumentBytes: 16_384,
});

/**
 * Integer parts checked against bounds are kept to 15 digits so they stay exact doubles; unbounded ones
 * to 21 (JSON.stringify writes every number below 1e21 in full). Fractions take up to 22 digits (17
 * significant digits after up to 5 zeros: every fraction JSON.stringify writes), exponents 2.
 */
export const MAX_INT_DIGITS = 15;
export const MAX_FREE_INT_DIGITS = 21;
export const MAX_SAFE_MAGNITUDE = 999_999_999_999_999;
export const MAX_FRACTION_DIGITS = 22;
export const MAX_EXPONENT_DIGITS = 2;
/** Keys of free-form objects are capped so `{}` values cannot run away on one key. */
export const FREE_KEY_MAX_LENGTH = 256;

export interface LiteralTrieNode {
  readonly index: number;
  readonly children: Map<number, LiteralTrieNode>;
  terminal: boolean;
  /** Shortest byte suffix that ends a literal from here. */
  minSuffix: string;
}

export interface PropertyShape {
  /** `"name":` as a binary string. */
  readonly keyText: string;
  readonly name: string;
  readonly value: SchemaNode;
  readonly required: boolean;
}

/** Properties not declared: keys of one class (their own string automaton) with their value schema. */
export interface ExtraClass {
  readonly key: Extract<SchemaNode, { kind: 'string' }>;
  readonly value: SchemaNode;
}

export type SchemaNode =
  | {
      readonly kind: 'object';
      readonly id: number;
      readonly properties: readonly PropertyShape[];
      /** Undeclared keys, written after the declared ones (none: additionalProperties false). */
      readonly extras: readonly ExtraClass[];
      readonly minProperties: number;
      readonly maxProperties: number;
    }
  | { readonly kind: 'free_object'; readonly id: number; readonly key: SchemaNode; readonly value: SchemaNode }
  | {
      readonly kind: 'array';
      readonly id: number;
      /** Schemas of the first items (prefixItems / tuple items). */
      readonly prefix: readonly SchemaNode[];
      /** Schema of the items after the prefix; null when no more are allowed. */
      readonly items: SchemaNode | null;
      readonly minItems: number;
      readonly maxItems: number;
    }
  | {
      readonly kind: 'string';
      readonly id: number;
      readonly minLength: number;
      readonly maxLength: number;
      /** pattern / format automaton with the length bounds; null for any string. */
      readonly language: StringLanguage | null;
      /** The shortest text (a JSON string literal), when known without the automaton (built lazily). */
      readonly shortest?: string;
    }
  | {
      readonly kind: 'number';
      readonly id: number;
      readonly integer: boolean;
      /** Bounds of the integer part (user minimum/maximum, rounded inward); unbounded = ±MAX_SAFE_MAGNITUDE. */
      readonly lo: number;
      readonly hi: number;
      readonly bounded: boolean;
      /** Integer multipleOf (1: none); values are then integers. */
      readonly step: number;
      /**
       * No bound within reach of a 21-digit integer part above (openAbove) or below (openBelow): integer
       * parts past 15 digits on that side need no exact check, so they go on to 21 digits.
       */
      readonly openAbove?: boolean;
      readonly openBelow?: boolean;
    }
  | { readonly kind: 'literal'; readonly id: number; readonly root: LiteralTrieNode }
  | { readonly kind: 'union'; readonly id: number; readonly options: readonly SchemaNode[] }
  /** A recursive reference: the target is set once the referenced schema has compiled. */
  | { readonly kind: 'ref'; readonly id: number; target: SchemaNode | null };

/** Follows `ref` nodes to the schema they stand for. */
export function deref(node: SchemaNode): Exclude<SchemaNode, { kind: 'ref' }> {
  let at: SchemaNode = node;
  while (at.kind === 'ref') {
    if (!at.target) throw new Error('a recursive schema reference was used before it compiled');
    at = at.target;
  }
  return at;
}

export function toBinary(text: string): string {
  // ASCII is its own UTF-8 (the common case: property names, JSON punctuation).
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  if (ascii) return text;
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

export function binaryToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function binaryToText(text: string): string {
  return new TextDecoder().decode(binaryToBytes(text));
}
