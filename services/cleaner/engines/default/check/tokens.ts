// The token row the checker's signals look at: words (lower-cased copy kept), protected tokens (URLs,
// e-mails, code: never judged) and single punctuation marks, with offsets into the checked text. The
// words come from the cleaner's own segmentation, so both see the same words.
import { SegmentedText } from '../segments.ts';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'punct' | 'protected';
  /** Whitespace before the token (empty when glued to the previous one). */
  spaceBefore: string;
}

function token(text: string, value: string, start: number, kind: Token['kind'], last: number): Token {
  return {
    text: value,
    lower: value.toLowerCase().replace(/’/g, "'"),
    start,
    end: start + value.length,
    kind,
    spaceBefore: text.slice(last, start),
  };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const segment of new SegmentedText(text).segments) {
    if (segment.type === 'gap') {
      for (const mark of segment.original.matchAll(/\S/gu)) {
        const start = segment.start + mark.index;
        tokens.push(token(text, mark[0], start, 'punct', last));
        last = start + 1;
      }
      continue;
    }
    const kind = segment.type === 'protected' ? 'protected' : /^\p{N}/u.test(segment.original) ? 'number' : 'word';
    tokens.push(token(text, segment.original, segment.start, kind, last));
    last = segment.end;
  }
  return tokens;
}

/** The sentence-initial token indices: the first word, and the first word after . ! ? */
export function sentenceStarts(tokens: readonly Token[]): Set<number> {
  const starts = new Set<number>();
  let expecting = true;
  tokens.forEach((token, i) => {
    if (token.kind === 'punct') {
      if (/[.!?]/.test(token.text) && tokens[i + 1]?.spaceBefore !== '') expecting = true;
      return;
    }
    if (expecting) starts.add(i);
    expecting = false;
  });
  return starts;
}
