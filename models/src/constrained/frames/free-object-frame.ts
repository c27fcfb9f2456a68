// A free-form object (`{"type":"object"}` without properties): any keys (at most 64 characters),
// values of the node's any-JSON shape.
import type { SchemaNode } from '../schema-ir.ts';
import { minDocOf } from '../shortest-document.ts';
import { POP, Push } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type FreeObjectNode = Extract<SchemaNode, { kind: 'free_object' }>;

const START = 0;
const OPEN = 1;
const AFTER_KEY = 2;
const AFTER_VALUE = 3;
const NEED_KEY = 4;

export class FreeObjectFrame implements Frame {
  readonly node: FreeObjectNode;
  readonly phase: number;

  constructor(node: FreeObjectNode, phase = START) {
    this.node = node;
    this.phase = phase;
  }

  get canEnd(): boolean {
    return false;
  }

  step(byte: number): StepResult {
    const { node } = this;
    switch (this.phase) {
      case START:
        return byte === 0x7b ? new FreeObjectFrame(node, OPEN) : null;
      case OPEN:
        if (byte === 0x7d) return POP;
        return byte === 0x22 ? new Push(new FreeObjectFrame(node, AFTER_KEY), node.key, false) : null;
      case NEED_KEY:
        return byte === 0x22 ? new Push(new FreeObjectFrame(node, AFTER_KEY), node.key, false) : null;
      case AFTER_KEY:
        return byte === 0x3a ? new Push(new FreeObjectFrame(node, AFTER_VALUE), node.value) : null;
      default:
        if (byte === 0x7d) return POP;
        return byte === 0x2c ? new FreeObjectFrame(node, NEED_KEY) : null;
    }
  }

  closing(): string {
    switch (this.phase) {
      case START:
        return '{}';
      case AFTER_KEY:
        return `:${minDocOf(this.node.value)}}`;
      case NEED_KEY:
        return `${minDocOf(this.node.key)}:${minDocOf(this.node.value)}}`;
      default:
        return '}';
    }
  }

  key(): string {
    return `f${this.node.id},${this.phase}`;
  }

  maskKey(): string {
    return this.key();
  }
}
