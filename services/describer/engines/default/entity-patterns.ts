// Pattern-shaped entities: emails, URLs, dates and numbers. Each finder returns every match; overlaps
// between kinds are settled later in entities.ts (a date's "12" is not also a number).
import type { EntityType } from '../../tasks/index.ts';
import type { Span } from './span-index.ts';

export interface EntitySpan extends Span {
  type: EntityType;
  text: string;
  /** Normalized form: ISO 8601 for dates and times, digits with a leading + for phones, the bare id. */
  value?: string;
  /** Money and quantities: the number the text states. */
  amount?: number;
  /** Money: ISO 4217 code. */
  currency?: string;
  /** Quantities: the unit or counted thing as written ("kg", "boxes", "%"). */
  unit?: string;
  /** Dates the writer sets as a limit ("by Friday", "within 14 days"). */
  deadline?: boolean;
}

/** A pattern find whose span sentence splitting must not cut; a bare number is not an entity itself. */
export interface ProtectedSpan extends Span {
  type: EntityType | 'number';
  text: string;
}

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}/gu;
const URL = /(?<![\p{L}\p{N}@])(?:https?:\/\/|www\.)[^\s<>"'`]+/giu;
const URL_TRAILING = /[.,;:!?'"]+$/u;

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1\\d|20)\\d{2}';
const END = '(?![\\p{L}\\p{N}])';
const DATES: readonly RegExp[] = [
  // 2024-03-12, optionally with a time and zone.
  new RegExp(
    `(?<![\\p{N}-])\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?${END}`,
    'gu',
  ),
  new RegExp(`(?<![\\p{L}\\p{N}])${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}${END}`, 'gu'),
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH}\\s+${DAY},?\\s+${YEAR}${END}`, 'gu'),
  // 12/03/2024, 3/12/24, 12.03.2024: day-month order is ambiguous, so only the span is claimed.
  new RegExp(`(?<![\\p{N}/.])\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})${END}(?!/)`, 'gu'),
  new RegExp(`(?<![\\p{N}.])\\d{1,2}\\.\\d{1,2}\\.${YEAR}${END}(?!\\.\\d)`, 'gu'),
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH}\\s+${YEAR}${END}`, 'gu'),
];

const CURRENCY_CODE = '(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|INR)';
const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}.,\\-/])(?:[$€£¥₹]\\s?|${CURRENCY_CODE}\\s?)?[-+−]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?` +
    `(?:\\s?%|\\s?[$€£¥₹]|\\s${CURRENCY_CODE}(?![\\p{L}]))?(?![\\p{L}\\p{N}]|[.,]\\d)`,
  'gu',
);

function matches<T extends EntityType | 'number'>(
  text: string,
  pattern: RegExp,
  type: T,
): Array<{ type: T; text: string; start: number; end: number }> {
  return [...text.matchAll(pattern)].map((m) => ({ type, text: m[0], start: m.index, end: m.index + m[0].length }));
}

// "(see https://x.io/a_(b))." keeps the balanced ")" but not the sentence's closing one or its period.
function trimUrl(url: string): string {
  let trimmed = url;
  for (;;) {
    const next = trimmed.replace(URL_TRAILING, '');
    const opens = next.split('(').length;
    const closes = next.split(')').length;
    const unbalanced = next.endsWith(')') && closes > opens ? next.slice(0, -1) : next;
    if (unbalanced === trimmed) return trimmed;
    trimmed = unbalanced;
  }
}

export function findEmails(text: string): EntitySpan[] {
  return matches(text, EMAIL, 'email');
}

export function findUrls(text: string): EntitySpan[] {
  return matches(text, URL, 'url')
    .map((span) => {
      const url = trimUrl(span.text);
      return { ...span, text: url, end: span.start + url.length };
    })
    .filter((span) => /[\p{L}\p{N}]\.[\p{L}\p{N}]|:\/\/[\p{L}\p{N}]/u.test(span.text));
}

export function findDates(text: string): EntitySpan[] {
  return DATES.flatMap((pattern) => matches(text, pattern, 'date'));
}

export function findNumbers(text: string): ProtectedSpan[] {
  return matches(text, NUMBER, 'number');
}
