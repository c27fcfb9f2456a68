// The allowed tokens of one automaton state: a depth-first walk of the vocabulary trie that steps the
// automaton once per trie edge and prunes a whole subtree as soon as its byte prefix is rejected.
import { closingLength, stepByte } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import type { VocabularyTrie } from './vocabulary-trie.ts';

export interface MaskEntry {
  /**
   * Text tokens that may come next (stop tokens are added by the caller when the document is complete),
   * ascending: the masked argmax then reads the logits row front to back.
   */
  readonly allowed: Int32Array;
  /**
   * The allowed tokens that change the shortest closing (they close or open something, or stop inside
   * an escape or a UTF-8 sequence), with that change in bytes. Every other allowed token leaves the
   * closing exactly as it was, so budget checks only ever look at these few.
   */
  readonly shifting: Int32Array;
  readonly shiftingGrowth: Int32Array;
  /** Largest growth, in bytes, of the shortest closing over the allowed tokens. */
  readonly maxGrowth: number;
  /** Every other token id (including specials), kept when it is the shorter list to apply. */
  readonly disallowed: Int32Array | null;
}

/** A resumable walk, so that warming masks can yield to the event loop between slices. */
export class MaskWalk {
  private readonly trie: VocabularyTrie;
  private readonly state: AutomatonState;
  private readonly baseClosing: number;
  private readonly nodes: number[] = [];
  private readonly states: AutomatonState[] = [];
  private readonly allowed: number[] = [];
  private readonly shifting: number[] = [];
  private readonly shiftingGrowth: number[] = [];
  private maxGrowth = -Infinity;

  constructor(trie: VocabularyTrie, state: AutomatonState) {
    this.trie = trie;
    this.state = state;
    this.baseClosing = closingLength(state);
    this.expand(0, state);
  }

  /** Walks at most `budget` trie edges; true when the walk is complete. */
  run(budget = Infinity): boolean {
    const { trie } = this;
    let steps = 0;
    while (this.nodes.length > 0) {
      if (steps >= budget) return false;
      const node = this.nodes.pop()!;
      const state = this.states.pop()!;
      steps++;
      const tokenEnd = trie.tokenStart[node + 1]!;
      if (trie.tokenStart[node]! < tokenEnd) {
        const growth = closingLength(state) - this.baseClosing;
        const neutral = growth === 0 && isNeutralStep(this.state, state);
        if (growth > this.maxGrowth) this.maxGrowth = growth;
        for (let t = trie.tokenStart[node]!; t < tokenEnd; t++) {
          this.allowed.push(trie.tokenIds[t]!);
          if (!neutral) {
            this.shifting.push(trie.tokenIds[t]!);
            this.shiftingGrowth.push(growth);
          }
        }
      }
      this.expand(node, state);
    }
    return true;
  }

  private expand(node: number, state: AutomatonState): void {
    const { trie } = this;
    const end = trie.childStart[node + 1]!;
    for (let e = trie.childStart[node]!; e < end; e++) {
      const next = stepByte(state, trie.childByte[e]!);
      if (next.length === 0) continue;
      this.nodes.push(trie.childNode[e]!);
      this.states.push(next);
    }
  }

  result(): MaskEntry {
    const { trie } = this;
    const allowed = Int32Array.from(this.allowed).sort();
    let disallowed: Int32Array | null = null;
    if (allowed.length * 2 > trie.size) {
      const flags = new Uint8Array(trie.size);
      for (const id of allowed) flags[id] = 1;
      const rest: number[] = [];
      for (let id = 0; id < trie.size; id++) if (!flags[id]) rest.push(id);
      disallowed = Int32Array.from(rest);
    }
    return {
      allowed,
      shifting: Int32Array.from(this.shifting),
      shiftingGrowth: Int32Array.from(this.shiftingGrowth),
      maxGrowth: this.maxGrowth === -Infinity ? 0 : this.maxGrowth,
      disallowed,
    };
  }
}

export function computeMask(trie: VocabularyTrie, state: AutomatonState): MaskEntry {
  const walk = new MaskWalk(trie, state);
  walk.run();
  return walk.result();
}

/** Same single thread, same stack below the top frame, same closing of the top frame. */
export function isNeutralStep(before: AutomatonState, after: AutomatonState): boolean {
  if (before.length !== 1 || after.length !== 1) return false;
  const [was] = before;
  const [now] = after;
  return !!was && !!now && was.parent === now.parent && was.frame.closing() === now.frame.closing();
}
