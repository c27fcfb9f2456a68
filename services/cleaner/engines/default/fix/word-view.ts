// The tokens a row rule reads: the text's words and protected tokens as they stand after the fixers
// before it, each with the gap before it, so a rule can ask "the next word, one space away".
import type { SegmentedText } from '../segments.ts';
import { isSentenceStart } from './sentence.ts';

export interface ViewToken {
  /** Segment index in the document. */
  index: number;
  text: string;
  lower: string;
  isWord: boolean;
  /** The text between the previous token and this one. */
  gapBefore: string;
}

export class WordView {
  readonly tokens: ViewToken[] = [];
  private readonly doc: SegmentedText;

  constructor(doc: SegmentedText) {
    this.doc = doc;
    let gap = '';
    doc.segments.forEach((segment, index) => {
      if (segment.type === 'gap') {
        gap += segment.text;
        return;
      }
      if (segment.text === '') return; // a word a fixer removed
      const text = segment.text;
      this.tokens.push({
        index,
        text,
        lower: text.toLowerCase().replace(/’/g, "'"),
        isWord: segment.type === 'word',
        gapBefore: gap,
      });
      gap = '';
    });
  }

  /** Lower-case text of token k ('' outside the text). */
  lower(k: number): string {
    return this.tokens[k]?.lower ?? '';
  }

  /** Token k is a word that follows token k-1 after exactly one space (same clause, no punctuation). */
  joined(k: number): boolean {
    const token = this.tokens[k];
    return token?.isWord === true && k > 0 && token.gapBefore === ' ' && this.tokens[k - 1]!.isWord;
  }

  /** Token k ends its clause: punctuation or the end of the text follows it. */
  endsClause(k: number): boolean {
    const next = this.tokens[k + 1];
    return next === undefined ? true : /[.,;:!?]/.test(next.gapBefore);
  }

  /** Token k is the last of the text, with nothing but whitespace after it. */
  isLastInText(k: number): boolean {
    const token = this.tokens[k];
    if (token === undefined || k !== this.tokens.length - 1) return false;
    return this.doc.segments.slice(token.index + 1).every((segment) => /^\s*$/.test(segment.text));
  }

  startsSentence(k: number): boolean {
    const token = this.tokens[k];
    return token !== undefined && isSentenceStart(this.doc, token.index);
  }
}
