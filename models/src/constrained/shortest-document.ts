// Shortest valid texts: of every schema node (memoised) and of integer completions. They are the
// closings the budget steers to and the base of the "does the shortest document fit" check.
import { MprError } from '../../../lib/errors.ts';
import { MAX_INT_DIGITS } from './schema-ir.ts';
import type { SchemaNode } from './schema-ir.ts';

const memo = new WeakMap<SchemaNode, string>();

/** Shortest document of every node under `root` (so later lookups never build huge texts); returns the root's. */
export function shortestDocument(root: SchemaNode, maxBytes: number): string {
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode): string => {
    if (!seen.has(node)) {
      seen.add(node);
      if (node.kind === 'object') for (const property of node.properties) visit(property.value);
      else if (node.kind === 'array') visit(node.items);
      else if (node.kind === 'free_object') {
        visit(node.key);
        visit(node.value);
      } else if (node.kind === 'union') for (const option of node.options) visit(option);
    }
    const text = minDocOf(node, maxBytes);
    if (text.length > maxBytes) tooLong(maxBytes);
    return text;
  };
  return visit(root);
}

function tooLong(maxBytes: number): never {
  throw new MprError('unsupported_schema', `the shortest valid document is longer than the limit of ${maxBytes} bytes`);
}

export function minDocOf(node: SchemaNode, maxBytes = Infinity): string {
  const cached = memo.get(node);
  if (cached !== undefined) return cached;
  const text = build(node, maxBytes);
  memo.set(node, text);
  return text;
}

function build(node: SchemaNode, maxBytes: number): string {
  switch (node.kind) {
    case 'object': {
      const parts = node.properties.filter((p) => p.required).map((p) => p.keyText + minDocOf(p.value, maxBytes));
      return `{${parts.join(',')}}`;
    }
    case 'free_object':
      return '{}';
    case 'array': {
      if (node.minItems === 0) return '[]';
      const item = minDocOf(node.items, maxBytes);
      if ((item.length + 1) * node.minItems > maxBytes) tooLong(maxBytes);
      return `[${Array.from({ length: node.minItems }, () => item).join(',')}]`;
    }
    case 'string':
      if (node.minLength > maxBytes) tooLong(maxBytes);
      return `"${'a'.repeat(node.minLength)}"`;
    case 'number': {
      const positive = integerCompletion(false, 0, 0, node.lo, node.hi);
      const negative = integerCompletion(true, 0, 0, node.lo, node.hi);
      if (positive !== null && (negative === null || positive.length <= negative.length + 1)) return positive;
      return `-${negative}`;
    }
    case 'literal':
      return node.root.minSuffix;
    case 'union': {
      let best: string | null = null;
      for (const option of node.options) {
        const text = minDocOf(option, maxBytes);
        if (best === null || text.length < best.length) best = text;
      }
      return best ?? '';
    }
  }
}

/**
 * Shortest digits to append to an integer part (sign `negative`, `digits` digits so far, magnitude
 * `magnitude`) so that its value lies in [lo, hi]; null when no completion exists. A leading "0"
 * cannot be extended.
 */
export function integerCompletion(
  negative: boolean,
  magnitude: number,
  digits: number,
  lo: number,
  hi: number,
): string | null {
  if (digits > 0 && magnitude === 0) return inRange(negative ? -0 : 0, lo, hi) ? '' : null;
  for (let extra = digits === 0 ? 1 : 0; extra <= MAX_INT_DIGITS - digits; extra++) {
    const scale = 10 ** extra;
    let from: number;
    let to: number;
    if (digits === 0) {
      from = extra === 1 ? 0 : 10 ** (extra - 1);
      to = scale - 1;
    } else {
      from = magnitude * scale;
      to = from + scale - 1;
    }
    const low = negative ? Math.max(from, -hi) : Math.max(from, lo);
    const high = negative ? Math.min(to, -lo) : Math.min(to, hi);
    if (low <= high) return digits === 0 ? String(low) : String(low).slice(digits);
  }
  return null;
}

function inRange(value: number, lo: number, hi: number): boolean {
  return value >= lo && value <= hi;
}
