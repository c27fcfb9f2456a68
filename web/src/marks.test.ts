import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySegments, changeText, kindLabel, operationOf, segmentText, type Edit } from './marks.ts';

const edit = (start: number, end: number, original: string, replacement: string, kind = 'spelling'): Edit => ({
  start,
  end,
  original,
  replacement,
  kind,
  message: '',
});

describe('segmentText', () => {
  const text = 'She go to scool .';
  const edits = [
    edit(15, 17, ' .', '.', 'punctuation'),
    edit(4, 6, 'go', 'goes', 'grammar'),
    edit(10, 15, 'scool', 'school'),
  ];

  it('cuts the original text into plain runs and the edits in order', () => {
    const segments = segmentText(text, edits);
    expect(segments.map((s) => (s.type === 'text' ? s.text : `[${s.edit.original}>${s.edit.replacement}]`))).toEqual([
      'She ',
      '[go>goes]',
      ' to ',
      '[scool>school]',
      '[ .>.]',
    ]);
    expect(applySegments(segments)).toBe('She goes to school.');
  });

  it('marks the parts not yet done as pending while a result streams', () => {
    const segments = segmentText(
      'One. Two. Three.',
      [],
      [
        { start: 0, end: 4 },
        { start: 9, end: 16 },
      ],
    );
    expect(segments).toEqual([
      { type: 'text', text: 'One.', start: 0, end: 4, pending: false },
      { type: 'text', text: ' Two.', start: 4, end: 9, pending: true },
      { type: 'text', text: ' Three.', start: 9, end: 16, pending: false },
    ]);
  });

  it('leaves out an edit that overlaps an earlier one or lies outside the text', () => {
    const segments = segmentText('abcdef', [edit(1, 3, 'bc', 'X'), edit(2, 4, 'cd', 'Y'), edit(5, 9, 'f??', '')]);
    expect(applySegments(segments)).toBe('aXdef');
  });

  it('rebuilds the cleaned text from any set of non-overlapping edits', () => {
    const arbitrary = fc.string({ minLength: 1, maxLength: 40 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.uniqueArray(fc.nat(text.length), { maxLength: 10 }).chain((points) => {
          const cuts = [...points].sort((a, b) => a - b);
          const pairs: [number, number][] = [];
          for (let i = 0; i + 1 < cuts.length; i += 2) pairs.push([cuts[i]!, cuts[i + 1]!]);
          return fc.tuple(
            fc.constant(pairs),
            fc.array(fc.string({ maxLength: 4 }), { minLength: pairs.length, maxLength: pairs.length }),
          );
        }),
      ),
    );
    fc.assert(
      fc.property(arbitrary, ([text, [pairs, replacements]]) => {
        const edits = pairs.map(([start, end], i) => edit(start, end, text.slice(start, end), replacements[i]!));
        let expected = '';
        let cursor = 0;
        for (const e of edits) {
          expected += text.slice(cursor, e.start) + e.replacement;
          cursor = e.end;
        }
        expected += text.slice(cursor);
        expect(applySegments(segmentText(text, [...edits].reverse()))).toBe(expected);
      }),
    );
  });
});

describe('edit wording', () => {
  it('names the operation and the change', () => {
    expect(operationOf(edit(0, 3, ' and', ''))).toBe('deletion');
    expect(operationOf(edit(2, 2, '', 'the'))).toBe('insertion');
    expect(operationOf(edit(0, 2, 'go', 'goes'))).toBe('replacement');
    expect(changeText(edit(0, 4, ' and', ''))).toBe('removed “ and”');
    expect(changeText(edit(0, 2, 'go', 'goes'))).toBe('“go” → “goes”');
    expect(kindLabel('repeated_word')).toBe('Repeated word');
    expect(kindLabel('capitalization')).toBe('Capitalization');
  });
});
