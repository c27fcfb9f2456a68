// Sentiment from VADER (vader-sentiment): a lexicon of rated words plus rules for negation ("not good"),
// intensifiers ("very"), capitals, "but" and exclamation marks. The analyzer's own steps are run here
// one word at a time (polarity_scores returns only totals), so the explanation can name the words that
// moved the score, each as VADER weighed it: "not bad" counts as positive. Three adjustments for
// customer messages, which VADER (rated on social media posts) misreads:
// - sentence by sentence, as VADER's authors advise for longer text, so that "does not work. Very
//   annoying." does not negate "annoying" across the full stop;
// - names and other entities carry no tone ("Best Buy", "Amazon"), and neither do the formulas of a
//   request ("please", "I would like", "I want"), which VADER rates positive;
// - complaints are often told as plain facts VADER has no rating for ("never arrived", "still waiting",
//   "overcharged"): these count as negative words, named in the explanation like any other.
import type { EntitySpan } from './entity-patterns.ts';
import type { Readers } from './nlp-libraries.ts';
import type { Sentence } from './segmentation.ts';

export interface SentimentReading {
  /** VADER's compound score, -1 (most negative) .. 1 (most positive). */
  compound: number;
  /** Words with their weight after negation and intensifiers, strongest first. */
  positive: string[];
  negative: string[];
}

const NEGATION = /^(?:not|no|never|none|nothing|nobody|nowhere|neither|nor|without|hardly|cannot|\w+n't)$/iu;
const REQUEST_WORDS = new Set(['please', 'pls', 'plz', 'kindly', 'want', 'wants', 'wanted']);
const COMPLAINT_VALENCE = -2;
const COMPLAINTS =
  /\b(?:never (?:arrived|came|showed up|answered|received|got)|still (?:waiting|no|not|nothing|open|broken)|(?:no|nobody|no one) (?:answers?|answered|replies|replied|responds?|helps?|helped|cares|could help)|(?:did|does|do|is|was|has) not (?:work|even answer|arrive|come|respond)|(?:doesn't|didn't|don't|isn't|wasn't|won't) (?:work|arrive|respond|answer)|stopped (?:working|charging)|not working|crash(?:es|ed|ing)?|over ?charged|charged (?:twice|two times|again)|missing|damaged|cracked|leaking|leaks|broke|broken|expired|spoiled|scratche[sd]|peeled|shrank|sagging|refuses?|lost (?:my|our|the)|for nothing|never again|wrong (?:size|item|colou?r|product|order)|again\?)/giu;
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

/** The text with every entity blanked out, so that names and numbers carry no tone. */
function withoutEntities(text: string, entities: readonly EntitySpan[]): string {
  let masked = text;
  for (const entity of entities) {
    masked = masked.slice(0, entity.start) + ' '.repeat(entity.end - entity.start) + masked.slice(entity.end);
  }
  return masked;
}

interface Weighed {
  word: string;
  weight: number;
}

/** VADER's steps over one sentence: the weight of each word after negation, intensifiers and "but". */
function weighSentence(readers: Readers, sentence: string): Weighed[] {
  const vader = readers.vader;
  const words = vaderWords(sentence);
  const capitals = words.filter((w) => ALL_CAPS.test(w)).length;
  const sentiText = { words_and_emoticons: words, is_cap_diff: capitals > 0 && capitals < words.length };
  let sentiments: number[] = [];
  words.forEach((word, i) => {
    const lower = word.toLowerCase();
    const request = REQUEST_WORDS.has(lower) || (lower === 'like' && /^(?:would|'d|i'd)$/iu.test(words[i - 1] ?? ''));
    // As in VADER: "kind of" is a hedge, not kindness.
    if (request || (lower === 'kind' && words[i + 1]?.toLowerCase() === 'of')) sentiments.push(0);
    else sentiments = vader.sentiment_valence(0, sentiText, word, i, sentiments);
  });
  sentiments = vader.but_check(words, sentiments);
  const weighed = words.map((_word, i) => ({
    word: named(readers, words, i, sentiments[i] ?? 0),
    weight: sentiments[i] ?? 0,
  }));
  for (const match of sentence.matchAll(COMPLAINTS))
    weighed.push({ word: match[0].toLowerCase(), weight: COMPLAINT_VALENCE });
  return weighed;
}

/** The word, or the negation with it when VADER turned the word around ("not bad"). */
function named(readers: Readers, words: readonly string[], i: number, weight: number): string {
  const word = words[i]!;
  if (weight === 0) return word;
  const alone = readers.vader.sentiment_valence(0, { words_and_emoticons: [word], is_cap_diff: false }, word, 0, [])[0];
  const flipped = alone !== undefined && Math.sign(alone) !== Math.sign(weight);
  const window = words.slice(Math.max(0, i - 3), i);
  const negation = flipped ? window.findIndex((w) => NEGATION.test(w)) : -1;
  return (negation < 0 ? word : [...window.slice(negation), word].join(' ')).toLowerCase();
}

export function readSentiment(
  readers: Readers,
  original: string,
  sentences: readonly Sentence[],
  entities: readonly EntitySpan[],
): SentimentReading {
  const text = withoutEntities(original.replaceAll('’', "'"), entities);
  const weighed = sentences.flatMap((sentence) => weighSentence(readers, text.slice(sentence.start, sentence.end)));
  // score_valence sums the weights and adds the text's "!" and "?" emphasis, as polarity_scores does.
  const { compound } = readers.vader.score_valence(
    weighed.map((w) => w.weight),
    text,
  );
  const moved = weighed.filter((w) => w.weight !== 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    compound,
    positive: [...new Set(moved.filter((w) => w.weight > 0).map((w) => w.word.toLowerCase()))],
    negative: [...new Set(moved.filter((w) => w.weight < 0).map((w) => w.word.toLowerCase()))],
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
