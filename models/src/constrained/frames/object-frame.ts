// `{"key":value,...}` with keys in schema property order. Optional properties may be skipped, required
// ones may not; at each point the next key is one of the properties up to the next required one, so
// the state is an index into the property list (linear in the property count, never 2^n subsets).
import type { SchemaNode } from '../schema-ir.ts';
import { minDocOf } from '../shortest-document.ts';
import { POP, Push } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type ObjectNode = Extract<SchemaNode, { kind: 'object' }>;

const START = 0;
const AFTER = 1;
const KEY = 2;

interface ObjectPlan {
  /** Index of the first required property at or after i (properties.length if none). */
  readonly nextRequired: number[];
  /** Shortest closing from "after property i-1" when something was already written / nothing was. */
  readonly tailAfter: string[];
  readonly tailFirst: string[];
}

const plans = new WeakMap<ObjectNode, ObjectPlan>();

function planOf(node: ObjectNode): ObjectPlan {
  let plan = plans.get(node);
  if (plan) return plan;
  const n = node.properties.length;
  const nextRequired = new Array<number>(n + 1).fill(n);
  const tailAfter = new Array<string>(n + 1).fill('}');
  const tailFirst = new Array<string>(n + 1).fill('}');
  for (let i = n - 1; i >= 0; i--) {
    const property = node.properties[i]!;
    nextRequired[i] = property.required ? i : nextRequired[i + 1]!;
    if (property.required) {
      const part = property.keyText + minDocOf(property.value);
      tailAfter[i] = `,${part}${tailAfter[i + 1]}`;
      tailFirst[i] = `${part}${tailAfter[i + 1]}`;
    } else {
      tailAfter[i] = tailAfter[i + 1]!;
      tailFirst[i] = tailFirst[i + 1]!;
    }
  }
  plan = { nextRequired, tailAfter, tailFirst };
  plans.set(node, plan);
  return plan;
}

export class ObjectFrame implements Frame {
  readonly node: ObjectNode;
  readonly phase: number;
  /** Next property that may be written. */
  readonly index: number;
  readonly first: boolean;
  /** KEY: bytes of the key text matched so far, and the first property matching them. */
  readonly matched: number;
  readonly candidate: number;

  constructor(node: ObjectNode, phase = START, index = 0, first = true, matched = 0, candidate = 0) {
    this.node = node;
    this.phase = phase;
    this.index = index;
    this.first = first;
    this.matched = matched;
    this.candidate = candidate;
  }

  get canEnd(): boolean {
    return false;
  }

  /** Last property index that may come next (the next required one, or the last property). */
  private lastCandidate(): number {
    const n = this.node.properties.length;
    return Math.min(planOf(this.node).nextRequired[this.index]!, n - 1);
  }

  step(byte: number): StepResult {
    const { node, index } = this;
    const n = node.properties.length;
    if (this.phase === START) return byte === 0x7b ? new ObjectFrame(node, AFTER, 0, true) : null;
    if (this.phase === KEY) return this.keyStep(this.matched, this.candidate, byte);
    if (byte === 0x7d) return planOf(node).nextRequired[index] === n ? POP : null;
    if (index >= n) return null;
    if (!this.first) return byte === 0x2c ? new ObjectFrame(node, KEY, index, false, 0, index) : null;
    return this.keyStep(0, index, byte);
  }

  private keyStep(matched: number, candidate: number, byte: number): StepResult {
    const { node, index } = this;
    const properties = node.properties;
    const prefix = properties[candidate]!.keyText.slice(0, matched);
    const last = this.lastCandidate();
    for (let j = candidate; j <= last; j++) {
      const keyText = properties[j]!.keyText;
      if (keyText.charCodeAt(matched) !== byte || !keyText.startsWith(prefix)) continue;
      if (matched + 1 === keyText.length)
        return new Push(new ObjectFrame(node, AFTER, j + 1, false), properties[j]!.value);
      return new ObjectFrame(node, KEY, index, false, matched + 1, j);
    }
    return null;
  }

  closing(): string {
    const plan = planOf(this.node);
    if (this.phase === START) return minDocOf(this.node);
    if (this.phase === AFTER) return (this.first ? plan.tailFirst : plan.tailAfter)[this.index]!;
    const properties = this.node.properties;
    const prefix = properties[this.candidate]!.keyText.slice(0, this.matched);
    let best: string | null = null;
    for (let j = this.candidate; j <= this.lastCandidate(); j++) {
      const property = properties[j]!;
      if (!property.keyText.startsWith(prefix)) continue;
      const text = property.keyText.slice(this.matched) + minDocOf(property.value) + plan.tailAfter[j + 1]!;
      if (best === null || text.length < best.length) best = text;
    }
    return best ?? '';
  }

  key(): string {
    return `o${this.node.id},${this.phase},${this.index},${this.first ? 1 : 0},${this.matched},${this.candidate}`;
  }

  /**
   * Inside a key, what may follow depends only on the written prefix and the properties still matching
   * it, not on `index` (which property came before): `,"field_1` after field_3 and after field_9 both
   * leave field_10 to field_19. The exact key gave every index its own mask (most of the 20-optional
   * schema's cache misses). `candidate` and `matched` fix the prefix, and the range of candidates too:
   * it ends at the first required property at or after `index`, which for every index up to
   * `candidate` is the first one at or after `candidate`.
   */
  maskKey(): string {
    return this.phase === KEY ? `o${this.node.id},${KEY},${this.matched},${this.candidate}` : this.key();
  }
}
