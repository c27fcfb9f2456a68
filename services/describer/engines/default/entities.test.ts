import { describe, expect, it } from 'vitest';
import { analyze } from './analyze-for-tests.ts';

function entities(text: string): Array<[string, string]> {
  const found = analyze(text).entities;
  for (const entity of found) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  return found.map((e) => [e.type, e.text]);
}

describe('entities with exact offsets', () => {
  it.each<[string, Array<[string, string]>]>([
    [
      'Write to jane.doe+billing@mail.example.co.uk, or to SUPPORT@acme.io.',
      [
        ['email', 'jane.doe+billing@mail.example.co.uk'],
        ['email', 'SUPPORT@acme.io'],
      ],
    ],
    [
      'See https://shop.example.com/search?q=red+shoes&page=2&sort=price_desc. It lists 20 items.',
      [
        ['url', 'https://shop.example.com/search?q=red+shoes&page=2&sort=price_desc'],
        ['number', '20'],
      ],
    ],
    [
      '(Details: https://en.wikipedia.org/wiki/Foo_(bar)), and www.example.org/a?x=1#top!',
      [
        ['url', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
        ['url', 'www.example.org/a?x=1#top'],
      ],
    ],
    [
      'Deadlines: 2024-03-12, 2024-03-12T09:30:00Z, 12 March 2024, March 12, 2024, 3rd of May 2025, 12/03/2024 and 12.03.2024.',
      [
        ['date', '2024-03-12'],
        ['date', '2024-03-12T09:30:00Z'],
        ['date', '12 March 2024'],
        ['date', 'March 12, 2024'],
        ['date', '3rd of May 2025'],
        ['date', '12/03/2024'],
        ['date', '12.03.2024'],
      ],
    ],
    [
      'It costs $1,234.56 (about €1,100 or 950 GBP), 12.5% more than last year, minus -3 units.',
      [
        ['number', '$1,234.56'],
        ['number', '€1,100'],
        ['number', '950 GBP'],
        ['number', '12.5%'],
        ['number', '-3'],
      ],
    ],
    [
      'We met Jane Smith and Dr. Alan Turing at the Bank of England in London last Monday.',
      [
        ['person_or_name', 'Jane Smith'],
        ['person_or_name', 'Dr. Alan Turing'],
        ['organization', 'Bank of England'],
        ['location', 'London'],
      ],
    ],
    [
      'Acme Corporation shipped it. Yesterday Maria called. Hello Bob, thanks.',
      [
        ['organization', 'Acme Corporation'],
        ['person_or_name', 'Maria'],
        ['person_or_name', 'Bob'],
      ],
    ],
    ['COVID-19 version v2 at 5pm on an A4 sheet, URGENT, ASAP.', []],
    // German capitalizes every noun: only multi-word runs count there, so "Köln" is not one.
    [
      'Das Café Müller liegt in Köln, sagt uns Jürgen Groß, und es ist sehr gut.',
      [
        ['person_or_name', 'Café Müller'],
        ['person_or_name', 'Jürgen Groß'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(entities(text)).toEqual(expected);
  });

  it('keeps offsets in UTF-16 code units after astral characters', () => {
    const text = '😀😀 Mail 😀 to bob@example.com on 1 June 2024 🎉 please.';
    expect(entities(text)).toEqual([
      ['email', 'bob@example.com'],
      ['date', '1 June 2024'],
    ]);
    expect(analyze(text).entities[0]!.start).toBe(text.indexOf('bob@'));
  });

  it('never reports overlapping entities', () => {
    const text = 'Order 12 (ref 2024-01-05) at https://x.io/o/12?d=2024-01-05 by ann@x.io on Jan 5, 2024 for $12.';
    const found = analyze(text).entities;
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    expect(found.map((e) => e.type)).toEqual(['number', 'date', 'url', 'email', 'date', 'number']);
  });
});
