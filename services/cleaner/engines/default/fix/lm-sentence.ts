// The text as the word trigram model reads it, and what an edit does to its probability. Words become
// slots (a token of several words, like an article put in earlier, gives one slot per word); punctuation,
// a line break or a protected token cuts the history, and a sentence's last word is followed by the
// end-of-sentence symbol. An edit replaces a few slots; only the trigrams that cover it change, so its
// gain is the log10 probability of those trigrams after the edit minus before it.
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

/** Slots [at, at + remove) replaced by `words` (ids): an insertion removes none, a deletion adds none. */
export interface SlotEdit {
  at: number;
  remove: number;
  words: readonly number[];
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

  /** log10 probability of slots [from, to) in `slots`: each word given its history, and the sentence end. */
  private score(slots: readonly Slot[], from: number, to: number): number {
    const { model } = this;
    const unknown = model.unknown;
    let sum = 0;
    for (let p = from; p < to; p++) {
      const slot = slots[p]!;
      if (slot.id === unknown) continue;
      const before1 = slot.cut || p < 1 ? unknown : slots[p - 1]!.id;
      const before2 = slot.cut || p < 2 || slots[p - 1]!.cut ? unknown : slots[p - 2]!.id;
      sum += model.logProb(slot.id, before1, before2);
      if (slot.end) sum += model.logProb(this.end, slot.id, slot.cut ? unknown : before1);
    }
    return sum;
  }

  /**
   * The edit's gain in log10 probability: the trigrams of the new words and of the two words after
   * them, against the same stretch before the edit. An edit that would end a sentence early or start
   * one late (deleting its last word, changing a clause's first word's cut) keeps the old marks.
   */
  gain(edit: SlotEdit): number {
    const { slots } = this;
    const { at, remove, words } = edit;
    const first = Math.max(0, at - 2);
    const stop = Math.min(slots.length, at + remove + 2);
    const old = slots.slice(first, stop);
    const replaced = slots.slice(at, at + remove);
    const head = replaced[0] ?? slots[at];
    const tail = replaced.at(-1);
    const inserted: Slot[] = words.map((id, w) => ({
      id,
      cut: w === 0 && (head?.cut ?? false),
      end: w === words.length - 1 && (tail?.end ?? false),
      token: -1,
      whole: true,
    }));
    const rest = slots.slice(at + remove, stop).map((slot, r) =>
      // an insertion takes the cut of the word it goes before
      r === 0 && remove === 0 && words.length > 0 ? { ...slot, cut: false } : slot,
    );
    // a deletion passes a clause start on to the word after it
    if (words.length === 0 && head?.cut && rest[0] !== undefined) rest[0] = { ...rest[0], cut: true };
    const next = [...slots.slice(first, at), ...inserted, ...rest];
    const offset = at - first;
    return this.score(next, offset, next.length) - this.score(old, offset, old.length);
  }

  /** Is `id` a word the model knows? */
  knows(id: number): boolean {
    return id !== this.model.unknown;
  }
}
