// Splits a text into sentences with Intl.Segmenter. Each span excludes surrounding whitespace, so the
// whitespace between sentences is kept verbatim when the cleaned sentences are put back.

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function splitSentences(text: string): SentenceSpan[] {
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
