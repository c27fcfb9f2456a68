// Keywords by term frequency of content words, and topics from a small keyword table. Ties keep text
// order, so the same text always yields the same list.
import type { Word } from './segmentation.ts';
import type { SpanIndex } from './span-index.ts';
import { isStopWord } from '../../../shared/language/index.ts';

export const MAX_KEYWORDS = 10;
export const MAX_TOPICS = 5;

// Topic -> word prefixes; a word belongs to a topic when it starts with one (refund, refunds, refunded).
// English only: for other languages topics come back empty and are reported unfilled.
const TOPIC_TABLE: ReadonlyArray<[string, readonly string[]]> = [
  [
    'billing',
    ['invoice', 'payment', 'charge', 'refund', 'billing', 'bill', 'price', 'subscription', 'fee', 'credit card'],
  ],
  ['shipping', ['deliver', 'shipping', 'shipment', 'package', 'parcel', 'tracking', 'courier', 'dispatch']],
  ['orders', ['order', 'purchase', 'cart', 'checkout', 'return', 'exchange']],
  ['account access', ['password', 'login', 'log in', 'sign in', 'account', 'locked', 'two-factor', 'username']],
  ['technical issue', ['error', 'bug', 'crash', 'broken', 'outage', 'fails', 'failure', 'not working', 'glitch']],
  ['complaint', ['complain', 'disappoint', 'unacceptable', 'terrible', 'awful', 'worst', 'frustrat']],
  ['scheduling', ['meeting', 'appointment', 'schedule', 'calendar', 'reschedul', 'deadline']],
  ['employment', ['job', 'hiring', 'interview', 'salary', 'resume', 'candidate', 'employee', 'career']],
  ['legal', ['contract', 'lawyer', 'legal', 'lawsuit', 'court', 'compliance', 'gdpr', 'privacy']],
  ['finance', ['bank', 'loan', 'invest', 'stock', 'budget', 'tax', 'mortgage', 'revenue']],
  ['health', ['doctor', 'hospital', 'health', 'medic', 'patient', 'symptom', 'clinic', 'vaccine']],
  ['travel', ['flight', 'hotel', 'travel', 'booking', 'airport', 'trip', 'luggage', 'reservation']],
  ['education', ['school', 'student', 'teacher', 'course', 'university', 'exam', 'lecture', 'homework']],
  ['technology', ['software', 'app', 'computer', 'server', 'database', 'update', 'internet', 'model']],
  ['food', ['restaurant', 'food', 'meal', 'recipe', 'cook', 'dinner', 'lunch', 'breakfast']],
];

// Han and Katakana words carry meaning in two characters; elsewhere short words are mostly particles.
const DENSE_SCRIPT = /\p{Script=Han}|\p{Script=Katakana}|\p{Script=Hangul}/u;

function isContentWord(word: string, language: string): boolean {
  return (
    (word.length >= 3 || (word.length === 2 && DENSE_SCRIPT.test(word))) &&
    !/^\p{N}/u.test(word) &&
    !isStopWord(word, language === 'und' ? undefined : language) &&
    !isStopWord(word)
  );
}

/** Words outside entity spans: URLs, emails and dates would contribute "https", "com", "march". */
export function wordsOutside(words: readonly Word[], spans: SpanIndex): Word[] {
  return words.filter((w) => !spans.contains(w.start, w.end));
}

export function extractKeywords(words: readonly Word[], language: string): string[] {
  const counts = new Map<string, number>();
  for (const word of words) {
    const lower = word.text.toLowerCase();
    if (isContentWord(lower, language)) counts.set(lower, (counts.get(lower) ?? 0) + 1);
  }
  // Map iteration is insertion order, and sort is stable: equal counts stay in order of first use.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_KEYWORDS)
    .map(([word]) => word);
}

const TOPIC_PATTERNS: ReadonlyArray<[string, RegExp]> = TOPIC_TABLE.map(([topic, prefixes]) => [
  topic,
  new RegExp(`(?<!\\p{L})(?:${prefixes.map((p) => p.replace(/[-\s]/g, '[-\\s]')).join('|')})`, 'gu'),
]);

export function detectTopics(text: string, language: string): string[] {
  if (language !== 'en') return [];
  const lower = text.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const [topic, pattern] of TOPIC_PATTERNS) {
    const score = lower.match(pattern)?.length ?? 0;
    if (score > 0) scored.push([topic, score]);
  }
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_TOPICS)
    .map(([topic]) => topic);
}
