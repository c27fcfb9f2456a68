// What a reader finds, scored: entity precision, recall and F1 per type (a found entity counts only when
// its type, start and end all equal an annotated one, as in CoNLL), and tone agreement (the traits
// task's sentiment score read as negative 1-2, neutral 3, positive 4-5, against the annotated tone).
// Items carry these as "annotations" beside "expected", so schema-field scoring is left as it is.
import { MprError } from '../lib/errors.ts';

export interface AnnotatedSpan {
  type: string;
  start: number;
  end: number;
}

export interface ReadingAnnotations {
  entities?: AnnotatedSpan[];
  tone?: 'negative' | 'neutral' | 'positive';
}

export interface EntityTypeScore {
  precision: number;
  recall: number;
  f1: number;
  annotated: number;
  found: number;
  matched: number;
}

export interface ReadingMetrics {
  /** Per entity type, plus "all" (micro-averaged); absent when the task's documents have no entities. */
  entities?: Record<string, EntityTypeScore>;
  toneAgreement?: number;
}

const TONES = ['negative', 'neutral', 'positive'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSpan(value: unknown): value is AnnotatedSpan {
  return (
    isRecord(value) &&
    typeof value.type === 'string' &&
    Number.isInteger(value.start) &&
    Number.isInteger(value.end) &&
    (value.start as number) <= (value.end as number)
  );
}

export function parseAnnotations(value: unknown, where: string): ReadingAnnotations {
  const bad = (problem: string) => new MprError('invalid_argument', `${where}: annotations ${problem}`);
  if (!isRecord(value)) throw bad('must be an object');
  const annotations: ReadingAnnotations = {};
  if (value.entities !== undefined) {
    if (!Array.isArray(value.entities) || !value.entities.every(isSpan))
      throw bad('.entities must be a list of {type, start, end}');
    annotations.entities = value.entities.map(({ type, start, end }) => ({ type, start, end }));
  }
  if (value.tone !== undefined) {
    if (!TONES.includes(value.tone as (typeof TONES)[number])) throw bad(`.tone must be one of ${TONES.join(', ')}`);
    annotations.tone = value.tone as ReadingAnnotations['tone'];
  }
  return annotations;
}

function foundEntities(document: unknown): AnnotatedSpan[] | undefined {
  if (!isRecord(document) || !Array.isArray(document.entities)) return undefined;
  return document.entities.filter(isSpan);
}

/** The tone a document states: the traits task's sentiment score, or a "tone" label. */
function foundTone(document: unknown): string | undefined {
  if (!isRecord(document)) return undefined;
  if (typeof document.tone === 'string') return document.tone;
  const score = isRecord(document.sentiment) ? document.sentiment.score : document.sentiment;
  if (typeof score !== 'number') return undefined;
  return score <= 2 ? 'negative' : score >= 4 ? 'positive' : 'neutral';
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function tally(scores: Map<string, EntityTypeScore>, type: string): EntityTypeScore {
  let score = scores.get(type);
  if (!score) {
    score = { precision: 0, recall: 0, f1: 0, annotated: 0, found: 0, matched: 0 };
    scores.set(type, score);
  }
  return score;
}

export function scoreReading(
  pairs: ReadonlyArray<{ annotations: ReadingAnnotations | undefined; document: unknown }>,
): ReadingMetrics {
  const metrics: ReadingMetrics = {};
  const entityPairs = pairs.filter((pair) => pair.annotations?.entities !== undefined);
  if (entityPairs.some((pair) => foundEntities(pair.document) !== undefined)) {
    const scores = new Map<string, EntityTypeScore>();
    for (const { annotations, document } of entityPairs) {
      const annotated = annotations!.entities!;
      const found = foundEntities(document) ?? [];
      const key = (span: AnnotatedSpan) => `${span.type}:${span.start}:${span.end}`;
      const annotatedKeys = new Set(annotated.map(key));
      for (const span of annotated) for (const type of [span.type, 'all']) tally(scores, type).annotated += 1;
      for (const span of found) {
        const hit = annotatedKeys.has(key(span));
        for (const type of [span.type, 'all']) {
          const score = tally(scores, type);
          score.found += 1;
          if (hit) score.matched += 1;
        }
      }
    }
    for (const score of scores.values()) {
      score.precision = ratio(score.matched, score.found);
      score.recall = ratio(score.matched, score.annotated);
      score.f1 = ratio(2 * score.precision * score.recall, score.precision + score.recall);
    }
    metrics.entities = Object.fromEntries([...scores.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
  const tonePairs = pairs.filter((pair) => pair.annotations?.tone !== undefined);
  if (tonePairs.some((pair) => foundTone(pair.document) !== undefined)) {
    const agreed = tonePairs.filter((pair) => foundTone(pair.document) === pair.annotations!.tone).length;
    metrics.toneAgreement = agreed / tonePairs.length;
  }
  return metrics;
}
