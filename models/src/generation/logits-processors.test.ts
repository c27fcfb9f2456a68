import { describe, expect, it } from 'vitest';
import { samplingProcessors, TemperatureProcessor, TopKProcessor, TopPProcessor } from './logits-processors.ts';
import { argmax, createSeededSampler } from './sampler.ts';
import { StopStringMatcher } from './stop-strings.ts';

const finite = (logits: Float32Array): number[] => [...logits.keys()].filter((i) => Number.isFinite(logits[i]));

describe('logits processors', () => {
  it('temperature divides the logits', () => {
    const logits = Float32Array.of(1, -2, 4);
    new TemperatureProcessor(2).process(logits);
    expect([...logits]).toEqual([0.5, -1, 2]);
  });

  it('top-k keeps the k best', () => {
    const logits = Float32Array.of(0.1, 5, -3, 2, 4, 1);
    new TopKProcessor(3).process(logits);
    expect(finite(logits)).toEqual([1, 3, 4]);
  });

  it('top-p keeps the smallest set reaching the mass', () => {
    // probabilities ~ 0.64, 0.24, 0.09, 0.03
    const logits = Float32Array.of(Math.log(0.64), Math.log(0.03), Math.log(0.24), Math.log(0.09));
    new TopPProcessor(0.8).process(logits);
    expect(finite(logits)).toEqual([0, 2]);
    const all = Float32Array.of(1, 2, 3);
    new TopPProcessor(1).process(all);
    expect(finite(all)).toEqual([0, 1, 2]);
  });

  it('greedy needs no processors; sampling validates its options', () => {
    expect(samplingProcessors({})).toEqual([]);
    expect(samplingProcessors({ temperature: 0.7, topK: 5, topP: 0.9 })).toHaveLength(3);
    expect(() => samplingProcessors({ temperature: -1 })).toThrow(/temperature/);
  });
});

describe('samplers', () => {
  it('argmax takes the first best and refuses an all-masked row', () => {
    expect(argmax(Float32Array.of(1, 3, 3, 2))).toBe(1);
    expect(() => argmax(Float32Array.of(-Infinity, -Infinity))).toThrow(/no token/);
  });

  it('a seeded draw is reproducible and follows the distribution', () => {
    const logits = Float32Array.of(Math.log(0.7), Math.log(0.2), Math.log(0.1), -Infinity);
    const draw = (seed: number): number[] => {
      const sampler = createSeededSampler(seed);
      return Array.from({ length: 2000 }, () => sampler.sample(logits));
    };
    const a = draw(9);
    expect(draw(9)).toEqual(a);
    const share = a.filter((t) => t === 0).length / a.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.75);
    expect(a).not.toContain(3);
  });
});

describe('StopStringMatcher', () => {
  it('finds stop strings across token boundaries and holds back possible prefixes', () => {
    const matcher = new StopStringMatcher(['</end>', '\n\n']);
    expect(matcher.scan('hello </e', 6)).toEqual({ stopIndex: null, safeEnd: 6 });
    expect(matcher.scan('hello </end> more', 9)).toEqual({ stopIndex: 6, safeEnd: 6 });
    expect(matcher.scan('a\n', 1)).toEqual({ stopIndex: null, safeEnd: 1 });
    expect(matcher.scan('a\n\nb', 2)).toEqual({ stopIndex: 1, safeEnd: 1 });
    expect(new StopStringMatcher([]).active).toBe(false);
  });
});
