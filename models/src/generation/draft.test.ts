import { describe, expect, it } from 'vitest';
import { DraftCursor } from './draft.ts';

/** Feeds `output` token by token and returns the proposal (up to 3 tokens) after each. */
function follow(draft: number[], output: number[]): number[][] {
  const cursor = new DraftCursor(draft);
  const seen: number[] = [];
  return output.map((token) => {
    seen.push(token);
    cursor.observe(token, seen);
    return cursor.proposal(3);
  });
}

describe('DraftCursor', () => {
  const draft = [10, 11, 12, 13, 14, 15, 16];

  it('proposes the rest of the draft while the output follows it, within the limit', () => {
    const cursor = new DraftCursor(draft);
    expect(cursor.proposal(2)).toEqual([10, 11]);
    expect(follow(draft, [10, 11])).toEqual([[11, 12, 13], [12, 13, 14]]);
    expect(cursor.proposal(0)).toEqual([]);
  });

  it('re-aligns after a substitution, a deletion and an insertion', () => {
    // 12 -> 99: a guess that 99 replaced 12 continues at 13.
    expect(follow(draft, [10, 11, 99])[2]).toEqual([13, 14, 15]);
    // 12 deleted: 13 is found one further on.
    expect(follow(draft, [10, 11, 13])[2]).toEqual([14, 15, 16]);
    // 99 inserted before 12: the guess (13) is refused, then 12 re-aligns (a second miss in a row:
    // half the width until the output follows the draft again).
    expect(follow(draft, [10, 11, 99, 12, 13]).slice(2)).toEqual([[13, 14, 15], [13], [14, 15, 16]]);
  });

  it('re-aligns on the nearest place ahead of where the output was expected', () => {
    const repeated = [1, 2, 3, 9, 1, 2, 3, 8];
    // After 1 2 3 the draft expects 9; 4 occurs nowhere: the substitution guess continues at 1 2 3.
    expect(follow(repeated, [1, 2, 3, 4])[3]).toEqual([1, 2, 3]);
    // 1 instead of 9: both 1s match, the one ahead wins and the output follows the second copy.
    expect(follow(repeated, [1, 2, 3, 1, 2, 3])[5]).toEqual([8]);
  });

  it('in a run of one token, guesses a substitution instead of re-aligning somewhere in the run', () => {
    const run = [7, 7, 7, 7, 5, 7, 7, 7, 7, 7, 4];
    // 5 is refused for another 7: every place in the run matches "7 7 7"; the guess puts the output at 5.
    const after = follow(run, [7, 7, 7, 7, 7, 7, 7, 7, 7, 7]);
    expect(after[4]).toEqual([7, 7, 7]);
    expect(after[9]).toEqual([4]);
  });

  it('narrows proposals while the output keeps leaving the draft, and widens them when it follows again', () => {
    const long = Array.from({ length: 40 }, (_, i) => 100 + i);
    const cursor = new DraftCursor(long);
    const seen: number[] = [];
    const widths = [1, 2, 3, 4, 5, 6, 7, 8].map((token) => {
      seen.push(token);
      cursor.observe(token, seen);
      return cursor.proposal(64).length;
    });
    // Nothing of the output occurs in the draft: substitution guesses at full width, then half, a quarter...
    expect(widths).toEqual([39, 19, 9, 4, 2, 1, 0, 0]);
    // A long streak proposes nothing (plain steps), never a wrapped-around shift.
    for (let i = 0; i < 40; i++) {
      seen.push(1);
      cursor.observe(1, seen);
    }
    expect(cursor.proposal(64)).toEqual([]);
    // The output meets the draft again (108 re-aligns, 109 follows): the whole rest is proposed.
    for (const token of [108, 109]) {
      seen.push(token);
      cursor.observe(token, seen);
    }
    expect(cursor.proposal(64)).toEqual(long.slice(10));
    expect(cursor.proposal(5)).toEqual(long.slice(10, 15));
  });
});
