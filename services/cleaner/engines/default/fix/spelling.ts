// Unknown words. First the inflection check: a regular ending on a word whose form is irregular
// ("goed", "childs") gets the irregular form. Else a spelling correction, only when one candidate
// clearly wins and is plausible: a word people use, with the typed word's ending where that ending
// carries meaning. The dictionary proposes candidates; they are ranked by weighted edit distance,
// sound, word frequency and whether the writer used the candidate elsewhere in the same text. A word
// with no such candidate is left alone and flagged.
import { commonRank } from '../lexicon/common-words.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { isMassNoun, regularizedForm } from '../lexicon/inflection.ts';
import { phoneticKey } from '../lexicon/word-distance.ts';
import { wordCount } from '../lexicon/word-frequency.ts';
import { BE_FORMS, CLOSED_CLASS, DETERMINERS } from '../lexicon/word-lists.ts';
import type { SegmentedText } from '../segments.ts';
import { type ContextFit, contextFitAt } from './spelling-context.ts';
import { splitJoinedWords } from './word-split.ts';
import type { NgramModel } from '../check/ngram-model.ts';
import { isSentenceStart, matchCase, wordIndices } from './sentence.ts';

export interface SpellingContext {
  /** Lower-case words of the whole text: a candidate the writer used elsewhere is likelier. */
  textWords: ReadonlySet<string>;
  /** Is this lower-case word one people write (not a rare dictionary word like "bally")? */
  isUsedWord: (word: string) => boolean;
  /** How well a candidate fits the words around the typed one (the trigram model), when installed. */
  fitOf?: ContextFit;
}

const MAX_SCORE = 2.0;
// a candidate ten times as common scores this much better
const FREQUENCY_WEIGHT = 0.1;
// Below this lead over the runner-up the choice is a guess ("baly": "billy", "belly" or "badly"?): the
// word is left alone and flagged. Tuned on JFLEG dev with the weights below (docs/MEASUREMENTS.md).
const MIN_MARGIN = 0.2;
// a candidate that sounds like the typed word
const SOUND_BONUS = 0.3;
// a candidate on the list of common words (its first 400 the most common)
const COMMON_BONUS = 0.2;
const LISTED_BONUS = 0.15;

// Endings that carry the word's class or number, each with the endings a correction may have instead:
// "experinces" -> "experiences", "possiable" -> "possible", but "nocive" is not "notice".
const MEANINGFUL_ENDINGS: readonly [RegExp, RegExp][] = [
  // an agent noun stays one: "attributers" is not "attributes"
  [/(?:ers|ors)$/, /(?:ers|ors)$/],
  [/(?:ies|es|s)$/, /s$/],
  [/(?:able|ible)$/, /(?:able|ible)$/],
  [/(?:tion|sion)$/, /(?:tion|sion)$/],
  [
    /(?:ive|ous|ful|less|ly|ment|ness|ing|ed|al|ic|ist|ism|ity)$/,
    /(?:ive|ous|ful|less|ly|ment|ness|ing|ed|al|ic|ist|ism|ity)$/,
  ],
];

/** One word with another ending ("purpose", "purposes"; "politics", "political"; "pollution's")? */
function isSameWordFamily(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return common >= 4 && common >= Math.min(a.length, b.length) - 1;
}

/** Is `candidate` a plausible correction of `typed`: a word people use that keeps a meaningful ending? */
function isPlausible(typed: string, candidate: string, isUsedWord: (word: string) => boolean): boolean {
  if (!/['’ ]/.test(candidate) && !isUsedWord(candidate)) return false;
  // a function word has no ending to keep: "thoes" is "those"
  if (CLOSED_CLASS.has(candidate) || DETERMINERS.has(candidate)) return true;
  for (const [typedEnding, allowed] of MEANINGFUL_ENDINGS) {
    const ending = typedEnding.exec(typed)?.[0];
    if (ending === undefined) continue;
    // the same ending, one of its kind, or a mass noun for a plural ("informations" -> "information")
    return candidate.endsWith(ending) || allowed.test(candidate) || (allowed.source === 's$' && isMassNoun(candidate));
  }
  return true;
}

function isPluralOf(plural: string, singular: string): boolean {
  return plural === `${singular}s` || plural === `${singular}es` || plural === `${singular.slice(0, -1)}ies`;
}

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

function score(typed: string, candidate: string, distance: number, context: SpellingContext): number {
  let value = distance;
  if (phoneticKey(typed) === phoneticKey(candidate)) value -= SOUND_BONUS;
  const rank = commonRank(candidate);
  if (rank !== undefined) value -= rank < 400 ? COMMON_BONUS : LISTED_BONUS;
  if (context.textWords.has(candidate.toLowerCase())) value -= 0.3;
  value -= FREQUENCY_WEIGHT * Math.log10(1 + wordCount(candidate));
  if (typed[0]!.toLowerCase() !== candidate[0]!.toLowerCase()) value += 0.5;
  if (/['’ ]/.test(candidate) && !/['’]/.test(typed)) value += 0.3;
  // another clitic than the typed one: "need't" is not "need's"
  const typedClitic = /['’](\p{L}+)$/u.exec(typed)?.[1];
  const candidateClitic = /'(\p{L}+)$/u.exec(candidate)?.[1];
  if (typedClitic !== undefined && candidateClitic !== undefined && typedClitic !== candidateClitic) value += 0.5;
  // a plural typed without its apostrophe is rarer than a misspelt plural ("pollutions")
  if (/'s$/.test(candidate) && /s$/.test(typed)) value += 0.3;
  return value;
}

// Candidates this close to the best by spelling alone are re-ranked by how they fit the context.
const CONTEXT_POOL = 1.0;
// score units per log10 of context probability
const CONTEXT_WEIGHT = 0.3;

export interface Ranked {
  candidate: string;
  score: number;
}

function rerankInContext(typed: string, ranked: readonly Ranked[], context: SpellingContext, fitOf: ContextFit) {
  const best = ranked[0];
  if (best === undefined) return [];
  // context promotes only a plausible word with the typed first letter: "disking" is not "risking",
  // "siences" not "science"; and no function word, which the model favours anywhere ("taire" is not
  // "there")
  const pool = ranked.filter(
    (r) =>
      r === best ||
      (r.score <= best.score + CONTEXT_POOL &&
        r.candidate[0] === typed[0] &&
        !CLOSED_CLASS.has(r.candidate) &&
        !DETERMINERS.has(r.candidate) &&
        isPlausible(typed, r.candidate, context.isUsedWord)),
  );
  const fits = pool.map((r) => fitOf(r.candidate));
  const top = Math.max(...fits);
  return pool
    .map((r, i) => ({ candidate: r.candidate, score: r.score + CONTEXT_WEIGHT * (top - fits[i]!) }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
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
    .replace(/ll(ed|ing|er)$/, 'l$1')
    .replace(/^maths$/, 'math');
  return american === candidate;
}

function capitalizeLike(typed: string, candidate: string): string {
  return typed[0] === typed[0]!.toUpperCase() ? candidate[0]!.toUpperCase() + candidate.slice(1) : candidate;
}

/**
 * Candidates for a misspelled lower-case word, best first, scored (lower is better) by spelling,
 * frequency and, with a model, context; empty when the word is right as typed (a British spelling) or
 * has no plausible candidate.
 */
export function rankSpelling(lower: string, dictionary: SpellDictionary, context: SpellingContext): Ranked[] {
  const all = dictionary
    .candidates(lower)
    // no abbreviations ("vs", "pp"): a word has a vowel
    .filter((c) => c.word.length > 1 && /[aeiouy]/.test(c.word))
    .map(({ word: candidate, distance }) => ({ candidate, score: score(lower, candidate, distance, context) }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  // a British spelling is right as typed, whichever candidate the context prefers
  const contenders = all.filter((r) => r.score <= (all[0]?.score ?? 0) + CONTEXT_POOL);
  if (contenders.some((r) => isBritishVariant(lower, r.candidate))) return [];
  // When the closest word lacks the typed ending, only its own -s form may take its place ("probles":
  // "problem" -> "problems"); any other word would be a guess ("nocive" is not "native").
  // (A rare closest word, "bod" for "bood", is no favourite: it is out for being rare, not for its ending.)
  const favourite = all.find((r) => /['’ ]/.test(r.candidate) || context.isUsedWord(r.candidate));
  const ranked = all.filter(
    (r) =>
      isPlausible(lower, r.candidate, context.isUsedWord) &&
      (r === favourite ||
        favourite === undefined ||
        isPlausible(lower, favourite.candidate, context.isUsedWord) ||
        isPluralOf(r.candidate, favourite.candidate)),
  );
  return context.fitOf === undefined ? ranked : rerankInContext(lower, ranked, context, context.fitOf);
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
  const [best, ...others] = rankSpelling(lower, dictionary, context);
  if (best === undefined || best.score > MAX_SCORE) return undefined;
  // the runner-up that would be another word: "purposes" for "perpose" is a near miss, "test" for
  // "tast" (taste?) a guess
  const rival = others.find((r) => !isSameWordFamily(best.candidate, r.candidate));
  if (rival !== undefined && rival.score - best.score < MIN_MARGIN) return undefined;
  const corrected = capitalizeLike(normalized, best.candidate);
  return word.includes('’') ? corrected.replace(/'/g, '’') : corrected;
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
function irregularFix(doc: SegmentedText, index: number, lower: string, dictionary: SpellDictionary) {
  const regular = regularizedForm(lower, (stem) => dictionary.correct(stem));
  if (regular === undefined || regular.base === 'be') return undefined;
  if (regular.kind !== 'past') return { regular, form: regular.forms[0]! };
  let previous = doc.previousToken(index);
  while (previous !== -1 && ADVERB.test(doc.segments[previous]!.text.toLowerCase()))
    previous = doc.previousToken(previous);
  const before = previous === -1 ? '' : doc.segments[previous]!.text.toLowerCase().replace(/’/g, "'");
  return { regular, form: regular.forms[PARTICIPLE_BEFORE.has(before) ? 1 : 0]! };
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
    const fix = correctSpelling(word, dictionary, { textWords, isUsedWord, ...(fitOf ? { fitOf } : {}) });
    if (fix !== undefined) doc.rewrite(i, fix, { kind: 'spelling', message: `spelling: "${fix}"`, rule: 'spelling' });
    else
      doc.flag(i, i, {
        kind: 'spelling',
        message: `"${word}" is not in the dictionary and has no safe correction`,
        rule: 'spelling',
      });
  }
}
