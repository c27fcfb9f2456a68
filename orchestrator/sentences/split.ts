// Splits a text into sentences with Intl.Segmenter. Each span excludes surrounding whitespace, so the
// whitespace between sentences is kept verbatim when the cleaned sentences are put back.

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Most requests are one short ASCII sentence, and the segmenter costs more than the rest of the gate.
// Sentence boundaries (UAX #29) fall only after a terminator or a line break, so an ASCII text whose
// only terminators close it (then only closing quotes or brackets, then spaces) and which has
// no line break is one sentence. Anything else (non-ASCII, control characters) takes the segmenter.
const ONE_ASCII_SENTENCE = /^[\t\x20\x22-\x2D\x2F-\x3E\x40-\x7E]*(?:[.!?]+["')\]}]*[\t ]*)?$/;

export function splitSentences(text: string): SentenceSpan[] {
  if (ONE_ASCII_SENTENCE.test(text)) {
    const trimmed = text.trim();
    if (trimmed.length === 0) return [];
    const start = text.length - text.trimStart().length;
    return [{ start, end: start + trimmed.length, text: trimmed }];
  }
  const spans: SentenceSpan[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const leading = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed.length === 0) continue;
    const start = index + leading;
    spans.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return spans;
}
