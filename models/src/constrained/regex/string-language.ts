// A string's pattern/format automaton together with its length bounds: whether a string being written
// can still be finished (some accepting completion has a length inside the bounds) and the shortest
// such completion, from a table of the exact completion lengths every state can reach.
import { MAX_CODE_POINT } from './char-ranges.ts';
import type { Dfa } from './dfa.ts';
import { RegexUnsupported } from './regex-nfa.ts';

const MAX_TABLE_CELLS = 4_000_000;
const NONE = 0x7fffffff;
const PREFERRED = [0x61, 0x30, 0x41, 0x2d, 0x5f, 0x2e, 0x20];

export class StringLanguage {
  readonly dfa: Dfa;
  readonly minLength: number;
  readonly maxLength: number;
  /** Lengths beyond this behave alike: mask keys clamp counts at (longest token + horizon). */
  readonly horizon: number;
  /** Columns of the table: a query never asks for more than minLength characters still to come. */
  private readonly width: number;
  /**
   * nextLength[s * width + k], k <= minLength: the smallest completion length >= k accepted from state s
   * (NONE if none). Only these columns are ever read, and each follows from the one before it, so the
   * table costs minLength + 1 passes over the transitions however long maxLength is.
   */
  private readonly nextLength: Int32Array;
  private universalStates: Uint8Array | undefined;

  constructor(dfa: Dfa, minLength: number, maxLength: number) {
    this.dfa = dfa;
    this.minLength = minLength;
    this.maxLength = maxLength;
    const n = dfa.states.length;
    const horizon = Number.isFinite(maxLength) ? maxLength : minLength + n;
    if ((horizon + 1) * n > MAX_TABLE_CELLS)
      throw new RegexUnsupported('the pattern together with its length bounds is too large to compile');
    this.horizon = horizon;
    this.width = Math.min(minLength, horizon) + 1;
    this.nextLength = new Int32Array(n * this.width).fill(NONE);
    this.fillShortest();
    for (let k = 1; k < this.width; k++) {
      for (let s = 0; s < n; s++) {
        const { to } = dfa.states[s]!;
        let best = NONE;
        for (let i = 0; i < to.length; i++) best = Math.min(best, this.nextLength[to[i]! * this.width + k - 1]!);
        this.nextLength[s * this.width + k] = best === NONE ? NONE : best + 1;
      }
    }
  }

  /** Column 0: every state's shortest accepted completion, by a breadth-first walk back from acceptance. */
  private fillShortest(): void {
    const { states } = this.dfa;
    const n = states.length;
    const incoming: number[][] = Array.from({ length: n }, () => []);
    for (let s = 0; s < n; s++) for (const t of states[s]!.to) incoming[t]!.push(s);
    const queue: number[] = [];
    for (let s = 0; s < n; s++) {
      if (!states[s]!.accept) continue;
      this.nextLength[s * this.width] = 0;
      queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      const t = queue[head]!;
      const length = this.nextLength[t * this.width]! + 1;
      for (const s of incoming[t]!) {
        if (this.nextLength[s * this.width] !== NONE) continue;
        this.nextLength[s * this.width] = length;
        queue.push(s);
      }
    }
  }

  /**
   * The state accepts and so does every state any code point leads to: from here the string is a
   * plain string with length bounds (an undeclared key once it differs from every declared name, the
   * rest of `^ab`, ...).
   */
  universal(state: number): boolean {
    this.universalStates ??= universalStates(this.dfa);
    return state >= 0 && this.universalStates[state] === 1;
  }

  /** Length of the shortest accepted completion after `count` characters, or -1. */
  completionLength(state: number, count: number): number {
    const need = Math.max(0, this.minLength - count);
    const room = this.maxLength - count;
    if (room < 0 || need > this.horizon) return -1;
    const k = this.nextLength[state * this.width + need]!;
    return k <= room && k <= this.horizon ? k : -1;
  }

  feasible(state: number, count: number): boolean {
    return state >= 0 && this.completionLength(state, count) >= 0;
  }

  /** Some code point in [lo, hi] (surrogates excluded) leads from `state` to a feasible state. */
  anyFeasible(state: number, lo: number, hi: number, count: number): boolean {
    return this.pick(state, lo, hi, count) >= 0;
  }

  /** A code point in [lo, hi] leading to a feasible state, cheap to write where possible; -1 if none. */
  pick(state: number, lo: number, hi: number, count: number): number {
    const s = this.dfa.states[state]!;
    let fallback = -1;
    for (let i = 0; i < s.lo.length; i++) {
      const from = Math.max(lo, s.lo[i]!);
      const to = Math.min(hi, s.hi[i]!);
      if (from > to || !this.feasible(s.to[i]!, count + 1)) continue;
      const cp = cheapest(from, to);
      if (cp >= 0 && isCheap(cp)) return cp;
      if (fallback < 0 && cp >= 0) fallback = cp;
    }
    return fallback;
  }

  /** Code points of the shortest accepted completion after `count` characters (null: none). */
  completion(state: number, count: number): number[] | null {
    let k = this.completionLength(state, count);
    if (k < 0) return null;
    // Each step goes where the rest is a shortest completion of what is still needed (k - 1 characters).
    let need = Math.max(0, this.minLength - count);
    const out: number[] = [];
    let at = state;
    while (k > 0) {
      const s = this.dfa.states[at]!;
      const rest = Math.max(0, need - 1);
      let chosen = -1;
      let target = -1;
      for (let i = 0; i < s.lo.length; i++) {
        if (this.nextLength[s.to[i]! * this.width + rest] !== k - 1) continue;
        const cp = cheapest(s.lo[i]!, s.hi[i]!);
        if (cp < 0) continue;
        if (chosen < 0 || (isCheap(cp) && !isCheap(chosen))) {
          chosen = cp;
          target = s.to[i]!;
        }
      }
      if (chosen < 0) return null;
      out.push(chosen);
      at = target;
      need = rest;
      k--;
    }
    return out;
  }
}

/** The greatest set of accepting states whose transitions cover every code point and stay in the set. */
function universalStates(dfa: Dfa): Uint8Array {
  const n = dfa.states.length;
  const universal = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const { lo, hi, accept } = dfa.states[s]!;
    let next = 0;
    for (let i = 0; i < lo.length && lo[i] === next; i++) next = hi[i]! + 1;
    universal[s] = accept && next > MAX_CODE_POINT ? 1 : 0;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let s = 0; s < n; s++) {
      if (universal[s] && dfa.states[s]!.to.some((t) => !universal[t])) {
        universal[s] = 0;
        changed = true;
      }
    }
  }
  return universal;
}

function isCheap(cp: number): boolean {
  return cp >= 0x20 && cp < 0x7f && cp !== 0x22 && cp !== 0x5c;
}

/** The cheapest code point to write in [lo, hi], skipping surrogates (-1 if the range is only those). */
function cheapest(lo: number, hi: number): number {
  for (const cp of PREFERRED) if (cp >= lo && cp <= hi) return cp;
  for (let cp = lo; cp <= Math.min(hi, lo + 256); cp++) if (isCheap(cp)) return cp;
  if (lo >= 0xd800 && hi <= 0xdfff) return -1;
  return lo >= 0xd800 && lo <= 0xdfff ? 0xe000 : lo;
}

/** The bytes of a code point inside a JSON string, as a binary string (escapes where JSON needs them). */
export function jsonCharText(cp: number): string {
  if (cp === 0x22) return '\\"';
  if (cp === 0x5c) return '\\\\';
  if (cp < 0x20) return `\\u${cp.toString(16).padStart(4, '0')}`;
  const bytes = new TextEncoder().encode(String.fromCodePoint(cp));
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}
