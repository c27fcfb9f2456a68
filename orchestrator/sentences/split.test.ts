import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from './split.ts';

describe('splitSentences', () => {
  it('returns spans that point into the original text without surrounding whitespace', () => {
    const text = '  First one here.  Second one?\n\nThird!  ';
    const spans = splitSentences(text);
    expect(spans.map((span) => span.text)).toEqual(['First one here.', 'Second one?', 'Third!']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });
  it('keeps a single sentence whole and ignores blank text', () => {
    expect(splitSentences('She go to scool evry day .')).toEqual([
      { start: 0, end: 26, text: 'She go to scool evry day .' },
    ]);
    expect(splitSentences(' \n ')).toEqual([]);
  });
  it('handles non-BMP characters with UTF-16 offsets', () => {
    const text = 'I like 🍕 a lot. You too?';
    const spans = splitSentences(text);
    expect(spans).toHaveLength(2);
    expect(text.slice(spans[1]!.start, spans[1]!.end)).toBe('You too?');
  });
});

describe('splitSentences fast path for one ASCII sentence', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const bySegmenter = (text: string) =>
    [...segmenter.segment(text)].flatMap(({ segment, index }) => {
      const trimmed = segment.trim();
      const start = index + segment.length - segment.trimStart().length;
      return trimmed ? [{ start, end: start + trimmed.length, text: trimmed }] : [];
    });
  // Letters, spaces, terminators, closers, line breaks and a few non-ASCII characters, so that the
  // generated texts land on both sides of the fast path's condition.
  const alphabet = fc.constantFrom(
    ...'aB c d.!?"\')]}([,;:\t\n\r'.split(''),
    'é',
    '。',
    '\u2029',
    '\u00A0',
    'Hello',
    ' world',
    'U.S.',
    '...',
  );

  it('gives the same spans as Intl.Segmenter', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join('')),
        (text) => {
          expect(splitSentences(text)).toEqual(bySegmenter(text));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
