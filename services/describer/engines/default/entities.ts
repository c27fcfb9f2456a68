// Every entity of a text with UTF-16 offsets, none overlapping another. English text is read by the
// libraries (names by compromise, dates by chrono-node); other languages get only what patterns find
// without knowing the language (emails, URLs, phones, reference numbers, money, numeric dates).
import {
  type EntitySpan,
  findDates,
  findEmails,
  findNumbers,
  findUrls,
  type ProtectedSpan,
} from './entity-patterns.ts';
import { findDateEntities } from './date-entities.ts';
import { findIdentifierEntities } from './identifier-entities.ts';
import { findMoney } from './money-entities.ts';
import { findNamedEntities, parseText } from './named-entities.ts';
import type { Readers } from './nlp-libraries.ts';
import { findQuantities } from './quantity-entities.ts';
import type { EntityType } from '../../tasks/index.ts';

export type { EntitySpan, ProtectedSpan };

// Where two finds overlap, the surer kind wins: a shaped identifier or an amount with its currency is
// rarely wrong, a name guessed from context more often is. Within a kind the longer span wins.
const PRIORITY: readonly EntityType[] = [
  'email',
  'url',
  'phone',
  'identifier',
  'money',
  'date',
  'quantity',
  'person',
  'organization',
  'place',
];
const PATTERN_PRIORITY: Record<string, number> = { email: 0, url: 1, date: 2, number: 3 };

function rank(type: EntityType): number {
  const index = PRIORITY.indexOf(type);
  return index < 0 ? PRIORITY.length : index;
}

/** Keeps the best of overlapping spans (by `order`), in text order. */
function withoutOverlaps<T extends ProtectedSpan>(spans: T[], order: (a: T, b: T) => number, length: number): T[] {
  const taken = new Uint8Array(length);
  const kept: T[] = [];
  for (const span of [...spans].sort(order)) {
    if (span.end <= span.start || taken.subarray(span.start, span.end).includes(1)) continue;
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const longestFirst = (a: ProtectedSpan, b: ProtectedSpan): number => b.end - b.start - (a.end - a.start);

/** Emails, URLs, dates and numbers: the spans sentence splitting must not cut through. */
export function findPatternEntities(text: string): ProtectedSpan[] {
  const all: ProtectedSpan[] = [...findEmails(text), ...findUrls(text), ...findDates(text), ...findNumbers(text)];
  // Longest first, so "12 March 2024" beats the number "12" and a URL beats the email inside it.
  return withoutOverlaps(
    all,
    (a, b) => longestFirst(a, b) || PATTERN_PRIORITY[a.type]! - PATTERN_PRIORITY[b.type]! || a.start - b.start,
    text.length,
  );
}

export interface EntityRequest {
  text: string;
  language: string;
  /** The libraries, for English text. */
  readers: Readers;
  /** What "Friday" or "within 14 days" is counted from. */
  reference: Date;
}

export function findEntities({ text, language, readers, reference }: EntityRequest): EntitySpan[] {
  const candidates = [...findIdentifierEntities(text), ...findMoney(text)];
  if (language === 'en' || language === 'und') {
    const parsed = parseText(readers, text);
    candidates.push(
      ...findDateEntities(readers, text, reference),
      ...findQuantities(parsed),
      ...findNamedEntities(parsed),
    );
  } else {
    candidates.push(...findDates(text));
  }
  return withoutOverlaps(
    candidates,
    (a, b) => rank(a.type) - rank(b.type) || longestFirst(a, b) || a.start - b.start,
    text.length,
  );
}
