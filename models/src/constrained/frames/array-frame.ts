// `[item,item,...]` with minItems/maxItems; items start right after `[` or `,` (no whitespace).
import type { SchemaNode } from '../schema-ir.ts';
import { minDocOf } from '../shortest-document.ts';
import { clampCount, POP, Push } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type ArrayNode = Extract<SchemaNode, { kind: 'array' }>;

const START = 0;
const OPEN = 1;
const AFTER_ITEM = 2;

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
    if (this.phase === OPEN)
      return node.maxItems > 0 ? new Push(new ArrayFrame(node, AFTER_ITEM, 1), node.items, false) : null;
    if (byte === 0x2c && count < node.maxItems)
      return new Push(new ArrayFrame(node, AFTER_ITEM, count + 1), node.items);
    return null;
  }

  closing(): string {
    const { node } = this;
    if (this.phase === START) return minDocOf(node);
    const item = minDocOf(node.items);
    const missing = Math.max(0, node.minItems - this.count);
    if (this.phase === OPEN) return missing === 0 ? ']' : `${item}${`,${item}`.repeat(missing - 1)}]`;
    return `${`,${item}`.repeat(missing)}]`;
  }

  key(): string {
    return `a${this.node.id},${this.phase},${this.count}`;
  }

  maskKey(clamp: number): string {
    const { node, count } = this;
    return `a${node.id},${this.phase},${clampCount(Math.max(0, node.minItems - count), clamp)},${clampCount(node.maxItems - count, clamp)}`;
  }
}
