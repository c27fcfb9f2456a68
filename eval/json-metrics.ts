// Field-level scoring of structured outputs. The expected document of each item names only the fields
// worth scoring (free text such as `reason` has no single right answer); each leaf of it is a field,
// named by its dotted path, scored by the type of its expected value:
//   string / array / null -> exact accuracy (deep equality);  boolean -> boolean accuracy;
//   number -> accuracy (equality) and mean squared error.
// A field missing from the output (for a numeric field: absent or not a number) counts as wrong for
// accuracy and is left out of the MSE; its share shows in missingRate, so a model cannot lower its MSE
// by leaving scores out unnoticed.
import { isDeepStrictEqual } from 'node:util';
import { mean } from './stats.ts';

export type FieldKind = 'exact' | 'boolean' | 'numeric';

export interface ExpectedField {
  name: string;
  path: string[];
  kind: FieldKind;
  value: unknown;
}

export interface FieldScore {
  kind: FieldKind;
  accuracy: number;
  missingRate: number;
  mse?: number;
}

export interface ScoredPair {
  expected: unknown;
  /** The output document; undefined when there was none (invalid JSON, failed request). */
  document: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectedFields(expected: unknown, path: string[] = []): ExpectedField[] {
  if (isPlainObject(expected))
    return Object.entries(expected).flatMap(([key, value]) => expectedFields(value, [...path, key]));
  const kind: FieldKind =
    typeof expected === 'boolean' ? 'boolean' : typeof expected === 'number' ? 'numeric' : 'exact';
  return [{ name: path.join('.'), path, kind, value: expected }];
}

export function valueAt(document: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let current = document;
  for (const key of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = current[key];
  }
  return { found: true, value: current };
}

interface FieldTally {
  kind: FieldKind;
  seen: number;
  correct: number;
  missing: number;
  squaredErrors: number[];
}

export function scoreFields(pairs: readonly ScoredPair[]): Record<string, FieldScore> {
  const tallies = new Map<string, FieldTally>();
  for (const pair of pairs) {
    for (const field of expectedFields(pair.expected)) {
      if (field.path.length === 0) continue;
      const tally = tallies.get(field.name) ?? { kind: field.kind, seen: 0, correct: 0, missing: 0, squaredErrors: [] };
      tallies.set(field.name, tally);
      tally.seen += 1;
      const actual = valueAt(pair.document, field.path);
      if (!actual.found) {
        tally.missing += 1;
        continue;
      }
      if (isDeepStrictEqual(actual.value, field.value)) tally.correct += 1;
      if (field.kind === 'numeric' && typeof actual.value === 'number') {
        tally.squaredErrors.push((actual.value - (field.value as number)) ** 2);
      } else if (field.kind === 'numeric') {
        tally.missing += 1;
      }
    }
  }
  const scores: Record<string, FieldScore> = {};
  for (const [name, tally] of tallies) {
    const score: FieldScore = {
      kind: tally.kind,
      accuracy: tally.correct / tally.seen,
      missingRate: tally.missing / tally.seen,
    };
    if (tally.kind === 'numeric' && tally.squaredErrors.length > 0) score.mse = mean(tally.squaredErrors);
    scores[name] = score;
  }
  return scores;
}

export interface FieldSummary {
  exactAccuracyMean?: number;
  booleanAccuracyMean?: number;
  mseMean?: number;
}

/** Headline numbers across fields; a summary is absent when no field of its kind exists. */
export function summarizeFields(scores: Record<string, FieldScore>): FieldSummary {
  const of = (kind: FieldKind): FieldScore[] => Object.values(scores).filter((score) => score.kind === kind);
  const summary: FieldSummary = {};
  const exact = of('exact');
  const booleans = of('boolean');
  const mses = of('numeric').flatMap((score) => (score.mse === undefined ? [] : [score.mse]));
  if (exact.length > 0) summary.exactAccuracyMean = mean(exact.map((score) => score.accuracy));
  if (booleans.length > 0) summary.booleanAccuracyMean = mean(booleans.map((score) => score.accuracy));
  if (mses.length > 0) summary.mseMean = mean(mses);
  return summary;
}
