// Temperature, top-k and top-p as LogitsProcessors (in place, no per-token vocabulary-sized allocations).
import { MprError } from '../../../lib/errors.ts';
import { NEGLIGIBLE_NATS } from './sampler.ts';
import type { LogitsProcessor, SamplingOptions } from './types.ts';

export class TemperatureProcessor implements LogitsProcessor {
  private readonly inverse: number;
  constructor(temperature: number) {
    this.inverse = 1 / temperature;
  }
  process(logits: Float32Array): void {
    if (this.inverse === 1) return;
    for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) * this.inverse;
  }
}

/** Keeps the k highest logits (ties at the threshold stay). */
export class TopKProcessor implements LogitsProcessor {
  private readonly k: number;
  private heap: Float32Array;
  constructor(k: number) {
    this.k = k;
    this.heap = new Float32Array(k);
  }
  process(logits: Float32Array): void {
    const k = this.k;
    if (k >= logits.length) return;
    // A size-k min-heap of the best values seen: O(V log k), cheap for small k.
    const heap = this.heap;
    heap.fill(-Infinity);
    for (let i = 0; i < logits.length; i++) {
      const v = logits[i] as number;
      if (v <= (heap[0] as number)) continue;
      heap[0] = v;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let smallest = at;
        if (l < k && (heap[l] as number) < (heap[smallest] as number)) smallest = l;
        if (r < k && (heap[r] as number) < (heap[smallest] as number)) smallest = r;
        if (smallest === at) break;
        const tmp = heap[at] as number;
        heap[at] = heap[smallest] as number;
        heap[smallest] = tmp;
        at = smallest;
      }
    }
    const threshold = heap[0] as number;
    for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < threshold) logits[i] = -Infinity;
  }
}

/** Keeps the smallest set of tokens whose probability mass reaches p (nucleus sampling). */
export class TopPProcessor implements LogitsProcessor {
  private readonly p: number;
  private candidates: Int32Array = new Int32Array(0);
  constructor(p: number) {
    this.p = p;
  }
  process(logits: Float32Array): void {
    if (this.p >= 1) return;
    if (this.candidates.length < logits.length) this.candidates = new Int32Array(logits.length);
    let max = -Infinity;
    for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
    const floor = max - NEGLIGIBLE_NATS;
    let count = 0;
    let total = 0;
    for (let i = 0; i < logits.length; i++) {
      const v = logits[i] as number;
      if (v > floor) {
        this.candidates[count++] = i;
        total += Math.exp(v - max);
      }
    }
    const sorted = this.candidates.subarray(0, count).sort((a, b) => (logits[b] as number) - (logits[a] as number));
    let mass = 0;
    let threshold = max;
    for (const id of sorted) {
      threshold = logits[id] as number;
      mass += Math.exp(threshold - max) / total;
      if (mass >= this.p) break;
    }
    for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < threshold) logits[i] = -Infinity;
  }
}

/** The processors a sampling request implies, in order; empty for greedy decoding. */
export function samplingProcessors(options: SamplingOptions): LogitsProcessor[] {
  const temperature = options.temperature ?? 0;
  if (!(temperature >= 0)) throw new MprError('invalid_argument', 'temperature must be >= 0');
  if (temperature === 0) return [];
  const processors: LogitsProcessor[] = [new TemperatureProcessor(temperature)];
  if (options.topK !== undefined && options.topK > 0) {
    if (!Number.isInteger(options.topK)) throw new MprError('invalid_argument', 'topK must be an integer');
    processors.push(new TopKProcessor(options.topK));
  }
  if (options.topP !== undefined) {
    if (!(options.topP > 0 && options.topP <= 1)) throw new MprError('invalid_argument', 'topP must be in (0, 1]');
    processors.push(new TopPProcessor(options.topP));
  }
  return processors;
}
