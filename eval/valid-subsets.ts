// Field metrics of structured runs rescored on valid subsets. A run's own metrics count an item without
// JSON as wrong on every field, so two candidates differ both in how often they answer and in how well;
// scoring each run on its own valid items, and every run on the items all of them answered with JSON
// (the common subset), separates the two.
import { scoreFields, summarizeFields, type FieldScore, type FieldSummary } from './json-metrics.ts';
import type { AnswerRecord, MetricsFile } from './metrics-file.ts';

export interface SubsetScores extends FieldSummary {
  /** Items in the subset. */
  items: number;
  fields: Record<string, FieldScore>;
}

export interface ValidSubsets {
  /** Items of the dataset. */
  total: number;
  /** Per run, scored on the items that run answered with a JSON document. */
  own: SubsetScores[];
  /** Per run, scored on the items every run answered with a JSON document. */
  common: SubsetScores[];
  commonItems: number;
}

export type ValidSubsetsOutcome = { available: true; subsets: ValidSubsets } | { available: false; reason: string };

export function isValidAnswer(answer: AnswerRecord): boolean {
  return typeof answer.document === 'object' && answer.document !== null;
}

function scoreSubset(answers: readonly AnswerRecord[], include: readonly boolean[]): SubsetScores {
  const pairs = answers.filter((_, index) => include[index]);
  const fields = scoreFields(pairs);
  return { items: pairs.length, ...summarizeFields(fields), fields };
}

/** Rescores every run on its own valid items and on the common valid subset. */
export function scoreValidSubsets(runs: readonly MetricsFile[], labels: readonly string[]): ValidSubsetsOutcome {
  const missing = runs.findIndex((run) => run.answers === undefined);
  if (missing >= 0)
    return {
      available: false,
      reason: `run ${labels[missing]} holds no per-item answers (not a structured run, or written before answers were recorded)`,
    };
  const answers = runs.map((run) => run.answers!);
  const total = answers[0]!.length;
  if (answers.some((list) => list.length !== total))
    return { available: false, reason: 'the runs hold different numbers of answers' };
  const valid = answers.map((list) => list.map(isValidAnswer));
  const inAll = Array.from({ length: total }, (_, index) => valid.every((flags) => flags[index]));
  return {
    available: true,
    subsets: {
      total,
      own: answers.map((list, run) => scoreSubset(list, valid[run]!)),
      common: answers.map((list) => scoreSubset(list, inAll)),
      commonItems: inAll.filter(Boolean).length,
    },
  };
}

/** The subset scores of one run as metrics named `ownValid.*` and `commonValid.*`. */
export function subsetMetrics(subsets: ValidSubsets, run: number): Record<string, unknown> {
  return { ownValid: subsets.own[run], commonValid: subsets.common[run] };
}
