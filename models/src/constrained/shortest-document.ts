// Shortest valid texts of every node of a compiled (possibly recursive) schema graph, found as a
// fixpoint: a recursive node gets the text of its shortest finite unfolding, and a node with none (a
// required property that always recurses) has no document. Parts without a document are then pruned,
// so no state the automaton reaches is a dead end. They are the closings the budget steers to.
import { MprError } from '../../../lib/errors.ts';
import { SchemaRefusal } from './schema-refusal.ts';
import { jsonCharText } from './regex/string-language.ts';
import { deref, MAX_INT_DIGITS, toBinary } from './schema-ir.ts';
import type { SchemaNode } from './schema-ir.ts';

const memo = new WeakMap<SchemaNode, string>();

function children(node: SchemaNode): SchemaNode[] {
  switch (node.kind) {
    case 'object':
      return [...node.properties.map((p) => p.value), ...node.extras.flatMap((e) => [e.key, e.value])];
    case 'free_object':
      return [node.key, node.value];
    case 'array':
      return node.items ? [...node.prefix, node.items] : [...node.prefix];
    case 'union':
      return [...node.options];
    case 'ref':
      return node.target ? [node.target] : [];
    default:
      return [];
  }
}

/**
 * Computes (and memoises) the shortest document of every node under `root`, prunes the parts that
 * have none, and returns the root's; null when the root itself has none.
 */
export function shortestDocument(root: SchemaNode, maxBytes: number): string | null {
  const nodes: SchemaNode[] = [];
  const seen = new Set<SchemaNode>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node) || memo.has(node)) continue;
    seen.add(node);
    nodes.push(node);
    stack.push(...children(node));
  }
  // Lengths first (a fixpoint over numbers: recursive nodes settle on their shortest finite unfolding),
  // then each text once, following the choices those lengths make.
  const lengths = new Map<SchemaNode, number>();
  const lengthOf = (node: SchemaNode): number => {
    const known = memo.get(node);
    return known !== undefined ? known.length : (lengths.get(node) ?? Infinity);
  };
  for (let changed = true, rounds = 0; changed && rounds <= nodes.length + 2; rounds++) {
    changed = false;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      const length = measure(node, lengthOf);
      if (length < lengthOf(node)) {
        lengths.set(node, length);
        changed = true;
      }
    }
  }
  const text = (node: SchemaNode): string | undefined => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (!Number.isFinite(lengthOf(node))) return undefined;
    const built = build(
      node,
      (child) => (Number.isFinite(lengthOf(child)) ? text(child) : undefined),
      maxBytes,
      lengthOf,
    );
    if (built !== undefined) memo.set(node, built);
    return built;
  };
  for (const node of nodes) text(node);
  for (const node of nodes) prune(node);
  return memo.get(root) ?? null;
}

/** Length of a node's shortest text given its children's (Infinity: none yet). */
function measure(node: SchemaNode, lengthOf: (node: SchemaNode) => number): number {
  switch (node.kind) {
    case 'object': {
      let total = 2;
      let count = 0;
      for (const p of node.properties) {
        if (!p.required) continue;
        total += p.keyText.length + lengthOf(p.value) + (count > 0 ? 1 : 0);
        count++;
      }
      let missing = node.minProperties - count;
      if (missing > 0) {
        const optional = node.properties
          .filter((p) => !p.required)
          .map((p) => p.keyText.length + lengthOf(p.value))
          .concat(node.extras.map((e) => lengthOf(e.key) + 1 + lengthOf(e.value)))
          .filter(Number.isFinite)
          .sort((a, b) => a - b);
        if (optional.length < missing) return Infinity;
        for (const length of optional.slice(0, missing)) total += length + 1;
        missing = 0;
      }
      return total;
    }
    case 'array': {
      let total = 2;
      for (let i = 0; i < node.minItems; i++) {
        const item = i < node.prefix.length ? node.prefix[i]! : node.items;
        total += (item ? lengthOf(item) : Infinity) + (i > 0 ? 1 : 0);
        if (!Number.isFinite(total)) return Infinity;
      }
      return total;
    }
    case 'union':
      return Math.min(Infinity, ...node.options.map(lengthOf));
    case 'ref':
      return node.target ? lengthOf(node.target) : Infinity;
    default: {
      const text = build(
        node,
        () => undefined,
        Infinity,
        () => Infinity,
      );
      return text === undefined ? Infinity : text.length;
    }
  }
}

function tooLong(maxBytes: number): never {
  throw new SchemaRefusal(
    '#',
    'minItems',
    `needs a shortest valid document longer than the limit of ${maxBytes} bytes`,
  );
}

/** Drops the parts of a node that have no document (they could only lead to dead ends). */
function prune(node: SchemaNode): void {
  const ok = (child: SchemaNode): boolean => memo.has(child);
  switch (node.kind) {
    case 'object':
      (node as { properties: unknown }).properties = node.properties.filter((p) => ok(p.value));
      (node as { extras: unknown }).extras = node.extras.filter((e) => ok(e.key) && ok(e.value));
      break;
    case 'union':
      (node as { options: unknown }).options = node.options.filter(ok);
      break;
    case 'array': {
      const usable = node.prefix.findIndex((p) => !ok(p));
      if (usable >= 0) {
        (node as { prefix: unknown }).prefix = node.prefix.slice(0, usable);
        (node as { items: unknown }).items = null;
      } else if (node.items && !ok(node.items)) (node as { items: unknown }).items = null;
      const cap = node.items ? Infinity : node.prefix.length;
      if (node.maxItems > cap) (node as { maxItems: number }).maxItems = cap;
      break;
    }
    default:
  }
}

export function minDocOf(node: SchemaNode): string {
  const cached = memo.get(node);
  if (cached !== undefined) return cached;
  const text = shortestDocument(node, Infinity);
  if (text === null || text === undefined)
    throw new MprError('internal', 'a schema node without a document was reached');
  return text;
}

function build(
  node: SchemaNode,
  lookup: (node: SchemaNode) => string | undefined,
  maxBytes: number,
  lengthOf: (node: SchemaNode) => number,
): string | undefined {
  switch (node.kind) {
    case 'object': {
      const parts: string[] = [];
      for (const p of node.properties) {
        if (!p.required) continue;
        const value = lookup(p.value);
        if (value === undefined) return undefined;
        parts.push(p.keyText + value);
      }
      // minProperties beyond the required ones: the cheapest optional properties, then extra keys.
      let missing = node.minProperties - parts.length;
      if (missing > 0) {
        const optional = node.properties
          .filter((p) => !p.required && Number.isFinite(lengthOf(p.value)))
          .sort((a, b) => a.keyText.length + lengthOf(a.value) - (b.keyText.length + lengthOf(b.value)))
          .map((p) => p.keyText + lookup(p.value)!);
        const added = optional.slice(0, missing);
        parts.push(...added);
        missing -= added.length;
        // Then one undeclared key per extra class (their keys differ: the classes are disjoint).
        for (const extra of node.extras) {
          if (missing <= 0) break;
          if (!Number.isFinite(lengthOf(extra.key) + lengthOf(extra.value))) continue;
          const key = lookup(extra.key);
          const value = lookup(extra.value);
          if (key === undefined || value === undefined) continue;
          parts.push(`${key}:${value}`);
          missing--;
        }
        if (missing > 0) return undefined;
      }
      const text = `{${parts.join(',')}}`;
      if (text.length > maxBytes) tooLong(maxBytes);
      return text;
    }
    case 'free_object':
      return '{}';
    case 'array': {
      const parts: string[] = [];
      for (let i = 0; i < node.minItems; i++) {
        const item = i < node.prefix.length ? node.prefix[i]! : node.items;
        const text = item ? lookup(item) : undefined;
        if (text === undefined) return undefined;
        parts.push(text);
        if (parts.length * (text.length + 1) > maxBytes) tooLong(maxBytes);
      }
      return `[${parts.join(',')}]`;
    }
    case 'string': {
      if (node.minLength > maxBytes) tooLong(maxBytes);
      if (node.shortest !== undefined) return toBinary(node.shortest);
      if (!node.language) return `"${'a'.repeat(node.minLength)}"`;
      const chars = node.language.completion(node.language.dfa.start, 0);
      return chars ? `"${chars.map(jsonCharText).join('')}"` : undefined;
    }
    case 'number': {
      const positive = integerCompletion(false, 0, 0, node.lo, node.hi, node.step);
      const negative = integerCompletion(true, 0, 0, node.lo, node.hi, node.step);
      if (positive === null && negative === null) return undefined;
      if (positive !== null && (negative === null || positive.length <= negative.length + 1)) return positive;
      return `-${negative}`;
    }
    case 'literal':
      return node.root.minSuffix;
    case 'union': {
      let best: SchemaNode | undefined;
      for (const option of node.options) if (best === undefined || lengthOf(option) < lengthOf(best)) best = option;
      return best ? lookup(best) : undefined;
    }
    case 'ref':
      return node.target ? lookup(deref(node)) : undefined;
  }
}

/**
 * Shortest digits to append to an integer part (sign `negative`, `digits` digits so far, magnitude
 * `magnitude`) so that its value lies in [lo, hi] and is a multiple of `step`; null when no completion
 * exists. A leading "0" cannot be extended.
 */
export function integerCompletion(
  negative: boolean,
  magnitude: number,
  digits: number,
  lo: number,
  hi: number,
  step = 1,
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
    let low = negative ? Math.max(from, -hi) : Math.max(from, lo);
    const high = negative ? Math.min(to, -lo) : Math.min(to, hi);
    if (step > 1) low = Math.ceil(low / step) * step;
    if (low <= high) {
      return digits === 0 ? String(low) : String(low).slice(digits);
    }
  }
  return null;
}

function inRange(value: number, lo: number, hi: number): boolean {
  return value >= lo && value <= hi;
}
