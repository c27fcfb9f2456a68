import { describe, expect, it } from 'vitest';
import { LogitsArena } from './logits-arena.ts';
import { createPrng } from './prng.ts';
import { maxIndex } from './max-index.ts';
import { argmaxModuleBytes } from './simd-argmax.ts';
import { signedLeb, unsignedLeb } from './wasm-encoding.ts';

/** `values` copied into arena memory at `offset` floats (rows of a batch start at any multiple of 4 bytes). */
function inArena(arena: LogitsArena, values: ArrayLike<number>, offset = 0): Float32Array {
  const region = arena.region(offset + values.length);
  const view = region.subarray(offset, offset + values.length);
  view.set(values);
  return view;
}

describe('SIMD argmax (LogitsArena.maxIndex)', () => {
  const arena = new LogitsArena();
  const simd = (values: ArrayLike<number>, offset = 0): number => arena.maxIndex(inArena(arena, values, offset));

  it('is a valid WebAssembly module', () => {
    expect(WebAssembly.validate(argmaxModuleBytes() as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('returns the first of tied maxima, whichever lane or block they fall in', () => {
    expect(simd([1, 3, 3, 2])).toBe(1);
    // 40 floats: two blocks of 16 then a tail of 8; the maximum recurs in a later lane, block and the tail.
    const row = Array.from({ length: 40 }, () => 0);
    row[37] = 5;
    row[21] = 5;
    row[6] = 5;
    expect(simd(row)).toBe(6);
    row[6] = 0;
    expect(simd(row)).toBe(21);
    row[21] = 0;
    expect(simd(row)).toBe(37);
  });

  it('gives -1 when nothing is above -Infinity, and ignores NaN (as maxIndex does)', () => {
    expect(simd([])).toBe(-1);
    expect(simd([-Infinity, -Infinity, -Infinity, -Infinity, -Infinity])).toBe(-1);
    expect(simd(Array.from({ length: 37 }, () => NaN))).toBe(-1);
    expect(simd([NaN, -Infinity, NaN, -Infinity, NaN])).toBe(-1);
    expect(simd([NaN, 1, NaN, 2, NaN, 2])).toBe(3);
    expect(simd([...Array.from({ length: 32 }, () => NaN), -5, NaN])).toBe(32);
    expect(simd([-Infinity, -1e30, -Infinity])).toBe(1);
    expect(simd([1, Infinity, 2, Infinity])).toBe(1);
    // -0 and +0 compare equal: the first of them wins, as with indexOf.
    expect(simd([-1, -0, 0, -0])).toBe(1);
  });

  it('handles every length modulo 16 and tails holding the only maximum', () => {
    for (let length = 1; length <= 70; length++) {
      for (const at of [0, length - 1, Math.floor(length / 2)]) {
        const row = Array.from({ length }, (_, i) => -i);
        row[at] = 1;
        expect(simd(row), `length ${length}, max at ${at}`).toBe(at);
      }
    }
  });

  it('agrees with maxIndex on random rows with ties, -Infinity and NaN, short and at a 128k vocabulary, at any float offset', () => {
    const prng = createPrng(11);
    const draw = (): number => {
      const x = prng.next();
      if (x < 0.05) return -Infinity;
      if (x < 0.08) return NaN;
      return Math.floor(prng.next() * 6) - 3;
    };
    const lengths = [...Array.from({ length: 60 }, (_, i) => i), 1001, 32_000, 128_255, 128_256, 128_257];
    for (const length of lengths) {
      for (let trial = 0; trial < 3; trial++) {
        const row = Float32Array.from({ length }, draw);
        if (trial === 2) row.fill(-Infinity, 0, Math.floor(length * 0.9));
        expect(simd(row, trial), `length ${length}, trial ${trial}`).toBe(maxIndex(row));
      }
    }
    // Realistic logits: distinct values, one maximum anywhere.
    const logits = Float32Array.from({ length: 128_256 }, () => (prng.next() - 0.5) * 20);
    expect(simd(logits)).toBe(maxIndex(logits));
  });

  it('refuses an array outside its memory, and views from before a growth', () => {
    const own = new LogitsArena();
    expect(() => own.maxIndex(Float32Array.of(1, 2))).toThrow(/arena memory/);
    const small = own.region(4);
    own.region(200_000);
    expect(own.holds(small)).toBe(false);
    expect(() => own.maxIndex(small)).toThrow(/arena memory/);
  });
});

describe('wasm encoding', () => {
  it('writes LEB128 numbers', () => {
    expect(unsignedLeb(0)).toEqual([0]);
    expect(unsignedLeb(624_485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-123_456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
  });
});
