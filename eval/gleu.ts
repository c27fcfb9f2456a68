// GLEU for grammatical error correction (Napoles et al. 2015, multi-reference update of 2016), as the
// JFLEG scorer (keisks/jfleg eval/gleu.py) computes it: for each of 500 iterations, every sentence is
// paired with one reference drawn by Python 2's `random` seeded with iteration*101; n-gram statistics
// are summed over the corpus and turned into one corpus GLEU; the result is the mean over iterations.
// Reproducing the Python 2 draw (int(random()*k)) matters: it is what the published figures used.
import { MprError } from '../lib/errors.ts';
import { PythonRandom } from './python-random.ts';

export interface GleuInput {
  sources: string[];
  hypotheses: string[];
  /** references[r][i] is reference r of sentence i. */
  references: string[][];
}

export interface GleuOptions {
  /** Reference-sampling iterations (JFLEG default 500; with one reference one is enough). */
  iterations?: number;
  /**
   * How the per-sentence reference is drawn. 'python2' (default) is the scorer the JFLEG paper ran and
   * gives 38.21 / 43.44 for copy / spellchecker on dev; 'python3' is the later port (38.20 / 43.43).
   */
  sampler?: 'python2' | 'python3';
}

export interface GleuReport {
  /** GLEU x 100, mean over iterations. */
  score: number;
  /** Standard deviation of the per-iteration scores, x 100. */
  std: number;
  iterations: number;
}

const ORDER = 4;
const DEFAULT_ITERATIONS = 500;
/** Python 2 str.split(): ASCII whitespace only. */
const WHITESPACE = /[ \t\n\r\v\f]+/;

type NgramCounts = Map<string, number>;
/** [hypLen, refLen, match1, total1, ..., match4, total4] like gleu_stats. */
type Stats = number[];

export function splitTokens(sentence: string): string[] {
  return sentence.split(WHITESPACE).filter((token) => token.length > 0);
}

function ngramCounts(tokens: string[], n: number): NgramCounts {
  const counts: NgramCounts = new Map();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Size of the multiset intersection (Counter & Counter). */
function overlap(a: NgramCounts, b: NgramCounts, skip?: NgramCounts): number {
  let total = 0;
  for (const [key, count] of a) {
    if (skip?.has(key)) continue;
    const other = b.get(key);
    if (other !== undefined) total += Math.min(count, other);
  }
  return total;
}

/** Statistics of one hypothesis against one reference, penalizing source n-grams the reference dropped. */
export function gleuStats(source: string[], hypothesis: string[], reference: string[]): Stats {
  const stats: Stats = [hypothesis.length, reference.length];
  for (let n = 1; n <= ORDER; n++) {
    const hyp = ngramCounts(hypothesis, n);
    const src = ngramCounts(source, n);
    const ref = ngramCounts(reference, n);
    // n-grams of the source absent from the reference: keeping them in the hypothesis costs.
    const matched = overlap(hyp, ref);
    const penalized = overlap(hyp, src, ref);
    stats.push(Math.max(matched - penalized, 0), Math.max(hypothesis.length + 1 - n, 0));
  }
  return stats;
}

/** GLEU (0..1) from summed statistics; `smooth` replaces zero counts by one (sentence level). */
export function gleuFromStats(stats: Stats, smooth = false): number {
  const values = smooth ? stats.map((s) => (s === 0 ? 1 : s)) : stats;
  if (values.some((s) => s === 0)) return 0;
  const [hypLen, refLen] = values as [number, number];
  let logPrecision = 0;
  for (let n = 0; n < ORDER; n++) logPrecision += Math.log(values[2 + 2 * n]! / values[3 + 2 * n]!);
  return Math.exp(Math.min(0, 1 - refLen / hypLen) + logPrecision / ORDER);
}

/** Sentence-level GLEU x 100: mean of the smoothed GLEU against each reference (gleu.py --sent). */
export function sentenceGleu(source: string, hypothesis: string, references: string[]): number {
  if (references.length === 0) throw new MprError('invalid_argument', 'sentenceGleu needs at least one reference');
  const src = splitTokens(source);
  const hyp = splitTokens(hypothesis);
  const scores = references.map((ref) => gleuFromStats(gleuStats(src, hyp, splitTokens(ref)), true));
  return (100 * scores.reduce((a, b) => a + b, 0)) / scores.length;
}

function validate(input: GleuInput): void {
  const count = input.sources.length;
  if (input.hypotheses.length !== count) {
    throw new MprError('invalid_argument', `GLEU: ${input.hypotheses.length} hypotheses for ${count} sources`);
  }
  if (input.references.length === 0) throw new MprError('invalid_argument', 'GLEU needs at least one reference set');
  input.references.forEach((set, r) => {
    if (set.length !== count) {
      throw new MprError('invalid_argument', `GLEU: reference set ${r} has ${set.length} lines for ${count} sources`);
    }
  });
}

/** Corpus GLEU with the JFLEG sampling procedure, plus its spread over iterations. */
export function jflegGleuReport(input: GleuInput, options: GleuOptions = {}): GleuReport {
  validate(input);
  const refCount = input.references.length;
  const iterations = refCount === 1 ? 1 : (options.iterations ?? DEFAULT_ITERATIONS);
  const sentenceCount = input.sources.length;
  const rng = new PythonRandom(0);
  const draw = options.sampler === 'python3' ? rng.randintPy3.bind(rng) : rng.randintPy2.bind(rng);
  const totals: Stats[] = [];
  const picks: Uint8Array[] = [];
  for (let j = 0; j < iterations; j++) {
    rng.seed(j * 101);
    const pick = new Uint8Array(sentenceCount);
    for (let i = 0; i < sentenceCount; i++) pick[i] = draw(0, refCount - 1);
    picks.push(pick);
    totals.push(new Array<number>(2 + 2 * ORDER).fill(0));
  }
  for (let i = 0; i < sentenceCount; i++) {
    const src = splitTokens(input.sources[i]!);
    const hyp = splitTokens(input.hypotheses[i]!);
    const byRef: (Stats | undefined)[] = new Array(refCount);
    for (let j = 0; j < iterations; j++) {
      const r = picks[j]![i]!;
      byRef[r] ??= gleuStats(src, hyp, splitTokens(input.references[r]![i]!));
      const stats = byRef[r];
      const total = totals[j]!;
      for (let k = 0; k < stats.length; k++) total[k]! += stats[k]!;
    }
  }
  const scores = totals.map((stats) => gleuFromStats(stats));
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const variance = scores.reduce((a, s) => a + (s - mean) ** 2, 0) / scores.length;
  return { score: 100 * mean, std: 100 * Math.sqrt(variance), iterations };
}

/** JFLEG GLEU x 100 (multi-reference, 500 seeded iterations); each string is one tokenized sentence. */
export function jflegGleu(input: GleuInput): number {
  return jflegGleuReport(input).score;
}
