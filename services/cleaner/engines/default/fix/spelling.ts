// Chooses a spelling correction only when one candidate clearly wins; otherwise leaves the word alone
// (minimal edit). The dictionary proposes candidates; they are ranked by weighted edit distance, sound,
// word frequency and whether the writer used the candidate elsewhere in the same text.
import { commonRank } from '../lexicon/common-words.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { phoneticKey } from '../lexicon/word-distance.ts';
import type { SegmentedText } from '../segments.ts';
import { isSentenceStart, wordIndices } from './sentence.ts';

export interface SpellingContext {
  /** Lower-case words of the whole text: a candidate the writer used elsewhere is likelier. */
  textWords: ReadonlySet<string>;
}

const MAX_SCORE = 2.0;
// a small margin leaves near-ties alone and still fixes most real misspellings
const MIN_MARGIN = 0.1;

/** Should this word be spell-checked at all? Names, acronyms, numbers and short words are not. */
export function isCheckable(word: string, sentenceInitial: boolean): boolean {
  if (word.length < 3 || word.includes('-') || /[\p{N}_]/u.test(word) || /[^\p{L}'’-]/u.test(word)) return false;
  if (!/^[a-z]/i.test(word) || /[^\x00-\x7f’]/.test(word)) return false;
  if (word === word.toUpperCase()) return false;
  const rest = word.slice(1);
  if (rest !== rest.toLowerCase()) return false;
  // a capital in mid-sentence marks a name: "Cucumber" the brand is not a misspelling
  return sentenceInitial || word[0] === word[0]!.toLowerCase();
}

function score(typed: string, candidate: string, distance: number, context: SpellingContext): number {
  let value = distance;
  if (phoneticKey(typed) === phoneticKey(candidate)) value -= 0.5;
  const rank = commonRank(candidate);
  if (rank !== undefined) value -= rank < 400 ? 0.6 : 0.4;
  if (context.textWords.has(candidate.toLowerCase())) value -= 0.3;
  if (typed[0]!.toLowerCase() !== candidate[0]!.toLowerCase()) value += 0.5;
  if (/['’ ]/.test(candidate) && !/['’]/.test(typed)) value += 0.3;
  return value;
}

/** "colour", "organise", "orthopaedic" are right in British English: not errors to fix. */
function isBritishVariant(typed: string, candidate: string): boolean {
  const american = typed
    .replace(/our/g, 'or')
    .replace(/is(e|ed|es|ing|ation)/g, 'iz$1')
    .replace(/yse/g, 'yze')
    .replace(/ae/g, 'e')
    .replace(/tre$/, 'ter')
    .replace(/ogue$/, 'og')
    .replace(/ll(ed|ing|er)$/, 'l$1');
  return american === candidate;
}

function matchCase(typed: string, candidate: string): string {
  if (typed[0] === typed[0]!.toUpperCase()) return candidate[0]!.toUpperCase() + candidate.slice(1);
  return candidate;
}

/** The confident correction of a misspelled word, or undefined when none is confident. */
export function correctSpelling(
  word: string,
  dictionary: SpellDictionary,
  context: SpellingContext,
): string | undefined {
  const normalized = word.replace(/’/g, "'");
  const lower = normalized.toLowerCase();
  const isCapitalized = normalized !== lower;
  // sentence-initial capitals: "Tecnologies" is checked as "tecnologies"
  if (dictionary.correct(normalized) || (isCapitalized && dictionary.correct(lower))) return undefined;
  const ranked = dictionary
    .candidates(lower)
    .filter((c) => c.word.length > 1)
    .map(({ word: candidate, distance }) => ({ candidate, score: score(lower, candidate, distance, context) }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  const [best, second] = ranked;
  if (best === undefined || best.score > MAX_SCORE || isBritishVariant(lower, best.candidate)) return undefined;
  if (second !== undefined && second.score - best.score < MIN_MARGIN) return undefined;
  const corrected = matchCase(normalized, best.candidate);
  return word.includes('’') ? corrected.replace(/'/g, '’') : corrected;
}

export function fixSpelling(doc: SegmentedText, dictionary: SpellDictionary): void {
  const indices = wordIndices(doc);
  const textWords = new Set(
    indices.map((i) => doc.segments[i]!.text.toLowerCase()).filter((w) => dictionary.correct(w)),
  );
  for (const i of indices) {
    const segment = doc.segments[i]!;
    if (segment.text !== segment.original || !isCheckable(segment.text, isSentenceStart(doc, i))) continue;
    const fix = correctSpelling(segment.text, dictionary, { textWords });
    if (fix !== undefined) doc.rewrite(i, fix, 'spelling', `spelling: "${fix}"`);
  }
}
