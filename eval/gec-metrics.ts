// Per-sentence quality checks of a grammatical-error-correction output, on PTB-tokenized text (tokens
// separated by single spaces, like the JFLEG references). GLEU itself lives in gleu.ts.

/**
 * Over-correction margin, in words. An output over-corrects when its word-level edit distance to the
 * source exceeds the largest edit distance of any reference to the source by more than this margin:
 * references already disagree by a word or two, so only clearly larger rewrites count.
 */
export const OVER_CORRECTION_MARGIN_WORDS = 2;

/** An output longer than this many times the longest reference (in tokens) counts as verbose. */
export const VERBOSE_LENGTH_FACTOR = 1.5;

// Chat-model habits that do not belong in a corrected sentence. A marker only counts when the source
// itself does not contain it ("Here is my house ." is a fine learner sentence).
const PREAMBLE = [
  /^\s*(?:sure|certainly|of course|okay)\b[,.!:]/i,
  /^\s*here(?:\s+is|'s|\s+are)\b/i,
  /^\s*(?:the\s+)?(?:corrected|revised|fixed|improved|edited)\s+(?:version|sentence|text|output)\b/i,
  /^\s*(?:corrected|output|answer|correction)\s*:/i,
];
const EXPLANATION = [
  /\n\s*\n/,
  /\bexplanation\s*:/i,
  /\bnote\s*:/i,
  /\bi(?:\s+have|'ve)?\s+(?:changed|corrected|fixed|replaced|added|removed)\b/i,
  /\b(?:changes|corrections)\s+made\b/i,
];

export function words(tokenized: string): string[] {
  return tokenized.split(/\s+/).filter((token) => token.length > 0);
}

/** Levenshtein distance over words: insertions, deletions and substitutions each cost 1. */
export function wordEditDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function isExactMatch(hypothesis: string, references: readonly string[]): boolean {
  const normalized = words(hypothesis).join(' ');
  return references.some((reference) => words(reference).join(' ') === normalized);
}

export function isOverCorrection(
  source: string,
  hypothesis: string,
  references: readonly string[],
  marginWords = OVER_CORRECTION_MARGIN_WORDS,
): boolean {
  const sourceWords = words(source);
  const outputEdits = wordEditDistance(sourceWords, words(hypothesis));
  const referenceEdits = Math.max(0, ...references.map((reference) => wordEditDistance(sourceWords, words(reference))));
  return outputEdits > referenceEdits + marginWords;
}

export type VerbosityReason = 'preamble' | 'explanation' | 'too_long';

/**
 * Why an output is verbose, or null. `rawOutput` is the system's text before tokenization (line
 * breaks survive there); `source` is the text the system received.
 */
export function verbosityReason(
  rawOutput: string,
  source: string,
  hypothesis: string,
  references: readonly string[],
): VerbosityReason | null {
  const introduced = (pattern: RegExp): boolean => pattern.test(rawOutput) && !pattern.test(source);
  if (PREAMBLE.some(introduced)) return 'preamble';
  if (EXPLANATION.some(introduced)) return 'explanation';
  const longest = Math.max(0, ...references.map((reference) => words(reference).length));
  if (words(hypothesis).length > VERBOSE_LENGTH_FACTOR * longest) return 'too_long';
  return null;
}

/** Output length over the mean reference length, in tokens (references of zero length count as one). */
export function lengthRatio(hypothesis: string, references: readonly string[]): number {
  const lengths = references.map((reference) => words(reference).length);
  const meanLength = lengths.reduce((total, length) => total + length, 0) / Math.max(1, lengths.length);
  return words(hypothesis).length / Math.max(1, meanLength);
}
