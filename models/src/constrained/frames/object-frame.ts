// `{"key":value,...}`: declared keys in schema property order (optional ones may be skipped, required
// ones may not), then undeclared keys of the extra classes (additionalProperties/patternProperties),
// with minProperties/maxProperties counted. At each point the next declared key is one of the properties
// up to the next required one, so the state is an index into the property list (never 2^n subsets).
import type { SchemaNode } from '../schema-ir.ts';
import { minDocOf } from '../shortest-document.ts';
import { clampCount, POP, Push } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type ObjectNode = Extract<SchemaNode, { kind: 'object' }>;

const START = 0;
const AFTER = 1;
const KEY = 2;
const KEY_START = 3;
const COLON = 4;

interface ObjectPlan {
  /** Index of the first required property at or after i (properties.length if none). */
  readonly nextRequired: number[];
  readonly closings: Map<string, string>;
}

const plans = new WeakMap<ObjectNode, ObjectPlan>();

function planOf(node: ObjectNode): ObjectPlan {
  let plan = plans.get(node);
  if (plan) return plan;
  const n = node.properties.length;
  const nextRequired = new Array<number>(n + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) nextRequired[i] = node.properties[i]!.required ? i : nextRequired[i + 1]!;
  plan = { nextRequired, closings: new Map() };
  plans.set(node, plan);
  return plan;
}

/** Shortest closing after property i-1 with `count` properties written (`first`: nothing written yet). */
function afterClosing(node: ObjectNode, index: number, first: boolean, count: number): string {
  const plan = planOf(node);
  const key = `${index},${first ? 1 : 0},${Math.min(count, node.minProperties)}`;
  let text = plan.closings.get(key);
  if (text !== undefined) return text;
  const rest = node.properties.slice(index);
  const required = rest.filter((p) => p.required);
  let deficit = node.minProperties - count - required.length;
  const chosen = new Set(required);
  if (deficit > 0) {
    const optional = rest
      .filter((p) => !p.required)
      .sort((a, b) => a.keyText.length + minDocOf(a.value).length - (b.keyText.length + minDocOf(b.value).length));
    for (const p of optional.slice(0, deficit)) chosen.add(p);
    deficit -= Math.min(deficit, optional.length);
  }
  const parts = rest.filter((p) => chosen.has(p)).map((p) => p.keyText + minDocOf(p.value));
  for (const extra of node.extras) {
    if (deficit <= 0) break;
    parts.push(`${minDocOf(extra.key)}:${minDocOf(extra.value)}`);
    deficit--;
  }
  text = `${parts.map((part, i) => (i === 0 && first ? part : `,${part}`)).join('')}}`;
  plan.closings.set(key, text);
  return text;
}

export class ObjectFrame implements Frame {
  readonly node: ObjectNode;
  readonly phase: number;
  /** Next property that may be written. */
  readonly index: number;
  readonly first: boolean;
  /** KEY: bytes of the key text matched so far, and the first property matching them. COLON: the extra class. */
  readonly matched: number;
  readonly candidate: number;
  /** Properties written so far. */
  readonly count: number;

  constructor(node: ObjectNode, phase = START, index = 0, first = true, matched = 0, candidate = 0, count = 0) {
    this.node = node;
    this.phase = phase;
    this.index = index;
    this.first = first;
    this.matched = matched;
    this.candidate = candidate;
    this.count = count;
  }

  get canEnd(): boolean {
    return false;
  }

  /** Last property index that may come next (the next required one, or the last property). */
  private lastCandidate(): number {
    const n = this.node.properties.length;
    return Math.min(planOf(this.node).nextRequired[this.index]!, n - 1);
  }

  private extrasOpen(): boolean {
    const { node } = this;
    return node.extras.length > 0 && planOf(node).nextRequired[this.index] === node.properties.length;
  }

  step(byte: number): StepResult {
    const { node, index, count } = this;
    const n = node.properties.length;
    switch (this.phase) {
      case START:
        return byte === 0x7b ? new ObjectFrame(node, AFTER, 0, true) : null;
      case KEY:
        return this.keyStep(this.matched, this.candidate, byte);
      case KEY_START:
        return this.keyStart(byte);
      case COLON:
        return byte === 0x3a
          ? new Push(new ObjectFrame(node, AFTER, n, false, 0, 0, count + 1), node.extras[this.candidate]!.value)
          : null;
      default:
        if (byte === 0x7d) return planOf(node).nextRequired[index] === n && count >= node.minProperties ? POP : null;
        if (count >= node.maxProperties || (index >= n && !this.extrasOpen())) return null;
        if (!this.first) return byte === 0x2c ? new ObjectFrame(node, KEY_START, index, false, 0, index, count) : null;
        return this.keyStart(byte);
    }
  }

  private keyStart(byte: number): StepResult {
    const { node, index, count } = this;
    const declared = index < node.properties.length ? this.keyStep(0, index, byte) : null;
    if (byte !== 0x22 || !this.extrasOpen()) return declared;
    const n = node.properties.length;
    const results: StepResult[] = declared ? [declared] : [];
    node.extras.forEach((extra, c) => {
      results.push(new Push(new ObjectFrame(node, COLON, n, false, 0, c, count), extra.key, false));
    });
    return results.length === 1 ? results[0]! : results;
  }

  private keyStep(matched: number, candidate: number, byte: number): StepResult {
    const { node, index, count } = this;
    const properties = node.properties;
    const prefix = properties[candidate]!.keyText.slice(0, matched);
    const last = this.lastCandidate();
    for (let j = candidate; j <= last; j++) {
      const keyText = properties[j]!.keyText;
      if (keyText.charCodeAt(matched) !== byte || !keyText.startsWith(prefix)) continue;
      if (matched + 1 === keyText.length)
        return new Push(new ObjectFrame(node, AFTER, j + 1, false, 0, 0, count + 1), properties[j]!.value);
      return new ObjectFrame(node, KEY, index, false, matched + 1, j, count);
    }
    return null;
  }

  closing(): string {
    const { node, count } = this;
    const n = node.properties.length;
    switch (this.phase) {
      case START:
        return minDocOf(node);
      case AFTER:
        return afterClosing(node, this.index, this.first, count);
      case COLON: {
        const extra = node.extras[this.candidate]!;
        return `:${minDocOf(extra.value)}${afterClosing(node, n, false, count + 1)}`;
      }
      default:
    }
    // KEY_START (nothing of the key written) or KEY (matched bytes of declared keys).
    const properties = node.properties;
    const matched = this.phase === KEY ? this.matched : 0;
    const prefix = this.index < n ? properties[this.candidate]!.keyText.slice(0, matched) : '';
    let best: string | null = null;
    for (let j = this.candidate; this.index < n && j <= this.lastCandidate(); j++) {
      const property = properties[j]!;
      if (!property.keyText.startsWith(prefix)) continue;
      const text =
        property.keyText.slice(matched) + minDocOf(property.value) + afterClosing(node, j + 1, false, count + 1);
      if (best === null || text.length < best.length) best = text;
    }
    if (this.phase === KEY_START && this.extrasOpen()) {
      for (const extra of node.extras) {
        const text = `${minDocOf(extra.key)}:${minDocOf(extra.value)}${afterClosing(node, n, false, count + 1)}`;
        if (best === null || text.length < best.length) best = text;
      }
    }
    return best ?? '';
  }

  key(): string {
    return `o${this.node.id},${this.phase},${this.index},${this.first ? 1 : 0},${this.matched},${this.candidate},${this.count}`;
  }

  /**
   * Inside a key, what may follow depends only on the written prefix and the properties still matching
   * it, not on `index` (which property came before): `,"field_1` after field_3 and after field_9 both
   * leave field_10 to field_19. The exact key gave every index its own mask. `candidate` and `matched`
   * fix the prefix, and the range of candidates too: it ends at the first required property at or after
   * `index`, which for every index up to `candidate` is the first one at or after `candidate`. Counts
   * matter only against minProperties and maxProperties.
   */
  maskKey(clamp: number): string {
    const { node, count } = this;
    const counted = `${Math.min(count, node.minProperties)},${clampCount(node.maxProperties - count, clamp)}`;
    if (this.phase === KEY) return `o${node.id},${KEY},${this.matched},${this.candidate},${counted}`;
    return `o${node.id},${this.phase},${this.index},${this.first ? 1 : 0},${this.candidate},${counted}`;
  }
}
