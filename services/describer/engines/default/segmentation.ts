// Words and sentences via Intl.Segmenter, with offsets in UTF-16 code units into the input. ICU's
// sentence rules end a sentence after "Dr. Smith" or inside "https://x.io/?q=1", so breaks that follow a
// known abbreviation or an initial, or that fall inside a protected span (URL, email, number), are undone.
import type { Span, SpanIndex } from './span-index.ts';

export type { Span };

export interface Word extends Span {
  text: string;
}

export interface Sentence extends Span {
  text: string;
}

// Lower-case, without the final period. Only abbreviations that rarely end a sentence belong here:
// "etc." often does, and ICU already keeps a sentence going when the next word is lower-case.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'vs',
  'no',
  'nr',
  'fig',
  'approx',
  'dept',
  'ca',
  'e.g',
  'i.e',
  'cf',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'z.b',
  'u.a',
  'bzw',
  'vgl',
  'hr',
  'fr',
  'mme',
  'mlle',
  'sra',
  'sr',
  'ud',
  'sig',
  'inc',
  'ltd',
  'corp',
  'co',
]);

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(
  cache: Map<string, Intl.Segmenter>,
  locale: string,
  granularity: 'word' | 'sentence',
): Intl.Segmenter {
  let found = cache.get(locale);
  if (!found) {
    found = new Intl.Segmenter(locale === 'und' ? 'en' : locale, { granularity });
    cache.set(locale, found);
  }
  return found;
}

export function segmentWords(text: string, locale = 'en'): Word[] {
  const words: Word[] = [];
  for (const { segment, index, isWordLike } of segmenter(wordSegmenters, locale, 'word').segment(text)) {
    if (isWordLike) words.push({ text: segment, start: index, end: index + segment.length });
  }
  return words;
}

/** The word (letters and inner periods) that ends right before the sentence break at `end`. */
function lastToken(text: string, end: number): string {
  const head = text.slice(Math.max(0, end - 40), end).trimEnd();
  if (!head.endsWith('.')) return '';
  const match = /([\p{L}.]+)\.$/u.exec(head);
  return match?.[1]?.toLowerCase() ?? '';
}

function isSuppressedBreak(text: string, end: number, protectedSpans: SpanIndex): boolean {
  if (protectedSpans.cuts(end)) return true;
  const token = lastToken(text, end);
  if (token === '') return false;
  // "J. Smith", "z. B." and the like: a single letter before the period is an initial.
  if (token.length === 1) return true;
  return ABBREVIATIONS.has(token);
}

function trimmed(text: string, start: number, end: number): Sentence | undefined {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { text: text.slice(start, end), start, end } : undefined;
}

/** Sentences with whitespace trimmed off both ends. */
export function segmentSentences(text: string, protectedSpans: SpanIndex, locale = 'en'): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const { index, segment } of segmenter(sentenceSegmenters, locale, 'sentence').segment(text)) {
    const end = index + segment.length;
    if (end < text.length && isSuppressedBreak(text, end, protectedSpans)) continue;
    const sentence = trimmed(text, start, end);
    if (sentence) sentences.push(sentence);
    start = end;
  }
  return sentences;
}
