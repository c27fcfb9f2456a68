import { describe, expect, it } from 'vitest';
import { DRAFT_POLICY, DraftCursor, proposableDraft, type DraftPolicy } from './draft.ts';

/** Positions for free: every draft token with any chance is proposed, which shows where the cursor stands. */
const FREE: DraftPolicy = { positionPrice: 0 };

/** Feeds `output` token by token and returns the proposal (up to 3 tokens, positions for free) after each. */
function follow(draft: number[], output: number[]): number[][] {
  const cursor = new DraftCursor(draft, FREE);
  const seen: number[] = [];
  return output.map((token) => {
    seen.push(token);
    cursor.observe(token, seen);
    return cursor.proposal(3);
  });
}

/** Forward passes greedy decoding takes to yield `output` with `draft`, as Sequence drives DraftCursor. */
function passes(draft: number[], output: number[], policy: DraftPolicy): number {
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
  const long = Array.from({ length: 40 }, (_, i) => 100 + i);

  it('proposes the draft tokens after the output while it follows the draft, within the limit', () => {
    const cursor = new DraftCursor(draft, FREE);
    expect(cursor.proposal(2)).toEqual([10, 11]);
    expect(follow(draft, [10, 11])).toEqual([
      [11, 12, 13],
      [12, 13, 14],
    ]);
    expect(cursor.proposal(0)).toEqual([]);
  });

  it('re-aligns after a substitution, a deletion and an insertion', () => {
    // 12 -> 99: a guess that 99 replaced 12 continues at 13.
    expect(follow(draft, [10, 11, 99])[2]).toEqual([13, 14, 15]);
    // 12 deleted: 13 is found one further on.
    expect(follow(draft, [10, 11, 13])[2]).toEqual([14, 15, 16]);
    // 99 inserted before 12: the guess (13) is refused, then 12 re-aligns.
    expect(follow(draft, [10, 11, 99, 12, 13]).slice(2)).toEqual([
      [13, 14, 15],
      [13, 14, 15],
      [14, 15, 16],
    ]);
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

  it('re-aligns near where the output was expected before looking further ahead', () => {
    const words = [10, 11, 12, 13, 14, 15, 16, 11, 17];
    // "11 12" repeated: the second 11 matches the one just behind, not the one five tokens on.
    const output = [10, 11, 12, 11, 12, 13, 14, 15, 16, 11, 17];
    expect(follow(words, output.slice(0, 4))[3]).toEqual([12, 13, 14]);
    // One pass for the first token, one up to the repeat, one for the rest.
    expect(passes(words, output, FREE)).toBe(3);
  });

  it('proposes nothing on a CPU to an output that has shown it does not follow the draft, and resumes as it follows again', () => {
    // Nothing of the first eight tokens occurs in the draft; then the output meets it at 108 and follows.
    const output = [1, 2, 3, 4, 5, 6, 7, 8, ...long.slice(8, 20)];
    const cpu = widths(long, output, DRAFT_POLICY.cpu);
    // Not one position while it looks unrelated (plain steps): a CPU pays 0.11 of a step for each.
    expect(cpu.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // 108 re-aligns, then every token that follows widens the proposal, to the whole rest after six.
    expect(cpu.slice(8, 15)).toEqual([1, 1, 2, 4, 14, 20, 23]);
    expect(cpu.slice(15)).toEqual([24, 23, 22, 21, 20]);
    // A GPU's positions cost about nothing: two a pass even then (the chance of an unrelated output's
    // next two tokens is still above its price), and the whole rest sooner.
    expect(widths(long, output, DRAFT_POLICY.cuda).slice(0, 12)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 3, 5, 18, 28]);
  });

  it('feeds an output unrelated to its draft no more positions on a CPU than plain decoding, passes included', () => {
    const unrelated = Array.from({ length: 40 }, (_, i) => 200 + ((i * 7) % 40));
    const cursor = new DraftCursor(long, DRAFT_POLICY.cpu);
    const seen: number[] = [];
    let proposed = 0;
    for (const token of unrelated) {
      seen.push(token);
      cursor.observe(token, seen);
      proposed += cursor.proposal(64).length;
    }
    expect(proposed).toBe(0);
    expect(passes(long, unrelated, DRAFT_POLICY.cpu)).toBe(unrelated.length);
  });

  it('after a trusted prefix, proposes a few tokens through an edit on a CPU and the whole rest on a GPU', () => {
    // 110 111 112 replaced by three tokens found nowhere in the draft: substitution guesses land on 113.
    const output = [...long.slice(0, 10), 1, 2, 3, ...long.slice(13)];
    // After the ten tokens that followed the draft, then each of the three edited ones: an edited copy
    // is often back on the draft a token later, so a CPU still proposes a few.
    expect(widths(long, output, DRAFT_POLICY.cpu).slice(9, 13)).toEqual([30, 14, 14, 14]);
    expect(widths(long, output, DRAFT_POLICY.cuda).slice(9, 13)).toEqual([30, 29, 28, 27]);
    expect(passes(long, output, DRAFT_POLICY.cuda)).toBe(5);
    expect(passes(long, output, DRAFT_POLICY.cpu)).toBe(6);
  });

  it('narrows as an output that followed the draft keeps leaving it', () => {
    const output = [100, 101, 102, 103, 1, 2, 3, 4, 5, 6];
    expect(widths(long, output, DRAFT_POLICY.cpu)).toEqual([17, 38, 37, 36, 9, 7, 4, 2, 1, 0]);
    expect(widths(long, output, DRAFT_POLICY.cuda)).toEqual([39, 38, 37, 36, 35, 34, 31, 28, 25, 21]);
  });

  it('never proposes narrower where positions are cheaper', () => {
    const outputs = [
      long,
      [...long.slice(0, 10), 1, 2, 3, ...long.slice(13)],
      [1, 2, 3, 4, 5, 6, 7, 8, ...long.slice(8, 20)],
    ];
    for (const output of outputs) {
      const cpu = widths(long, output, DRAFT_POLICY.cpu);
      widths(long, output, DRAFT_POLICY.cuda).forEach((width, i) => {
        expect(width).toBeGreaterThanOrEqual(cpu[i] as number);
      });
    }
  });

  it('proposes from a draft without its trailing stop tokens', () => {
    expect(proposableDraft([5, 6, 0, 7, 1, 0], [0, 1])).toEqual([5, 6, 0, 7]);
    expect(proposableDraft([0, 1], [0, 1])).toEqual([]);
  });
});
