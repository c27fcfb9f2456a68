// How well a spelling candidate fits the words around it, by the word trigram model: "of youg
// generation" reads as "young", "many tims" as "times". Edit distance alone cannot tell "youg" ->
// "your" from "young"; the model's probability of the candidate after the two words before it and of
// the two words after it given the candidate can.
import type { NgramModel } from '../check/ngram-model.ts';
import type { SegmentedText } from '../segments.ts';

/** log10 probability of the words around a position with `candidate` in it. */
export type ContextFit = (candidate: string) => number;

const NEIGHBOURS = 2;
// the fit of a word the model does not know: below any known word's in the same place
const UNKNOWN_FIT = -12;

/** Up to two words on one side of `index`, nearest first, stopping at punctuation or a line break. */
function neighbours(doc: SegmentedText, index: number, step: (i: number) => number): string[] {
  const words: string[] = [];
  let at = index;
  while (words.length < NEIGHBOURS) {
    const next = step(at);
    if (next === -1) break;
    const gap = next < at ? doc.between(next, at) : doc.between(at, next);
    const segment = doc.segments[next]!;
    if (!/^ +$/.test(gap) || segment.type !== 'word') break;
    words.push(segment.text.toLowerCase().replace(/’/g, "'"));
    at = next;
  }
  return words;
}

export function contextFitAt(doc: SegmentedText, index: number, model: NgramModel): ContextFit {
  const before = neighbours(doc, index, (i) => doc.previousToken(i)).map((word) => model.wordId(word));
  const after = neighbours(doc, index, (i) => doc.nextToken(i)).map((word) => model.wordId(word));
  const { unknown } = model;
  return (candidate) => {
    // candidates with a space ("a lot") are scored on their last word
    const id = model.wordId(candidate.toLowerCase().split(' ').at(-1)!);
    if (id === unknown) return UNKNOWN_FIT;
    const ids = [before[1] ?? unknown, before[0] ?? unknown, id, ...after];
    let sum = 0;
    for (let k = 2; k < ids.length; k++) {
      if (ids[k] === unknown) break;
      sum += model.logProb(ids[k]!, ids[k - 1]!, ids[k - 2]!);
    }
    return sum;
  };
}
