// Scores a GEC run: corpus GLEU plus the per-sentence checks of gec-metrics.ts, averaged.
import { referencesOf, type GecDataset } from './gec-dataset.ts';
import {
  isExactMatch,
  isOverCorrection,
  lengthRatio,
  verbosityReason,
  words,
  type VerbosityReason,
} from './gec-metrics.ts';
import { jflegGleu, sentenceGleu } from './gleu.ts';
import type { GecItemResult } from './run-gec.ts';
import {
  mean,
  percentile,
  rate,
  summarizeLatency,
  summarizeTokens,
  type LatencySummary,
  type TokenSummary,
} from './stats.ts';

export interface GecMetrics extends LatencySummary, TokenSummary {
  /** In-process engines: CPU time per sentence (load-independent, unlike latency). */
  cpuMeanMs?: number;
  cpuP95Ms?: number;
  /** JFLEG sentence-level multi-reference GLEU x 100. */
  gleu: number;
  /** GLEU of returning every source unchanged on the same items: the floor any system must beat. */
  copySourceGleu: number;
  /** Rates are fractions 0..1 of the items. */
  exactMatchRate: number;
  overCorrectionRate: number;
  verbosityRate: number;
  verbosity: Record<VerbosityReason, number>;
  lengthRatioMean: number;
  /** Sentence-level GLEU of the output above / below that of the source. */
  betterThanSourceRate: number;
  worseThanSourceRate: number;
  /**
   * Worse than the source against only the references that change it: a reference equal to the source
   * (an annotator who left the sentence alone) makes any fix, right or wrong, lower sentence GLEU.
   */
  worseThanSourceChangedRefsRate: number;
  unchangedRate: number;
  skipRate: number;
  degradedRate: number;
  errorRate: number;
  items: number;
}

export interface SentenceVerdict {
  exactMatch: boolean;
  overCorrection: boolean;
  verbosity: VerbosityReason | null;
  lengthRatio: number;
  unchanged: boolean;
  /** Sentence GLEU of the output minus that of the source (x 100). */
  gleuChange: number;
  /** The same against the references that differ from the source (0 when none does). */
  gleuChangeChangedRefs: number;
}

// Sentence GLEU differences below this are float noise, not a change.
const GLEU_EPSILON = 1e-9;

export function judgeSentence(dataset: GecDataset, index: number, result: GecItemResult): SentenceVerdict {
  const source = dataset.sources[index]!;
  const references = referencesOf(dataset, index);
  return {
    exactMatch: isExactMatch(result.hypothesis, references),
    overCorrection: isOverCorrection(source, result.hypothesis, references),
    verbosity: verbosityReason(result.output, result.input, result.hypothesis, references),
    lengthRatio: lengthRatio(result.hypothesis, references),
    unchanged: words(result.hypothesis).join(' ') === words(source).join(' '),
    gleuChange: gleuChange(source, result.hypothesis, references),
    gleuChangeChangedRefs: gleuChange(
      source,
      result.hypothesis,
      references.filter((reference) => words(reference).join(' ') !== words(source).join(' ')),
    ),
  };
}

function gleuChange(source: string, hypothesis: string, references: string[]): number {
  if (references.length === 0) return 0;
  return sentenceGleu(source, hypothesis, references) - sentenceGleu(source, source, references);
}

function cpuSummary(results: readonly GecItemResult[]): Pick<GecMetrics, 'cpuMeanMs' | 'cpuP95Ms'> {
  const times = results.flatMap((result) => (result.cpuMs === undefined ? [] : [result.cpuMs]));
  if (times.length === 0 || times.length < results.length) return {};
  return { cpuMeanMs: mean(times), cpuP95Ms: percentile(times, 95) };
}

export function scoreGec(dataset: GecDataset, results: readonly GecItemResult[]): GecMetrics {
  const verdicts = results.map((result, index) => judgeSentence(dataset, index, result));
  const answered = results.filter((result) => result.error === undefined);
  const hypotheses = results.map((result) => result.hypothesis);
  const reasonRate = (reason: VerbosityReason): number => rate(verdicts, (verdict) => verdict.verbosity === reason);
  return {
    gleu: jflegGleu({ sources: dataset.sources, hypotheses, references: dataset.references }),
    copySourceGleu: jflegGleu({
      sources: dataset.sources,
      hypotheses: dataset.sources,
      references: dataset.references,
    }),
    exactMatchRate: rate(verdicts, (verdict) => verdict.exactMatch),
    overCorrectionRate: rate(verdicts, (verdict) => verdict.overCorrection),
    verbosityRate: rate(verdicts, (verdict) => verdict.verbosity !== null),
    verbosity: {
      preamble: reasonRate('preamble'),
      explanation: reasonRate('explanation'),
      too_long: reasonRate('too_long'),
    },
    lengthRatioMean: mean(verdicts.map((verdict) => verdict.lengthRatio)),
    betterThanSourceRate: rate(verdicts, (verdict) => verdict.gleuChange > GLEU_EPSILON),
    worseThanSourceRate: rate(verdicts, (verdict) => verdict.gleuChange < -GLEU_EPSILON),
    worseThanSourceChangedRefsRate: rate(verdicts, (verdict) => verdict.gleuChangeChangedRefs < -GLEU_EPSILON),
    unchangedRate: rate(verdicts, (verdict) => verdict.unchanged),
    skipRate: rate(results, (result) => result.skipped),
    degradedRate: rate(results, (result) => result.degraded),
    errorRate: rate(results, (result) => result.error !== undefined),
    // Failed requests would measure the timeout, not the system: latency and tokens count answers only.
    ...summarizeLatency(answered.map((result) => result.latencyMs)),
    ...cpuSummary(answered),
    ...summarizeTokens(answered.map((result) => result.usage)),
    items: results.length,
  };
}
