import { describe, expect, it } from 'vitest';
import { LogitsArena } from './logits-arena.ts';
import type { LogitsMask } from './logits-mask.ts';
import { maxIndex } from './max-index.ts';
import { createPrng } from './prng.ts';
import { applyLogitsMask, maskedMaxIndex } from './mask-apply.ts';

describe('maskedMaxIndex', () => {
  it('picks what applying the mask and taking the first largest logit picks, ties and -Infinity included', () => {
    const prng = createPrng(7);
    const size = 300;
    const ids = (n: number, limit = size): number[] => Array.from({ length: n }, () => Math.floor(prng.next() * limit));
    let readOnly = 0;
    const arena = new LogitsArena();
    for (let trial = 0; trial < 400; trial++) {
      // Few distinct values, so ties are frequent; some rows carry -Infinity, some rows are longer than `size`.
      const logits = Float32Array.from({ length: size + (trial % 3) * 5 }, () =>
        prng.next() < 0.1 ? -Infinity : Math.floor(prng.next() * 4),
      );
      const allowed = Int32Array.from(new Set(ids(1 + (trial % 40))));
      const rest = Array.from({ length: size }, (_, id) => id).filter((id) => !allowed.includes(id));
      const masks: LogitsMask[] = [
        { kind: 'only', ids: ids(1 + (trial % 7)) },
        { kind: 'list', list: { allowed, disallowed: null }, size, keep: ids(trial % 3), drop: [] },
        { kind: 'list', list: { allowed, disallowed: null }, size, keep: [], drop: ids(trial % 2) },
        { kind: 'list', list: { allowed, disallowed: Int32Array.from(rest) }, size, keep: ids(1), drop: [] },
        { kind: 'none' },
      ];
      for (const mask of masks) {
        const reference = logits.slice();
        applyLogitsMask(reference, mask);
        const row = logits.slice();
        expect(maskedMaxIndex(row, mask), JSON.stringify(mask.kind)).toBe(maxIndex(reference));
        if (row.every((v, i) => Object.is(v, logits[i]))) readOnly++;
        // The decoder worker's way: the row in WebAssembly memory, scanned by the SIMD argmax.
        const inArena = arena.region(logits.length);
        inArena.set(logits);
        expect(
          maskedMaxIndex(inArena, mask, (r) => arena.maxIndex(r)),
          `${mask.kind} in the arena`,
        ).toBe(maxIndex(reference));
      }
    }
    // The short-list masks were answered without writing the row.
    expect(readOnly).toBeGreaterThanOrEqual(400 * 2);
  });
});
