// The text as the word trigram model reads it, and what an edit does to its probability. Words become
// slots (a token of several words, like an article a phrase rule put in, gives one slot per word);
// punctuation, a line break or a protected token cuts the history, and a sentence's last word is
// followed by the end-of-sentence symbol. Changing one word changes only the trigrams that cover it, so
// its gain is the log10 probability of those three trigrams after the change minus before it.
import type { NgramModel } from '../check/ngram-model.ts';
import type { WordView } from './word-view.ts';

export interface Slot {
  /** The model's word id (`model.unknown` for a word it lacks). */
  id: number;
  /** The history stops before this slot: the start of a clause or of the text. */
  cut: boolean;
  /** The sentence ends after this slot (the end-of-sentence symbol follows it). */
  end: boolean;
  /** The view token the slot comes from, and whether the token is this one word alone. */
  token: number;
  whole: boolean;
}

const SENTENCE_END = /[.!?]/;

export function modelSlots(view: WordView, model: NgramModel): Slot[] {
  const slots: Slot[] = [];
  view.tokens.forEach((token, k) => {
    // a protected token (a URL, a code name) is no word of the model's: the word after it is not
    // joined() to it, so the history stops there
    if (!token.isWord) return;
    const words = token.lower.split(' ');
    const cut = !view.joined(k);
    words.forEach((word, w) => {
      slots.push({ id: model.wordId(word), cut: cut && w === 0, end: false, token: k, whole: words.length === 1 });
    });
    const next = view.tokens[k + 1];
    if (next === undefined || SENTENCE_END.test(next.gapBefore) || /\n\s*\n/.test(next.gapBefore))
      slots.at(-1)!.end = true;
  });
  return slots;
}

export class SentenceScorer {
  private readonly model: NgramModel;
  private readonly slots: readonly Slot[];
  private readonly end: number;

  constructor(model: NgramModel, slots: readonly Slot[]) {
    this.model = model;
    this.slots = slots;
    this.end = model.wordId('</s>');
  }

  /** The id of slot p, or `id` when p is `at`. */
  private idAt(p: number, at: number, id: number): number {
    return p === at ? id : this.slots[p]!.id;
  }

  /**
   * log10 probability of the slot `at` holding `id` and of the two slots after it (each word given its
   * history, and the sentence end where one follows): the trigrams a change of that one word touches.
   * A change's gain is this with the new word minus this with the word as written. Every term is at
   * most 0, so once the sum falls below `floor` it can only fall further: the scoring stops there and
   * returns what it has (a candidate that cannot win costs one or two lookups instead of four).
   */
  window(at: number, id: number, floor = Number.NEGATIVE_INFINITY): number {
    const { model, slots } = this;
    const unknown = model.unknown;
    let sum = 0;
    for (let p = at; p < Math.min(slots.length, at + 3); p++) {
      const slot = slots[p]!;
      const word = this.idAt(p, at, id);
      // a later clause does not see the word
      if (p > at && slot.cut) break;
      if (word === unknown) continue;
      const before1 = slot.cut || p < 1 ? unknown : this.idAt(p - 1, at, id);
      const before2 = slot.cut || p < 2 || slots[p - 1]!.cut ? unknown : this.idAt(p - 2, at, id);
      sum += model.logProb(word, before1, before2);
      if (slot.end) sum += model.logProb(this.end, word, slot.cut ? unknown : before1);
      if (sum < floor) return sum;
    }
    return sum;
  }
}
