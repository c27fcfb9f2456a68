import { describe, expect, it } from 'vitest';
import { DRAFT_POLICY, DraftCursor, type DraftPolicy } from './draft.ts';

/** Feeds `output` token by token and returns the proposal (up to 3 tokens) after each. */
function follow(draft: number[], output: number[], policy: DraftPolicy = DRAFT_POLICY.cpu): number[][] {
  const cursor = new DraftCursor(draft, policy);
  const seen: number[] = [];
  return output.map((token) => {
    seen.push(token);
    cursor.observe(token, seen);
    return cursor.proposal(3);
  });
}

/** Forward passes greedy decoding takes to yield `output` with `draft`, as Sequence drives DraftCursor. */
function passes(draft: number[], output: number[], policy: DraftPolicy = DRAFT_POLICY.cpu): number {
  const cursor = new DraftCursor(draft, policy);
  const seen: number[] = [];
  const take = (count: number): void => {
    for (const token of output.slice(seen.length, seen.length + count)) {
      seen.push(token);
      cursor.observe(token, seen);
    }
  };
  take(1);
  let count = 1;
  while (seen.length < output.length) {
    const proposal = cursor.proposal(64);
    let accepted = 0;
    while (accepted < proposal.length && proposal[accepted] === output[seen.length + accepted]) accepted++;
    take(accepted + 1);
    count++;
  }
  return count;
}

/** The width of the proposal (limit 64) after each token of `output`. */
function widths(draft: number[], output: number[], policy: DraftPolicy): number[] {
  const cursor = new DraftCursor(draft, policy);
  const seen: number[] = [];
  return output.map((token) => {
    seen.push(token);
    cursor.observe(token, seen);
    return cursor.proposal(64).length;
  });
}

describe('DraftCursor', () => {
  const draft = [10, 11, 12, 13, 14, 15, 16];

  it('proposes the rest of the draft while the output follows it, within the limit', () => {
    const cursor = new DraftCursor(draft, DRAFT_POLICY.cpu);
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
    const cursor = new DraftCursor(long, DRAFT_POLICY.cpu);
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

  it('re-aligns near where the output was expected before looking further ahead', () => {
    const words = [10, 11, 12, 13, 14, 15, 16, 11, 17];
    // "11 12" repeated: the second 11 matches the one just behind, not the one five tokens on.
    const output = [10, 11, 12, 11, 12, 13, 14, 15, 16, 11, 17];
    expect(follow(words, output.slice(0, 4))[3]).toEqual([12, 13, 14]);
    // One pass for the first token, one up to the repeat, one for the rest.
    expect(passes(words, output)).toBe(3);
  });

  it('after a trusted prefix, keeps the full width through a three-token edit on cuda, halves after the first miss on cpu', () => {
    const long = Array.from({ length: 40 }, (_, i) => 100 + i);
    // 110 111 112 replaced by three tokens found nowhere in the draft: substitution guesses land on 113.
    const output = [...long.slice(0, 10), 1, 2, 3, ...long.slice(13)];
    // After the ten tokens that followed the draft, then each of the three edited ones.
    expect(widths(long, output, DRAFT_POLICY.cuda).slice(9, 13)).toEqual([30, 29, 28, 27]);
    expect(widths(long, output, DRAFT_POLICY.cpu).slice(9, 13)).toEqual([30, 29, 14, 6]);
    // cuda: the whole rest is proposed after the edit, one pass; cpu: a quarter of it, then the rest.
    expect(passes(long, output, DRAFT_POLICY.cuda)).toBe(5);
    expect(passes(long, output, DRAFT_POLICY.cpu)).toBe(6);
  });

  it('forgives only the first miss once the output has mostly left the draft', () => {
    const long = Array.from({ length: 40 }, (_, i) => 100 + i);
    const output = [100, 101, 102, 103, 1, 2, 3, 4, 5, 6];
    // cuda: four tokens followed, trusted while they are at least half the output (up to 8 tokens): three
    // misses at full width, the fourth at half; then, untrusted, halved from the first miss on.
    expect(widths(long, output, DRAFT_POLICY.cuda)).toEqual([39, 38, 37, 36, 35, 34, 33, 16, 1, 0]);
    // cpu: halved from the second miss on, trusted or not.
    expect(widths(long, output, DRAFT_POLICY.cpu)).toEqual([39, 38, 37, 36, 35, 17, 8, 4, 1, 0]);
  });
});
