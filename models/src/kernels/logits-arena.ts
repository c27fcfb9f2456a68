// Logits rows in WebAssembly memory, where the SIMD argmax (simd-argmax.ts) reads them in place.
// The decoder hands `region()` to onnxruntime as a pre-allocated output, so the session writes the
// logits straight here and no copy is needed before the argmax.
import { argmaxModuleBytes } from './simd-argmax.ts';

const PAGE_BYTES = 65_536;

// Compiled once per thread; each arena instantiates it over its own memory.
let compiled: WebAssembly.Module | null = null;

export class LogitsArena {
  private readonly memory: WebAssembly.Memory;
  private readonly maxIndexAt: (byteOffset: number, length: number) => number;
  private view: Float32Array | null = null;

  constructor() {
    compiled ??= new WebAssembly.Module(argmaxModuleBytes() as Uint8Array<ArrayBuffer>);
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(compiled, { env: { memory: this.memory } });
    this.maxIndexAt = instance.exports.max_index as (byteOffset: number, length: number) => number;
  }

  /**
   * `length` floats of arena memory (contents unspecified). Valid until the next call: growing the
   * memory detaches the views handed out before.
   */
  region(length: number): Float32Array {
    const bytes = length * Float32Array.BYTES_PER_ELEMENT;
    if (bytes > this.memory.buffer.byteLength)
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE_BYTES));
    if (this.view?.buffer !== this.memory.buffer || this.view.length !== length)
      this.view = new Float32Array(this.memory.buffer, 0, length);
    return this.view;
  }

  /** Whether `logits` lies in this arena's memory (so `maxIndex` can read it in place). */
  holds(logits: Float32Array): boolean {
    return logits.buffer === this.memory.buffer;
  }

  /**
   * Index of the first largest logit, or -1 when every logit is -Infinity or NaN: exactly `maxIndex`
   * of max-index.ts. `logits` must be a view of this arena's memory (see `holds`).
   */
  maxIndex(logits: Float32Array): number {
    if (!this.holds(logits)) throw new Error('LogitsArena.maxIndex needs a view of the arena memory');
    return this.maxIndexAt(logits.byteOffset, logits.length);
  }
}
