import { describe, expect, it } from 'vitest';
import { detectLanguage, languageWords, latinShare } from './index.ts';

describe('shared language identification', () => {
  it.each([
    ['en', 'I would like to know when my order will arrive.'],
    ['en', 'I has a scool.'],
    ['de', 'Ich möchte wissen, wann meine Bestellung ankommt.'],
    ['ru', 'Мы любим читать книги.'],
    ['fr', "Je suis allé à l'école avec mes amis hier soir."],
    ['ja', '東京は日本の首都です。'],
  ])('%s: %j', (expected, text) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('is undetermined without enough words', () => {
    expect(detectLanguage('Scool evry')).toBe('und');
    expect(detectLanguage('42 :-)')).toBe('und');
  });

  it('splits words with inner apostrophes and measures the Latin share', () => {
    expect(languageWords("Don't stop, it's fine.")).toEqual(["Don't", 'stop', "it's", 'fine']);
    expect(latinShare('abc где')).toBe(0.5);
  });
});
