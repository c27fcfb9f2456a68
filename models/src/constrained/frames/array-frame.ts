// `[item,item,...]` with minItems/maxItems; the first items may each have their own schema (prefixItems),
// the rest share `items`. Items start right after `[` or `,` (no whitespace).
import type { SchemaNode } from '../schema-ir.ts';
import { minDocOf } from '../shortest-document.ts';
import { clampCount, POP, Push } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type ArrayNode = Extract<SchemaNode, { kind: 'array' }>;

const START = 0;
const OPEN = 1;
const AFTER_ITEM = 2;

function itemAt(node: ArrayNode, index: number): SchemaNode | null {
  return index < node.prefix.length ? node.prefix[index]! : node.items;
}

export class ArrayFrame implements Frame {
  readonly node: ArrayNode;
  readonly phase: number;
  readonly count: number;

  constructor(node: ArrayNode, phase = START, count = 0) {
    this.node = node;
    this.phase = phase;
    this.count = count;
  }

  get canEnd(): boolean {
    return false;
  }

  step(byte: number): StepResult {
    const { node, count } = this;
    if (this.phase === START) return byte === 0x5b ? new ArrayFrame(node, OPEN) : null;
    if (byte === 0x5d) return count >= node.minItems ? POP : null;
    const item = count < node.maxItems ? itemAt(node, count) : null;
    if (!item) return null;
    if (this.phase === OPEN) return new Push(new ArrayFrame(node, AFTER_ITEM, 1), item, false);
    if (byte === 0x2c) return new Push(new ArrayFrame(node, AFTER_ITEM, count + 1), item);
    return null;
  }

  closing(): string {
    const { node } = this;
    if (this.phase === START) return minDocOf(node);
    let text = '';
    for (let i = this.count; i < node.minItems; i++) {
      const item = minDocOf(itemAt(node, i)!);
      text += i === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }

  key(): string {
    return `a${this.node.id},${this.phase},${this.count}`;
  }

  maskKey(clamp: number): string {
    const { node, count } = this;
    // Inside the prefix every position has its own schema; past it, only the counts left matter.
    const position = count < node.prefix.length ? `p${count}` : '';
    return `a${node.id},${this.phase},${position},${clampCount(Math.max(0, node.minItems - count), clamp)},${clampCount(node.maxItems - count, clamp)}`;
  }
}
