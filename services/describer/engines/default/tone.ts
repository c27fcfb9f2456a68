// Sentiment from VADER (vader-sentiment): a lexicon of rated words plus rules for negation ("not good"),
// intensifiers ("very"), capitals, "but" and exclamation marks. The analyzer's own steps are run here
// one word at a time (polarity_scores returns only totals), so the explanation can name the words that
// moved the score, each as VADER weighed it: "not bad" counts as positive.
import type { Readers } from './nlp-libraries.ts';

export interface SentimentReading {
  /** VADER's compound score, -1 (most negative) .. 1 (most positive). */
  compound: number;
  /** Words with their weight after negation and intensifiers, strongest first. */
  positive: string[];
  negative: string[];
}

const NEGATION = /^(?:not|no|never|none|nothing|nobody|nowhere|neither|nor|without|hardly|cannot|\w+n't)$/iu;
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const ALL_CAPS = /^[^a-z]*[A-Z]+[^a-z]*$/u;

/** VADER's words: split on white space, punctuation trimmed off the ends, emoticons ":)" kept whole. */
function vaderWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/\s+/u)) {
    if (token.length < 2) continue;
    const bare = token.replace(EDGE_PUNCTUATION, '');
    words.push(bare.length >= 2 ? bare : token);
  }
  return words;
}

export function readSentiment(readers: Readers, original: string): SentimentReading {
  const vader = readers.vader;
  const text = original.replaceAll('’', "'");
  const words = vaderWords(text);
  const capitals = words.filter((w) => ALL_CAPS.test(w)).length;
  const sentiText = { words_and_emoticons: words, is_cap_diff: capitals > 0 && capitals < words.length };
  let sentiments: number[] = [];
  words.forEach((word, i) => {
    // As in VADER: "kind of" is a hedge, not kindness.
    if (word.toLowerCase() === 'kind' && words[i + 1]?.toLowerCase() === 'of') sentiments.push(0);
    else sentiments = vader.sentiment_valence(0, sentiText, word, i, sentiments);
  });
  sentiments = vader.but_check(words, sentiments);
  const { compound } = vader.score_valence(sentiments, text);
  const moved = words
    .map((word, i) => ({ word, weight: sentiments[i] ?? 0, i }))
    .filter((w) => w.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const named = (w: { word: string; weight: number; i: number }): string => {
    // A word that VADER turned around names the negation with it.
    const alone = vader.sentiment_valence(0, { words_and_emoticons: [w.word], is_cap_diff: false }, w.word, 0, [])[0];
    const flipped = alone !== undefined && Math.sign(alone) !== Math.sign(w.weight);
    const window = words.slice(Math.max(0, w.i - 3), w.i);
    const negation = flipped ? window.findIndex((word) => NEGATION.test(word)) : -1;
    return (negation < 0 ? w.word : [...window.slice(negation), w.word].join(' ')).toLowerCase();
  };
  return {
    compound,
    positive: [...new Set(moved.filter((w) => w.weight > 0).map(named))],
    negative: [...new Set(moved.filter((w) => w.weight < 0).map(named))],
  };
}

/** 1 very negative .. 3 neutral .. 5 very positive, at VADER's own neutral band of +-0.05. */
export function sentimentScore(compound: number): number {
  if (compound <= -0.6) return 1;
  if (compound < -0.05) return 2;
  if (compound <= 0.05) return 3;
  if (compound < 0.6) return 4;
  return 5;
}
