// Capitals: the pronoun "I" and the first word of a sentence.
import type { SegmentedText } from '../segments.ts';
import { isSentenceStart, wordIndices } from './sentence.ts';

export function fixCapitalization(doc: SegmentedText): void {
  for (const i of wordIndices(doc)) {
    const text = doc.segments[i]!.text;
    if (/^i(?:['’](?:m|ll|ve|d))?$/.test(text)) {
      doc.rewrite(i, `I${text.slice(1)}`, {
        kind: 'capitalization',
        message: 'the pronoun "I" is capitalized',
        rule: 'capital.i',
      });
    } else if (/^\p{Ll}+(?:['’-]\p{L}+)*$/u.test(text) && isSentenceStart(doc, i)) {
      doc.rewrite(i, text[0]!.toUpperCase() + text.slice(1), {
        kind: 'capitalization',
        message: 'capital letter at the start of a sentence',
        rule: 'capital.sentence_start',
      });
    }
  }
}
