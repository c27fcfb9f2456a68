// Two words written as one ("inorder", "hardwork", "thirdworld"): an unknown word that splits into two
// common words, each of at least two letters, that the trigram model finds a common pair, is written
// apart. The pair test keeps "belive" from becoming "be live" and "todays" "to days"; without the model
// no word is split.
import type { NgramModel } from '../check/ngram-model.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { wordCount } from '../lexicon/word-frequency.ts';

// the rarer half must be at least this common in the frequency list (SUBTLEX-US counts)
const MIN_HALF_COUNT = 1000;
const MIN_HALF_LENGTH = 2;
// log10 P(right | left): the pair is a phrase people write ...
const MIN_PAIR_LOG_PROB = -2.5;
// ... and the left half makes the right one likelier than a sentence start does (a phrase, not chance)
const MIN_PAIR_LIFT = 1.0;

/** "in order" for "inorder", or undefined when no split into a common pair of words exists. */
export function splitJoinedWords(lower: string, dictionary: SpellDictionary, model: NgramModel): string | undefined {
  let best: { text: string; logProb: number } | undefined;
  for (let at = MIN_HALF_LENGTH; at <= lower.length - MIN_HALF_LENGTH; at++) {
    const left = lower.slice(0, at);
    const right = lower.slice(at);
    if (!dictionary.correct(left) || !dictionary.correct(right)) continue;
    if (Math.min(wordCount(left), wordCount(right)) < MIN_HALF_COUNT) continue;
    const [leftId, rightId] = [model.wordId(left), model.wordId(right)];
    if (leftId === model.unknown || rightId === model.unknown) continue;
    const logProb = model.logProb(rightId, leftId, model.unknown);
    const lift = logProb - model.logProb(rightId, model.unknown, model.unknown);
    if (logProb < MIN_PAIR_LOG_PROB || lift < MIN_PAIR_LIFT) continue;
    if (best === undefined || logProb > best.logProb) best = { text: `${left} ${right}`, logProb };
  }
  return best?.text;
}
