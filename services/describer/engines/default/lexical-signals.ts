// Tone traits from lexical signals: counted words and phrases, exclamation marks, shouting and sentence
// length. Crude but deterministic and explainable: every score comes with the evidence it rests on.
// The word lists are English; for other languages only clarity is language-independent.
import type { TraitName } from '../../tasks/index.ts';
import { TRAIT_EXPLANATION_MAX } from '../../tasks/index.ts';
import type { Sentence, Word } from './segmentation.ts';

export interface TraitScore {
  score: number;
  explanation: string;
}

export type TraitScores = Record<TraitName, TraitScore>;

const POLITE = [
  'please',
  'thank you',
  'thanks',
  'appreciate*',
  'kindly',
  'sorry',
  'apologi*',
  'regards',
  'dear',
  'would you',
  'could you',
  'grateful',
];
const RUDE = [
  'stupid',
  'idiot',
  'ridiculous',
  'useless',
  'shut up',
  'damn',
  'wtf',
  'hell',
  'pathetic',
  'incompetent',
  'garbage',
];
const URGENT = [
  'urgent',
  'asap',
  'immediately',
  'right away',
  'as soon as possible',
  'emergency',
  'critical',
  'deadline',
  'today',
  'now',
  'quickly',
];
const FORMAL = [
  'dear',
  'regards',
  'sincerely',
  'therefore',
  'furthermore',
  'kindly',
  'hereby',
  'please find',
  'accordingly',
  'respectfully',
];
const INFORMAL = ["n't", "'m", "'re", "'ll", 'hey', 'lol', 'gonna', 'wanna', 'yeah', 'ok', 'cool', 'btw', 'thx', 'pls'];
const POSITIVE = [
  'good',
  'great',
  'excellent',
  'happy',
  'love*',
  'thank*',
  'pleased',
  'wonderful',
  'amazing',
  'perfect',
  'glad',
  'helpful',
  'appreciat*',
  'nice',
  'fantastic',
];
const NEGATIVE = [
  'bad',
  'terrible',
  'awful',
  'angry',
  'disappoint*',
  'unacceptable',
  'hate*',
  'broken',
  'worst',
  'poor*',
  'problem*',
  'frustrat*',
  'upset',
  'useless',
  'annoy*',
  'fail*',
];
const NEGATIONS = new Set(['not', 'no', 'never', "isn't", "wasn't", "don't", "doesn't", "didn't", 'hardly']);

// A trailing "*" marks a prefix ("apologi*" counts "apologise" and "apologize"); everything else must
// match whole words, so "hell" does not fire on "hello". Contractions ("n't") attach to their word.
function pattern(phrases: readonly string[]): RegExp {
  const alternatives = phrases.map((p) => {
    const body = p.endsWith('*') ? `${p.slice(0, -1)}\\p{L}*` : `${p}(?!\\p{L})`;
    return p.includes("'") ? body : `(?<!\\p{L})${body}`;
  });
  return new RegExp(`(?:${alternatives.join('|')})`, 'giu');
}

function matchesWord(word: string, entries: readonly string[]): boolean {
  return entries.some((e) => (e.endsWith('*') ? word.startsWith(e.slice(0, -1)) : word === e));
}

const PATTERNS = {
  polite: pattern(POLITE),
  rude: pattern(RUDE),
  urgent: pattern(URGENT),
  formal: pattern(FORMAL),
  informal: pattern(INFORMAL),
};

function found(text: string, regex: RegExp): string[] {
  return [...new Set((text.match(regex) ?? []).map((m) => m.toLowerCase()))];
}

function clampScore(value: number): number {
  return Math.min(5, Math.max(1, Math.round(value)));
}

function explain(parts: readonly string[]): string {
  const text = parts.join('; ');
  return text.length <= TRAIT_EXPLANATION_MAX ? text : `${text.slice(0, TRAIT_EXPLANATION_MAX - 1)}…`;
}

function listed(label: string, words: readonly string[]): string {
  return words.length === 0
    ? `no ${label}`
    : `${label}: ${words
        .slice(0, 5)
        .map((w) => `"${w}"`)
        .join(', ')}`;
}

/** Positive minus negative words, where a negation right before a word flips it ("not good"). */
function sentimentWords(words: readonly Word[]): { positive: string[]; negative: string[] } {
  const positive: string[] = [];
  const negative: string[] = [];
  words.forEach((word, i) => {
    const lower = word.text.toLowerCase();
    const negated = i > 0 && NEGATIONS.has(words[i - 1]!.text.toLowerCase());
    const isPositive = matchesWord(lower, POSITIVE);
    const isNegative = matchesWord(lower, NEGATIVE);
    if (isPositive === isNegative) return;
    (isPositive !== negated ? positive : negative).push(negated ? `not ${lower}` : lower);
  });
  return { positive, negative };
}

export function scoreTraits(original: string, words: readonly Word[], sentences: readonly Sentence[]): TraitScores {
  const text = original.replaceAll('’', "'");
  const exclamations = text.match(/!/g)?.length ?? 0;
  const shouting = words.filter(
    (w) => w.text.length >= 3 && /\p{Lu}/u.test(w.text) && w.text === w.text.toUpperCase(),
  ).length;
  const polite = found(text, PATTERNS.polite);
  const rude = found(text, PATTERNS.rude);
  const urgent = found(text, PATTERNS.urgent);
  const formal = found(text, PATTERNS.formal);
  const informal = found(text, PATTERNS.informal);
  const { positive, negative } = sentimentWords(words);
  const wordsPerSentence = sentences.length === 0 ? 0 : words.length / sentences.length;
  const longWords = words.length === 0 ? 0 : words.filter((w) => w.text.length >= 12).length / words.length;
  const clarity =
    wordsPerSentence <= 15
      ? 5
      : wordsPerSentence <= 20
        ? 4
        : wordsPerSentence <= 25
          ? 3
          : wordsPerSentence <= 35
            ? 2
            : 1;
  return {
    clarity: {
      score: clampScore(clarity - (longWords > 0.15 ? 1 : 0)),
      explanation: explain([
        `${wordsPerSentence.toFixed(1)} words per sentence`,
        `${Math.round(longWords * 100)}% very long words`,
      ]),
    },
    politeness: {
      score: clampScore(3 + Math.min(2, polite.length) - Math.min(2, rude.length) - (shouting >= 2 ? 1 : 0)),
      explanation: explain([
        listed('polite markers', polite),
        listed('rude markers', rude),
        `${shouting} all-caps words`,
      ]),
    },
    urgency: {
      score: clampScore(1 + Math.min(3, urgent.length) + (exclamations >= 2 ? 1 : 0)),
      explanation: explain([listed('urgency words', urgent), `${exclamations} exclamation marks`]),
    },
    formality: {
      score: clampScore(3 + Math.min(2, formal.length) - Math.min(2, informal.length) - (exclamations >= 2 ? 1 : 0)),
      explanation: explain([listed('formal markers', formal), listed('informal markers', informal)]),
    },
    sentiment: {
      score: clampScore(
        3 + Math.sign(positive.length - negative.length) * Math.min(2, Math.abs(positive.length - negative.length)),
      ),
      explanation: explain([
        listed('positive words', [...new Set(positive)]),
        listed('negative words', [...new Set(negative)]),
      ]),
    },
  };
}
