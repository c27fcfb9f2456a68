// enum / const / boolean / null: a fixed set of JSON texts, matched byte by byte through a trie.
import { MprError } from '../../../lib/errors.ts';
import { toBinary } from './schema-ir.ts';
import type { LiteralTrieNode } from './schema-ir.ts';

const CONSTANT_VALUES = { boolean: [true, false], null: [null], scalar: [true, false, null] } as const;
const constantTries = new Map<keyof typeof CONSTANT_VALUES, LiteralTrieNode>();

/** The byte trie of true/false, null, or all three: never modified, so every schema shares one of each. */
export function constantTrie(which: keyof typeof CONSTANT_VALUES): LiteralTrieNode {
  let trie = constantTries.get(which);
  if (!trie) {
    trie = buildLiteralTrie(CONSTANT_VALUES[which]);
    constantTries.set(which, trie);
  }
  return trie;
}

/** Builds the byte trie of the canonical (whitespace-free) JSON texts of `values`. */
export function buildLiteralTrie(values: readonly unknown[]): LiteralTrieNode {
  let nextIndex = 0;
  const node = (): LiteralTrieNode => ({ index: nextIndex++, children: new Map(), terminal: false, minSuffix: '' });
  const root = node();
  for (const value of values) {
    const text = toBinary(JSON.stringify(value));
    let at = root;
    for (let i = 0; i < text.length; i++) {
      const byte = text.charCodeAt(i);
      let child = at.children.get(byte);
      if (!child) {
        child = node();
        at.children.set(byte, child);
      }
      at = child;
    }
    at.terminal = true;
  }
  fillMinSuffix(root);
  return root;
}

function fillMinSuffix(node: LiteralTrieNode): number {
  if (node.terminal) {
    node.minSuffix = '';
    for (const child of node.children.values()) fillMinSuffix(child);
    return 0;
  }
  let best = Infinity;
  for (const [byte, child] of node.children) {
    const length = fillMinSuffix(child) + 1;
    if (length < best) {
      best = length;
      node.minSuffix = String.fromCharCode(byte) + child.minSuffix;
    }
  }
  return best;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Keeps the enum values that also satisfy the sibling keywords the subset knows about (type, string
 * lengths, numeric bounds). Structural siblings (properties, items) are not re-checked on literals.
 */
export function filterLiterals(
  values: readonly unknown[],
  schema: Record<string, unknown>,
  types: readonly string[] | null,
): unknown[] {
  const kept: unknown[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new MprError('unsupported_schema', 'enum/const values must be JSON values');
    }
    const type = jsonType(value);
    if (types && !types.includes(type) && !(type === 'integer' && types.includes('number'))) continue;
    if (typeof value === 'string') {
      const length = [...value].length;
      if (typeof schema.maxLength === 'number' && length > schema.maxLength) continue;
      if (typeof schema.minLength === 'number' && length < schema.minLength) continue;
    }
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum) continue;
      if (typeof schema.maximum === 'number' && value > schema.maximum) continue;
    }
    const text = JSON.stringify(value);
    if (seen.has(text)) continue;
    seen.add(text);
    kept.push(value);
  }
  return kept;
}
