// What a token mask entry says, in a form two computations of it (the fast string masks and the trie
// walk) can be compared by with toEqual: sets as arrays, shifting tokens paired with their growth.
import type { MaskEntry } from '../src/constrained/token-masks.ts';

export function maskSummary(entry: MaskEntry): object {
  const shifting = [...entry.shifting].map((id, i) => [id, entry.shiftingGrowth[i]]).sort((a, b) => a[0]! - b[0]!);
  return {
    allowed: [...entry.allowed],
    disallowed: entry.disallowed ? [...entry.disallowed] : null,
    shifting,
    maxGrowth: entry.maxGrowth,
  };
}
