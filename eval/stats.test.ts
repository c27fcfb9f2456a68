import { describe, expect, it } from 'vitest';
import { mean, percentile, rate, summarizeCpu, summarizeLatency, summarizeTokens } from './stats.ts';

describe('stats', () => {
  it('computes the mean, 0 for no values', () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(mean([])).toBe(0);
  });

  it('uses nearest-rank percentiles, so every percentile is an observed value', () => {
    const values = [15, 20, 35, 40, 50];
    // rank = ceil(p/100 * n): p50 -> ceil(2.5) = 3rd value, p95 -> ceil(4.75) = 5th, p0 -> 1st
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 95)).toBe(50);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 0)).toBe(15);
    expect(percentile([50, 15, 40, 35, 20], 50)).toBe(35);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile([], 95)).toBe(0);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('computes rates as fractions of the items', () => {
    expect(rate([1, 2, 3, 4], (n) => n % 2 === 0)).toBe(0.5);
    expect(rate([], () => true)).toBe(0);
  });

  it('summarizes latency and tokens', () => {
    expect(summarizeLatency([10, 20, 30, 40])).toEqual({ latencyMeanMs: 25, latencyP50Ms: 20, latencyP95Ms: 40 });
    // CPU time only when every answer has one (an in-process engine); a remote system's is unknown.
    expect(summarizeCpu([1, 3])).toEqual({ cpuMeanMs: 2, cpuP95Ms: 3 });
    expect(summarizeCpu([1, undefined])).toEqual({});
    expect(summarizeCpu([])).toEqual({});
    expect(
      summarizeTokens([
        { inputTokens: 10, outputTokens: 4 },
        { inputTokens: 20, outputTokens: 6 },
      ]),
    ).toEqual({
      inputTokensTotal: 30,
      outputTokensTotal: 10,
      inputTokensMean: 15,
      outputTokensMean: 5,
    });
  });
});
