// Doubled words: "the the" -> "the", with the space between them.
import type { SegmentedText } from '../segments.ts';
import { nextWordAfterSpace, wordIndices } from './sentence.ts';

// Doubled words that can be right ("had had", "that that"), deliberate emphasis ("very very"), or a
// pronoun that ends one clause and starts the next without a comma ("if they fire you you lose").
const LEGITIMATE_REPEATS = new Set(
  `had that is do very so really many much far more bye no ha well again yeah la knock pretty long little by one
  two step over out round on go you it her`.split(/\s+/),
);

export function removeRepeatedWords(doc: SegmentedText): void {
  for (const i of wordIndices(doc)) {
    const next = nextWordAfterSpace(doc, i);
    if (next === -1) continue;
    const word = doc.segments[i]!.text;
    const lower = word.toLowerCase();
    if (lower !== doc.segments[next]!.text.toLowerCase() || !/^\p{L}+$/u.test(word) || LEGITIMATE_REPEATS.has(lower))
      continue;
    const group = doc.newGroup();
    const change = { kind: 'repeated_word', message: `repeated word "${word}"`, rule: 'repeated_word' } as const;
    doc.rewrite(next - 1, '', change, group);
    doc.rewrite(next, '', change, group);
  }
}
