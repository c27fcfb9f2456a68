// Unknown words. First the inflection check: a regular ending on a word whose form is irregular
// ("goed", "childs") gets the irregular form; then two words written as one are written apart; else a
// spelling correction when one candidate clearly wins (spelling-rank.ts). A word with no such
// candidate is left alone and flagged; a British spelling is left alone as it is right.
import type { NgramModel } from '../check/ngram-model.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { regularizedForm } from '../lexicon/inflection.ts';
import { wordCount } from '../lexicon/word-frequency.ts';
import { BE_FORMS, wordSet } from '../lexicon/word-lists.ts';
import type { SegmentedText } from '../segments.ts';
import { isSentenceStart, matchCase, wordIndices } from './sentence.ts';
import { contextFitAt } from './spelling-context.ts';
import { correctSpelling } from './spelling-rank.ts';
import { splitJoinedWords } from './word-split.ts';

/** A word is in use when the frequency list has seen it at all. */
export function seenInUse(word: string): boolean {
  return wordCount(word) > 0;
}

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
/**
 * A known word with a possessive after the apostrophe ("own's") or a plural of a contraction
 * ("don'ts"): the suffix may be wrong, the spelling is not, and no other word is meant.
 */
function isKnownWithSuffix(lower: string, dictionary: SpellDictionary): boolean {
  const normalized = lower.replace(/’/g, "'");
  const stem = /^(.+)'s$/.exec(normalized)?.[1] ?? /^(.+'t)s$/.exec(normalized)?.[1];
  return stem !== undefined && dictionary.correct(stem);
}

// How often a name must occur in the frequency list to be taken for the lower-cased word.
const MIN_NAME_COUNT = 50;

// Words after which a verb takes its participle: "have gone", "was taught".
const PARTICIPLE_BEFORE = new Set([...BE_FORMS, 'have', 'has', 'had', 'having', "'ve", 'get', 'got', 'gets']);
const ADVERB = /^(?:not|never|already|just|also|always|ever|recently|finally|really|often)$/;

/** The irregular form for an over-regularized word, chosen by the words before it. */
const SINGULAR_DETERMINERS = wordSet('every each a an one another either neither');

function wordBefore(doc: SegmentedText, previous: number): string {
  return previous === -1 ? '' : doc.segments[previous]!.text.toLowerCase().replace(/’/g, "'");
}

function irregularFix(doc: SegmentedText, index: number, lower: string, dictionary: SpellDictionary) {
  const regular = regularizedForm(lower, (stem) => dictionary.correct(stem));
  if (regular === undefined || regular.base === 'be') return undefined;
  if (regular.kind === 'plural') {
    // "every childs": the determiner asks for one, so the writer's mistake is the -s, not the form
    const determiner = wordBefore(doc, doc.previousToken(index));
    return { regular, form: SINGULAR_DETERMINERS.has(determiner) ? regular.base : regular.forms[0]! };
  }
  if (regular.kind !== 'past') return { regular, form: regular.forms[0]! };
  let previous = doc.previousToken(index);
  while (previous !== -1 && ADVERB.test(doc.segments[previous]!.text.toLowerCase()))
    previous = doc.previousToken(previous);
  return { regular, form: regular.forms[PARTICIPLE_BEFORE.has(wordBefore(doc, previous)) ? 1 : 0]! };
}

export function fixSpelling(
  doc: SegmentedText,
  dictionary: SpellDictionary,
  isUsedWord: (word: string) => boolean = seenInUse,
  model?: NgramModel,
): void {
  const indices = wordIndices(doc);
  const textWords = new Set(
    indices.map((i) => doc.segments[i]!.text.toLowerCase()).filter((w) => dictionary.correct(w)),
  );
  for (const i of indices) {
    const segment = doc.segments[i]!;
    const word = segment.text;
    if (word !== segment.original || !isCheckable(word, isSentenceStart(doc, i))) continue;
    const lower = word.toLowerCase();
    if (dictionary.correct(word) || dictionary.correct(lower) || isKnownWithSuffix(lower, dictionary)) continue;
    // a well-known name written in lower case ("english", "monday", "london"): its capital, not
    // another word; a rare name ("Yong") is more likely a misspelt word ("young")
    const capitalized = lower[0]!.toUpperCase() + lower.slice(1);
    if (word === lower && dictionary.correct(capitalized) && wordCount(lower) >= MIN_NAME_COUNT) {
      doc.rewrite(i, capitalized, {
        kind: 'capitalization',
        message: 'a name takes a capital letter',
        rule: 'capital.name',
      });
      continue;
    }
    const irregular = irregularFix(doc, i, lower, dictionary);
    if (irregular !== undefined) {
      doc.rewrite(i, matchCase(word, irregular.form), {
        kind: 'grammar',
        message: `"${irregular.form}" is the ${irregular.regular.kind} of "${irregular.regular.base}"`,
        rule: 'inflection',
      });
      continue;
    }
    // two common words that make a phrase ("in order", "all day") need no letter changed: they come
    // before any correction, which would have to change letters ("allday" is not "away")
    const split = model === undefined ? undefined : splitJoinedWords(lower, dictionary, model);
    if (split !== undefined) {
      doc.rewrite(i, matchCase(word, split), {
        kind: 'spelling',
        message: 'two words written as one',
        rule: 'split_words',
      });
      continue;
    }
    const fitOf = model === undefined ? undefined : contextFitAt(doc, i, model);
    const choice = correctSpelling(word, dictionary, { textWords, isUsedWord, ...(fitOf ? { fitOf } : {}) });
    if (choice.kind === 'correct')
      doc.rewrite(i, choice.word, { kind: 'spelling', message: `spelling: "${choice.word}"`, rule: 'spelling' });
    else if (choice.kind === 'unsure')
      doc.flag(i, i, {
        kind: 'spelling',
        message: `"${word}" is not in the dictionary and has no safe correction`,
        rule: 'spelling',
      });
  }
}
