// A small seeded PRNG (mulberry32): tiny models are a pure function of their seed, and sampling with a seed is reproducible.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [-scale, scale). */
  symmetric(scale: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    symmetric: (scale) => (next() * 2 - 1) * scale,
    int: (n) => Math.floor(next() * n),
  };
}
