// Summary statistics used by every report. Percentiles use the nearest-rank method (the smallest
// observed value with at least p% of the observations at or below it), so a reported p95 is always a
// latency some request really had.

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Fraction (0..1) of items for which `predicate` holds; 0 for an empty list. */
export function rate<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  if (items.length === 0) return 0;
  let hits = 0;
  for (const item of items) if (predicate(item)) hits += 1;
  return hits / items.length;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export interface LatencySummary {
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export function summarizeLatency(latenciesMs: readonly number[]): LatencySummary {
  return {
    latencyMeanMs: mean(latenciesMs),
    latencyP50Ms: percentile(latenciesMs, 50),
    latencyP95Ms: percentile(latenciesMs, 95),
  };
}

/**
 * CPU time per answer of an in-process engine (the process's, so it does not grow when other work shares
 * the cores); nothing when some answer has none (a remote system, a failed request).
 */
export function summarizeCpu(cpuMs: ReadonlyArray<number | undefined>): { cpuMeanMs?: number; cpuP95Ms?: number } {
  const times = cpuMs.filter((value): value is number => value !== undefined);
  if (times.length === 0 || times.length < cpuMs.length) return {};
  return { cpuMeanMs: mean(times), cpuP95Ms: percentile(times, 95) };
}

export interface TokenSummary {
  inputTokensTotal: number;
  outputTokensTotal: number;
  inputTokensMean: number;
  outputTokensMean: number;
}

export function summarizeTokens(usages: readonly { inputTokens: number; outputTokens: number }[]): TokenSummary {
  const inputs = usages.map((usage) => usage.inputTokens);
  const outputs = usages.map((usage) => usage.outputTokens);
  return {
    inputTokensTotal: sum(inputs),
    outputTokensTotal: sum(outputs),
    inputTokensMean: mean(inputs),
    outputTokensMean: mean(outputs),
  };
}
