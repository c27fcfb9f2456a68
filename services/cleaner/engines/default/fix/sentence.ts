// What the word fixers ask of the text around a word: where sentences start, which segments are
// words, and how to carry a word's case and apostrophe over to its replacement.
import type { SegmentedText } from '../segments.ts';

const ABBREVIATION = /^(?:etc|e\.g|i\.e|mr|mrs|ms|dr|st|vs|no|approx|fig)$/i;

/** Is the token at `index` the first word of a sentence (start of text, after . ! ? or a blank line)? */
export function isSentenceStart(doc: SegmentedText, index: number): boolean {
  const previous = doc.previousToken(index);
  const gap = doc.between(previous, index);
  if (previous === -1) return !/\p{L}/u.test(gap);
  if (/\n\s*\n/.test(gap)) return true;
  return /^["'”’)\]]*[.!?]+["'”’)\]]*\s+["'“‘([]*$/.test(gap) && !ABBREVIATION.test(doc.segments[previous]!.text);
}

/** Indices of the word segments, in text order. */
export function wordIndices(doc: SegmentedText): number[] {
  const indices: number[] = [];
  doc.segments.forEach((s, i) => {
    if (s.type === 'word') indices.push(i);
  });
  return indices;
}

/**
 * The word token right after `index` when only one space separates them ("she go", not "she, go"):
 * its index, or -1.
 */
export function nextWordAfterSpace(doc: SegmentedText, index: number): number {
  const next = doc.nextToken(index);
  if (next === -1 || doc.segments[next]!.type !== 'word' || doc.between(index, next) !== ' ') return -1;
  return next;
}

/** The token (a word or a protected one) right before `index` with one space between them, or -1. */
export function previousTokenBeforeSpace(doc: SegmentedText, index: number): number {
  const previous = doc.previousToken(index);
  return previous !== -1 && doc.between(previous, index) === ' ' ? previous : -1;
}

/** `replacement` in the case of `original`: all capitals, a capital first letter, or as is. */
export function matchCase(original: string, replacement: string): string {
  if (replacement === '') return replacement;
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] !== original[0]!.toLowerCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Tables are written with ' ; a word typed with ’ keeps it: "don’t" -> "doesn’t". */
export function withApostropheOf(original: string, replacement: string): string {
  return original.includes('’') ? replacement.replace(/'/g, '’') : replacement;
}
