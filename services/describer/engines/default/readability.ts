// Flesch reading ease and Flesch-Kincaid grade from a vowel-group syllable estimate. Both formulas are
// calibrated on English, which is why the engine reports readability unfilled for other languages.
import type { Word } from './segmentation.ts';

export interface Readability {
  flesch_reading_ease: number;
  flesch_kincaid_grade: number;
}

export function countSyllables(word: string): number {
  const lower = word.toLowerCase().replace(/[^a-z]/g, '');
  if (lower.length === 0) return 1;
  if (lower.length <= 3) return 1;
  // A final silent "e" ("make") or "es"/"ed" ("makes", "named") adds no syllable; "-le" after a consonant does.
  const stem = lower.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (m) => m[0]!).replace(/^y/, '');
  const groups = stem.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function readability(words: readonly Word[], sentenceCount: number): Readability {
  if (words.length === 0 || sentenceCount === 0) return { flesch_reading_ease: 0, flesch_kincaid_grade: 0 };
  const syllables = words.reduce((sum, w) => sum + countSyllables(w.text), 0);
  const wordsPerSentence = words.length / sentenceCount;
  const syllablesPerWord = syllables / words.length;
  const ease = 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
  const grade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59;
  // Clamped to the task schema's bounds: extreme texts (one 400-word sentence) must still validate.
  return {
    flesch_reading_ease: round1(Math.min(200, Math.max(-200, ease))),
    flesch_kincaid_grade: round1(Math.min(100, Math.max(-20, grade))),
  };
}
