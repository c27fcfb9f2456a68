// Style traits from lexical signals: counted words and phrases, exclamation marks, shouting and sentence
// length. Crude but deterministic and explainable: every score comes with the evidence it rests on.
// The word lists are English; for other languages only clarity is language-independent. Sentiment and
// urgency come from tone.ts and urgency.ts.
import type { TraitName } from '../../tasks/index.ts';
import { TRAIT_EXPLANATION_MAX } from '../../tasks/index.ts';
import type { Sentence, Word } from './segmentation.ts';

export interface TraitScore {
  score: number;
  explanation: string;
}

export type TraitScores = Record<TraitName, TraitScore>;
export type StyleScores = Pick<TraitScores, 'clarity' | 'politeness' | 'formality'>;

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

// A trailing "*" marks a prefix ("apologi*" counts "apologise" and "apologize"); everything else must
// match whole words, so "hell" does not fire on "hello". Contractions ("n't") attach to their word.
function pattern(phrases: readonly string[]): RegExp {
  const alternatives = phrases.map((p) => {
    const body = p.endsWith('*') ? `${p.slice(0, -1)}\\p{L}*` : `${p}(?!\\p{L})`;
    return p.includes("'") ? body : `(?<!\\p{L})${body}`;
  });
  return new RegExp(`(?:${alternatives.join('|')})`, 'giu');
}

const PATTERNS = {
  polite: pattern(POLITE),
  rude: pattern(RUDE),
  formal: pattern(FORMAL),
  informal: pattern(INFORMAL),
};

function found(text: string, regex: RegExp): string[] {
  return [...new Set((text.match(regex) ?? []).map((m) => m.toLowerCase()))];
}

function clampScore(value: number): number {
  return Math.min(5, Math.max(1, Math.round(value)));
}

export function explain(parts: readonly string[]): string {
  const text = parts.join('; ');
  return text.length <= TRAIT_EXPLANATION_MAX ? text : `${text.slice(0, TRAIT_EXPLANATION_MAX - 1)}…`;
}

export function listed(label: string, words: readonly string[]): string {
  return words.length === 0
    ? `no ${label}`
    : `${label}: ${words
        .slice(0, 5)
        .map((w) => `"${w}"`)
        .join(', ')}`;
}

export function scoreStyle(original: string, words: readonly Word[], sentences: readonly Sentence[]): StyleScores {
  const text = original.replaceAll('’', "'");
  const exclamations = text.match(/!/g)?.length ?? 0;
  const shouting = words.filter(
    (w) => w.text.length >= 3 && /\p{Lu}/u.test(w.text) && w.text === w.text.toUpperCase(),
  ).length;
  const polite = found(text, PATTERNS.polite);
  const rude = found(text, PATTERNS.rude);
  const formal = found(text, PATTERNS.formal);
  const informal = found(text, PATTERNS.informal);
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
    formality: {
      score: clampScore(3 + Math.min(2, formal.length) - Math.min(2, informal.length) - (exclamations >= 2 ? 1 : 0)),
      explanation: explain([listed('formal markers', formal), listed('informal markers', informal)]),
    },
  };
}
