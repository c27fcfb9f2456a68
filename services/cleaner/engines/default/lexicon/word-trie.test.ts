import { describe, expect, it } from 'vitest';
import { weightedDistance } from './word-distance.ts';
import { WordTrie } from './word-trie.ts';

const FORMS = `school schools scowl scold cool stool spool schooled schooling scholar every very ever everyone
  receive received relieve deceive believe develop developed developing envelope because becomes beaus cause
  their there three threw the then than them unable unabridged enable tables sable`.split(/\s+/);

/** What the trie must find: every form with the typed word's first letter, at most two letters longer
 * or shorter, within the bound by the unpruned distance. */
function expected(typed: string, bound: number): Map<string, number> {
  const found = new Map<string, number>();
  for (const form of FORMS) {
    if (form[0] !== typed[0] || Math.abs(form.length - typed.length) > 2) continue;
    const distance = weightedDistance(typed, form);
    if (distance <= bound) found.set(form, distance);
  }
  return found;
}

describe('word trie', () => {
  const trie = new WordTrie(FORMS);

  it.each(['scool', 'evry', 'recieve', 'developped', 'becuase', 'thier', 'unabel', 'xyz', 'school'])(
    'finds exactly the forms within the distance of %j',
    (typed) => {
      expect(trie.withinDistance(typed, 2, 2)).toEqual(expected(typed, 2));
      expect(trie.withinDistance(typed, 1, 2)).toEqual(expected(typed, 1));
    },
  );

  it('finds a form that only a swap brings within the bound', () => {
    // "teh" -> "the" needs the swap from two rows back: pruning on the last row alone would lose it
    expect(new WordTrie(['the', 'tea']).withinDistance('teh', 0.6, 2)).toEqual(new Map([['the', 0.6]]));
  });
});
