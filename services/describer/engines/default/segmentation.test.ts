import { describe, expect, it } from 'vitest';
import { findPatternEntities } from './entities.ts';
import { segmentSentences, segmentWords } from './segmentation.ts';
import { SpanIndex } from './span-index.ts';

function sentences(text: string, locale = 'en'): string[] {
  const found = segmentSentences(text, new SpanIndex(text.length, findPatternEntities(text)), locale);
  for (const s of found) expect(text.slice(s.start, s.end)).toBe(s.text);
  return found.map((s) => s.text);
}

describe('segmentSentences', () => {
  it.each<[string, string[]]>([
    ['Dr. Smith met Mr. Jones. They talked.', ['Dr. Smith met Mr. Jones.', 'They talked.']],
    [
      'Bring fruit, e.g. apples, i.e. something fresh. Thanks!',
      ['Bring fruit, e.g. apples, i.e. something fresh.', 'Thanks!'],
    ],
    ['Call J. R. Tolkien at 5 p.m. today. He waits.', ['Call J. R. Tolkien at 5 p.m. today.', 'He waits.']],
    ['Wow!! Really?! Yes... "Quoted." Next one', ['Wow!!', 'Really?!', 'Yes...', '"Quoted."', 'Next one']],
    ['Open https://x.io/a?b=1. Then pay $3.50. Done.', ['Open https://x.io/a?b=1.', 'Then pay $3.50.', 'Done.']],
    ['Ask ann@mail.example.com. She knows.', ['Ask ann@mail.example.com.', 'She knows.']],
    ['  Leading and trailing space.  \n\n Second line  ', ['Leading and trailing space.', 'Second line']],
    ['No. 5 is fine. St. Louis is far.', ['No. 5 is fine.', 'St. Louis is far.']],
  ])('%j', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('keeps German abbreviations together', () => {
    expect(sentences('Das ist z. B. gut. Und dann?', 'de')).toEqual(['Das ist z. B. gut.', 'Und dann?']);
  });

  it('splits Japanese on the ideographic full stop', () => {
    expect(sentences('これは本です。あれはペンです。', 'ja')).toEqual(['これは本です。', 'あれはペンです。']);
  });

  it('returns nothing for empty or blank text', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences(' \n\t ')).toEqual([]);
  });
});

describe('segmentWords', () => {
  it('returns word-like segments with UTF-16 offsets', () => {
    const text = "😀 Don't stop, 3.5 times!";
    const words = segmentWords(text);
    expect(words.map((w) => w.text)).toEqual(["Don't", 'stop', '3.5', 'times']);
    for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.text);
  });
});

describe('SpanIndex', () => {
  it('answers touches, contains and cuts at span edges', () => {
    const index = new SpanIndex(20, [
      { start: 2, end: 5 },
      { start: 5, end: 8 },
    ]);
    expect([index.touches(0, 2), index.touches(1, 3), index.touches(8, 20)]).toEqual([false, true, false]);
    expect([index.contains(2, 5), index.contains(3, 4), index.contains(2, 6), index.contains(4, 4)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    // A boundary between two adjacent spans cuts neither; one inside a span cuts it.
    expect([index.cuts(2), index.cuts(3), index.cuts(5), index.cuts(8), index.cuts(0)]).toEqual([
      false,
      true,
      false,
      false,
      false,
    ]);
  });
});
