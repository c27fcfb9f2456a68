import { describe, expect, it } from 'vitest';
import { spellDictionary } from './dictionary.ts';
import { weightedDistance } from './word-distance.ts';

describe('weighted distance', () => {
  it('makes a left-out letter cheaper than a stray one', () => {
    // "contruction" lacks the "s" of "construction"; "construcxtion" has a letter too many
    const omitted = weightedDistance('contruction', 'construction');
    expect(omitted).toBeLessThan(weightedDistance('construcxtion', 'construction'));
    expect(omitted).toBeLessThan(weightedDistance('consqtruction', 'construction'));
    // next to the same letter both stay cheap ("sucess", "developped")
    expect(weightedDistance('sucess', 'success')).toBeLessThan(omitted);
    expect(weightedDistance('developped', 'developed')).toBeLessThan(omitted);
  });

  it('is the same whichever way the trie or the matrix computes it', () => {
    const dictionary = spellDictionary();
    for (const { word, distance } of dictionary.candidates('contruction'))
      expect(distance).toBeCloseTo(weightedDistance('contruction', word), 9);
  });
});

describe('dictionary candidates', () => {
  const dictionary = spellDictionary();
  const words = (typed: string) => dictionary.candidates(typed).map((c) => c.word);

  it('finds a word whose first vowel is wrong and another letter too', () => {
    expect(words('inviroment')).toContain('environment');
  });

  it('reaches further for a long word', () => {
    expect(words('errounuosly')).toContain('erroneously');
    // a short word stays within two edits: no five-letter detour for "vees"
    expect(dictionary.candidates('vees').every((c) => c.distance <= 2)).toBe(true);
  });
});
