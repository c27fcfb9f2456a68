// Candidates for an unknown word, ranked, and the choice among them: a spelling correction only when
// one candidate clearly wins and is plausible (a word people use, with the typed word's ending where
// that ending carries meaning). The dictionary proposes candidates; they are ranked by weighted edit
// distance, sound, word frequency, whether the writer used the candidate elsewhere in the same text
// and, with the trigram model, how it fits the words around it. A near tie is no choice: the caller
// leaves the word alone and flags it.
import { commonRank } from '../lexicon/common-words.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { isMassNoun } from '../lexicon/inflection.ts';
import { phoneticKey } from '../lexicon/word-distance.ts';
import { wordCount } from '../lexicon/word-frequency.ts';
import { CLOSED_CLASS, DETERMINERS } from '../lexicon/word-lists.ts';
import type { ContextFit } from './spelling-context.ts';

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

interface Weights {
  /** Below this lead over the runner-up the choice is a guess: the word is left alone and flagged. */
  minMargin: number;
  /** A candidate that sounds like the typed word. */
  sound: number;
  /** A candidate on the list of common words (its first 400 the most common). */
  common: number;
  listed: number;
}

// With the trigram model the context separates candidates, and a near tie after it is a real guess
// ("baly": "billy", "belly" or "badly"?). Without it, spelling and frequency are all there is: a
// smaller margin, and common words weigh more.
const IN_CONTEXT: Weights = { minMargin: 0.2, sound: 0.3, common: 0.2, listed: 0.15 };
const SPELLING_ONLY: Weights = { minMargin: 0.05, sound: 0.5, common: 0.6, listed: 0.4 };

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

const VOWEL = /[aeiouy]/;

/**
 * Does `candidate` end in `ending` but for its vowels ("belive" -> "believe": "ive" for "eve")? Only a
 * long ending: a vowel decides a short one ("baed" is not "bead").
 */
function isEndingWithOtherVowels(ending: string, candidate: string): boolean {
  if (ending.length < 3 || candidate.length < ending.length) return false;
  const tail = candidate.slice(-ending.length);
  for (let k = 0; k < ending.length; k++) {
    const [a, b] = [ending[k]!, tail[k]!];
    if (a !== b && !(VOWEL.test(a) && VOWEL.test(b))) return false;
  }
  return true;
}

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
    return (
      candidate.endsWith(ending) ||
      // the ending's last letter written once where the word doubles it: "footbal" -> "football"
      candidate.endsWith(ending + ending.slice(-1)) ||
      allowed.test(candidate) ||
      (allowed.source === 's$' && isMassNoun(candidate)) ||
      isEndingWithOtherVowels(ending, candidate)
    );
  }
  return true;
}

function isPluralOf(plural: string, singular: string): boolean {
  return plural === `${singular}s` || plural === `${singular}es` || plural === `${singular.slice(0, -1)}ies`;
}

function score(typed: string, candidate: string, distance: number, context: SpellingContext): number {
  let value = distance;
  const weights = context.fitOf === undefined ? SPELLING_ONLY : IN_CONTEXT;
  if (phoneticKey(typed) === phoneticKey(candidate)) value -= weights.sound;
  const rank = commonRank(candidate);
  if (rank !== undefined) value -= rank < 400 ? weights.common : weights.listed;
  if (context.textWords.has(candidate.toLowerCase())) value -= 0.3;
  value -= FREQUENCY_WEIGHT * Math.log10(1 + wordCount(candidate));
  if (typed[0]!.toLowerCase() !== candidate[0]!.toLowerCase()) value += 0.5;
  if (/['’ ]/.test(candidate) && !/['’]/.test(typed)) value += 0.3;
  // another clitic than the typed one: "need't" is not "need's"
  const typedClitic = /['’](\p{L}+)$/u.exec(typed)?.[1];
  const candidateClitic = /'(\p{L}+)$/u.exec(candidate)?.[1];
  if (typedClitic !== undefined && candidateClitic !== undefined && typedClitic !== candidateClitic) value += 0.5;
  // a typed plural is meant as a plural more often than as a possessive ("pollutions")
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

export interface Ranking {
  /** Plausible candidates, best first, scored (lower is better) by spelling, frequency and context. */
  ranked: Ranked[];
  /** The typed word is a British spelling of a close candidate ("colourful"): right as typed. */
  british: boolean;
}

/** Candidates for a misspelled lower-case word. */
export function rankSpelling(lower: string, dictionary: SpellDictionary, context: SpellingContext): Ranking {
  const all = dictionary
    .candidates(lower)
    // no abbreviations ("vs", "pp"): a word has a vowel
    .filter((c) => c.word.length > 1 && /[aeiouy]/.test(c.word))
    .map(({ word: candidate, distance }) => ({ candidate, score: score(lower, candidate, distance, context) }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  // a British spelling is right as typed, whichever candidate the context prefers
  const contenders = all.filter((r) => r.score <= (all[0]?.score ?? 0) + CONTEXT_POOL);
  if (contenders.some((r) => isBritishVariant(lower, r.candidate))) return { ranked: [], british: true };
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
  const inContext = context.fitOf === undefined ? ranked : rerankInContext(lower, ranked, context, context.fitOf);
  return { ranked: inContext, british: false };
}

/** What to do with an unknown word: correct it, leave it (right as typed), or leave it and flag it. */
export type SpellingChoice = { kind: 'correct'; word: string } | { kind: 'right' } | { kind: 'unsure' };

/** The confident correction of a word, if it is misspelt and one candidate clearly wins. */
export function correctSpelling(word: string, dictionary: SpellDictionary, context: SpellingContext): SpellingChoice {
  const normalized = word.replace(/’/g, "'");
  const lower = normalized.toLowerCase();
  const isCapitalized = normalized !== lower;
  // sentence-initial capitals: "Tecnologies" is checked as "tecnologies"
  if (dictionary.correct(normalized) || (isCapitalized && dictionary.correct(lower))) return { kind: 'right' };
  const { ranked, british } = rankSpelling(lower, dictionary, context);
  if (british) return { kind: 'right' };
  const [best, ...others] = ranked;
  if (best === undefined || best.score > MAX_SCORE) return { kind: 'unsure' };
  // the runner-up that would be another word: "purposes" for "perpose" is a near miss, "test" for
  // "tast" (taste?) a guess
  const rival = others.find((r) => !isSameWordFamily(best.candidate, r.candidate));
  const { minMargin } = context.fitOf === undefined ? SPELLING_ONLY : IN_CONTEXT;
  if (rival !== undefined && rival.score - best.score < minMargin) return { kind: 'unsure' };
  const corrected = capitalizeLike(normalized, best.candidate);
  return { kind: 'correct', word: word.includes('’') ? corrected.replace(/'/g, '’') : corrected };
}
