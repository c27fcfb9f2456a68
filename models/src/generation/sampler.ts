// Picks the next token from processed logits: argmax when greedy, otherwise a seeded draw from the
// softmax. Tokens more than 30 nats below the best carry < 1e-13 of the mass each and are skipped,
// which keeps a 128k-vocabulary draw to one pass with few exp() calls.
import { MprError } from '../../../lib/errors.ts';
import { maxIndex } from '../kernels/max-index.ts';
import { createPrng, type Prng } from '../kernels/prng.ts';

export const NEGLIGIBLE_NATS = 30;

export interface Sampler {
  sample(logits: Float32Array): number;
}

/** Index of the first largest logit. */
export function argmax(logits: Float32Array): number {
  const index = maxIndex(logits);
  if (index < 0) throw new MprError('model_error', 'no token is allowed by the logits');
  return index;
}

export const greedySampler: Sampler = { sample: argmax };

export function createSeededSampler(seed: number): Sampler {
  const prng: Prng = createPrng(seed);
  return {
    sample(logits) {
      const max = logits[argmax(logits)] as number;
      const floor = max - NEGLIGIBLE_NATS;
      let total = 0;
      for (let i = 0; i < logits.length; i++) {
        const v = logits[i] as number;
        if (v > floor) total += Math.exp(v - max);
      }
      let r = prng.next() * total;
      let last = 0;
      for (let i = 0; i < logits.length; i++) {
        const v = logits[i] as number;
        if (v <= floor) continue;
        last = i;
        r -= Math.exp(v - max);
        if (r < 0) return i;
      }
      return last;
    },
  };
}
