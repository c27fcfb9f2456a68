// Rules on the gaps between words: Unicode normalization, odd and repeated spaces, and the spacing
// around punctuation. They change only whitespace and invisible characters, never letters.
import type { SegmentedText } from '../segments.ts';

const ODD_SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;

export function normalizeUnicode(doc: SegmentedText): void {
  doc.segments.forEach((segment, i) => {
    if (segment.type === 'protected') return;
    const text = segment.text.normalize('NFC').replace(INVISIBLE, '');
    if (text !== segment.text)
      doc.rewrite(i, text, {
        kind: 'normalization',
        message: 'Unicode normalization (NFC, invisible characters)',
        rule: 'unicode',
      });
  });
}

export function normalizeWhitespace(doc: SegmentedText): void {
  const last = doc.segments.length - 1;
  doc.segments.forEach((segment, i) => {
    if (segment.type !== 'gap') return;
    let text = segment.text.replace(ODD_SPACES, ' ');
    text = text.includes('\n') ? text.replace(/[ ]*(\r?\n)[ ]*/g, '$1') : text.replace(/ {2,}/g, ' ');
    if (i === 0) text = text.replace(/^\s+/, '');
    if (i === last) text = text.replace(/\s+$/, '');
    if (text !== segment.text)
      doc.rewrite(i, text, { kind: 'whitespace', message: 'normalize spaces', rule: 'whitespace' });
  });
}

const CLAUSE_PUNCTUATION = /^( +)([,;:!?]+|\.(?:\.\.)?)( |$)/;

/** `word ,` -> `word,`; `this,but` -> `this, but`; `car.And` -> `car. And`; `( aside )` -> `(aside)`. */
export function fixPunctuationSpacing(doc: SegmentedText): void {
  const segments = doc.segments;
  segments.forEach((segment, i) => {
    if (segment.type !== 'gap') return;
    const before = segments[i - 1];
    const after = segments[i + 1];
    if (before === undefined) return;
    let text = segment.text;
    // a space before clause punctuation that closes the previous word; not `3 . 5` style numbers
    const loose = CLAUSE_PUNCTUATION.exec(text);
    if (loose && !(/\d$/.test(before.text) && after !== undefined && /^\d/.test(after.text))) {
      text = text.slice(loose[1]!.length);
    }
    if (after?.type === 'word' && before.type === 'word' && /^\p{L}/u.test(after.text)) {
      const glued = /^([,;!?]|\.)$/.exec(text);
      const sentenceDot = text === '.' && /\p{Ll}{2}$/u.test(before.text) && /^\p{Lu}\p{Ll}/u.test(after.text);
      if (glued && (text !== '.' || sentenceDot) && !/\d$/.test(before.text)) text = `${text} `;
    }
    if (before.type !== 'gap' && after !== undefined && after.type !== 'gap') {
      text = text.replace(/\( +/g, '(').replace(/ +\)/g, ')');
    }
    if (text !== segment.text)
      doc.rewrite(i, text, { kind: 'punctuation', message: 'spacing around punctuation', rule: 'punctuation_spacing' });
  });
}
