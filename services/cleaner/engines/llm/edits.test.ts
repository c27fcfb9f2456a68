import { describe, expect, it } from 'vitest';
import type { EditSpan } from '../../engine.ts';
import { classifyEdit, diffEdits, editDistance } from './edits.ts';

function apply(text: string, edits: readonly EditSpan[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  return out;
}

const PAIRS: Array<[string, string]> = [
  ['She go to school every day.', 'She goes to school every day.'],
  ['I has a apple and teh orange.', 'I have an apple and the orange.'],
  ['the the cat sat on on the mat', 'The cat sat on the mat.'],
  ['hello ,world !', 'Hello, world!'],
  ['Il a mangé  une pomme', 'Il a mangé une pomme.'],
  ['Ich gehe nach hause', 'Ich gehe nach Hause'],
  ['the café is über nice 😀 ok', 'The café is very nice 😀, ok.'],
  ['日本語 の テキスト', '日本語の テキスト'],
  ['no change at all.', 'no change at all.'],
  ['', 'Inserted.'],
  ['Remove me entirely', ''],
  ['  padded   text  ', 'padded text'],
  ['line one\nline  two\n', 'Line one.\nLine two.\n'],
];

describe('diffEdits', () => {
  it.each(PAIRS)(
    '%j -> %j: offsets point into the original and applying the edits gives the output',
    (input, output) => {
      const edits = diffEdits(input, output);
      for (const edit of edits) {
        expect(input.slice(edit.start, edit.end)).toBe(edit.original);
        expect(edit.original).not.toBe(edit.replacement);
        expect(edit.message).not.toBe('');
      }
      for (let i = 1; i < edits.length; i++) expect(edits[i]!.start).toBeGreaterThanOrEqual(edits[i - 1]!.end);
      expect(apply(input, edits)).toBe(output);
    },
  );

  it('returns nothing for identical texts', () => {
    expect(diffEdits('no change at all.', 'no change at all.')).toEqual([]);
  });

  it('classifies each change', () => {
    const edits = diffEdits('I has a apple and teh orange ,ok', 'I have an apple and the orange, OK');
    expect(edits.map((e) => [e.original, e.replacement, e.kind])).toEqual([
      ['has', 'have', 'grammar'],
      ['a', 'an', 'article'],
      ['teh', 'the', 'spelling'],
      // The diff keeps the comma and moves the space: two spans.
      [' ', '', 'whitespace'],
      ['ok', ' OK', 'capitalization'],
    ]);
  });

  it('uses UTF-16 offsets around astral characters', () => {
    const input = '😀 teh end';
    const [edit] = diffEdits(input, '😀 the end');
    expect(edit).toMatchObject({ start: 3, end: 6, original: 'teh', replacement: 'the', kind: 'spelling' });
  });

  it('inserts at a point', () => {
    expect(diffEdits('He said no', 'He said no.')).toEqual([
      expect.objectContaining({
        start: 10,
        end: 10,
        original: '',
        replacement: '.',
        kind: 'punctuation',
        message: 'punctuation: insert "."',
      }),
    ]);
  });
});

describe('classifyEdit', () => {
  it.each([
    ['recieve', 'receive', 'spelling'],
    ['becuase', 'because', 'spelling'],
    ['Teh', 'The', 'spelling'],
    ['paris', 'Paris', 'capitalization'],
    ['end', 'end.', 'punctuation'],
    ['dont', "don't", 'punctuation'],
    ['a', 'the', 'article'],
    ['', 'the ', 'article'],
    ['go', 'went', 'grammar'],
    ['cat', 'dog', 'grammar'],
    ['in the morning', 'tomorrow', 'grammar'],
    ['  ', ' ', 'whitespace'],
  ])('%j -> %j is %s', (original, replacement, kind) => {
    expect(classifyEdit(`x ${original} y`, 2, 2 + original.length, original, replacement)).toBe(kind);
  });

  it('sees a dropped word that repeats its neighbour', () => {
    const text = 'the cat cat sat';
    expect(classifyEdit(text, 8, 12, 'cat ', '')).toBe('repeated_word');
    expect(classifyEdit('the cat dog sat', 8, 12, 'dog ', '')).toBe('grammar');
  });

  it('counts a transposition once', () => {
    expect(editDistance('teh', 'the')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
