import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nfaToDfa } from './dfa.ts';
import type { Dfa } from './dfa.ts';
import { patternNfa } from './regex-nfa.ts';
import { StringLanguage } from './string-language.ts';

/** Every accepted completion length from `state`, by walking the automaton (lengths up to `limit`). */
function completionLengths(dfa: Dfa, state: number, limit: number): Set<number> {
  const lengths = new Set<number>();
  let frontier = new Set([state]);
  for (let length = 0; length <= limit && frontier.size > 0; length++) {
    const next = new Set<number>();
    for (const s of frontier) {
      if (dfa.states[s]!.accept) lengths.add(length);
      for (const t of dfa.states[s]!.to) next.add(t);
    }
    frontier = next;
  }
  return lengths;
}

function accepts(dfa: Dfa, codePoints: readonly number[]): boolean {
  let state = dfa.start;
  for (const cp of codePoints) {
    state = dfa.step(state, cp);
    if (state < 0) return false;
  }
  return dfa.states[state]!.accept;
}

const PATTERNS = ['^(ab|c)*d$', '^[a-z]{2,4}(-[0-9]+)?$', '^x(yz)*$', '^(aaa|bb)+$', 'q'];

describe('StringLanguage', () => {
  it('finds the shortest completion whose length fits the bounds, from any state and count', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.nat(8),
        fc.oneof(fc.constant(Infinity), fc.nat(12)),
        fc.nat(6),
        (pattern, minLength, maxLength, count) => {
          const dfa = nfaToDfa(patternNfa(pattern));
          const language = new StringLanguage(dfa, minLength, maxLength);
          for (let state = 0; state < dfa.states.length; state++) {
            const lengths = completionLengths(dfa, state, minLength + dfa.states.length + 12);
            const fitting = [...lengths].filter((k) => count + k >= minLength && count + k <= maxLength);
            const expected = fitting.length > 0 ? Math.min(...fitting) : -1;
            expect(language.completionLength(state, count)).toBe(expected);
            const completion = language.completion(state, count);
            if (expected < 0) expect(completion).toBeNull();
            else expect(completion).toHaveLength(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spells completions the automaton accepts, far below a large maxLength', () => {
    // A maxLength of 65,536 on a uri-like string: the table covers minLength, not maxLength.
    const dfa = nfaToDfa(patternNfa('^[a-z][a-z0-9+.-]*:(//[a-z.]+)?(/[a-z]+)*$'));
    const language = new StringLanguage(dfa, 9, 65_536);
    const completion = language.completion(dfa.start, 0)!;
    expect(completion).toHaveLength(9);
    expect(accepts(dfa, completion)).toBe(true);
    expect(language.completionLength(dfa.start, 65_537)).toBe(-1);
    expect(language.horizon).toBe(65_536);
  });
});
