// Deterministic automata over code points: from a pattern's NFA (subset construction, capped), from a
// finite set of strings, and their intersection and complement. States that cannot reach an accepting
// state are pruned, so "a transition exists" means "the string can still be completed".
import { MAX_CODE_POINT } from './char-ranges.ts';
import type { Ranges } from './char-ranges.ts';
import type { Nfa } from './regex-nfa.ts';
import { RegexUnsupported } from './regex-nfa.ts';

export interface DfaState {
  /** Sorted disjoint ranges [lo[i], hi[i]] -> to[i]. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly to: Int32Array;
  readonly accept: boolean;
}

const MAX_DFA_STATES = 4000;
let nextDfaId = 0;

export class Dfa {
  readonly id = nextDfaId++;
  readonly states: readonly DfaState[];
  readonly start: number;

  constructor(states: DfaState[], start: number) {
    this.states = states;
    this.start = start;
  }

  /** The next state on `cp`, -1 when none. */
  step(state: number, cp: number): number {
    const s = this.states[state]!;
    let low = 0;
    let high = s.lo.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (cp < s.lo[middle]!) high = middle - 1;
      else if (cp > s.hi[middle]!) low = middle + 1;
      else return s.to[middle]!;
    }
    return -1;
  }

  get empty(): boolean {
    return this.start < 0;
  }
}

type Edge = [number, number, number];

function makeState(edges: Edge[], accept: boolean): DfaState {
  edges.sort((a, b) => a[0] - b[0]);
  // Merge touching ranges that go to the same state.
  const merged: Edge[] = [];
  for (const edge of edges) {
    const last = merged[merged.length - 1];
    if (last && last[2] === edge[2] && last[1] + 1 === edge[0]) last[1] = edge[1];
    else merged.push([...edge]);
  }
  return {
    lo: Int32Array.from(merged, (e) => e[0]),
    hi: Int32Array.from(merged, (e) => e[1]),
    to: Int32Array.from(merged, (e) => e[2]),
    accept,
  };
}

function tooLarge(): never {
  throw new RegexUnsupported(`the pattern's automaton has more than ${MAX_DFA_STATES} states`);
}

export function nfaToDfa(nfa: Nfa): Dfa {
  const closure = (seeds: Iterable<number>, atStart: boolean, atEnd: boolean): number[] => {
    const seen = new Set<number>();
    const stack = [...seeds];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...nfa.eps[n]!);
      if (atStart) stack.push(...nfa.startEps[n]!);
      if (atEnd) stack.push(...nfa.endEps[n]!);
    }
    return [...seen].sort((a, b) => a - b);
  };
  const ids = new Map<string, number>();
  const sets: number[][] = [];
  const atStartFlags: boolean[] = [];
  const intern = (set: number[], atStart: boolean): number => {
    const key = `${atStart ? 's' : ''}${set.join(',')}`;
    let id = ids.get(key);
    if (id === undefined) {
      if (sets.length >= MAX_DFA_STATES) tooLarge();
      id = sets.length;
      ids.set(key, id);
      sets.push(set);
      atStartFlags.push(atStart);
    }
    return id;
  };
  const start = intern(closure([nfa.start], true, false), true);
  const stepped = new Map<string, number>();
  const raw: { edges: Edge[]; accept: boolean }[] = [];
  for (let id = 0; id < sets.length; id++) {
    const set = sets[id]!;
    const accept = closure(set, atStartFlags[id]!, true).includes(nfa.accept);
    const points = new Set<number>();
    const edges: { ranges: Ranges; to: number }[] = [];
    for (const n of set) {
      for (const edge of nfa.edges[n]!) {
        edges.push(edge);
        for (let i = 0; i < edge.ranges.length; i += 2) {
          points.add(edge.ranges[i]!);
          points.add(edge.ranges[i + 1]! + 1);
        }
      }
    }
    const sorted = [...points].sort((a, b) => a - b);
    const out: Edge[] = [];
    for (let k = 0; k + 1 < sorted.length; k++) {
      const lo = sorted[k]!;
      const hi = sorted[k + 1]! - 1;
      const targets: number[] = [];
      for (const edge of edges) if (covers(edge.ranges, lo)) targets.push(edge.to);
      if (targets.length === 0) continue;
      // Many intervals (of this state and others) step to the same NFA nodes: their closure once.
      const targetKey = targets.sort((a, b) => a - b).join(',');
      let to = stepped.get(targetKey);
      if (to === undefined) {
        to = intern(closure(targets, false, false), false);
        stepped.set(targetKey, to);
      }
      out.push([lo, hi, to]);
    }
    raw.push({ edges: out, accept });
  }
  return prune(
    raw.map((r) => r.edges),
    raw.map((r) => r.accept),
    start,
  );
}

function covers(ranges: Ranges, cp: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (cp >= ranges[i]! && cp <= ranges[i + 1]!) return true;
  return false;
}

/** Drops states that cannot reach acceptance and renumbers; an empty language has start -1. */
function prune(edges: Edge[][], accept: boolean[], start: number): Dfa {
  const n = edges.length;
  const reverse: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < n; s++) for (const e of edges[s]!) reverse[e[2]]!.push(s);
  const live = new Uint8Array(n);
  const stack: number[] = [];
  for (let s = 0; s < n; s++)
    if (accept[s]) {
      live[s] = 1;
      stack.push(s);
    }
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const p of reverse[s]!)
      if (!live[p]) {
        live[p] = 1;
        stack.push(p);
      }
  }
  if (!live[start]) return new Dfa([], -1);
  // Keep only live states reachable from the start.
  const index = new Int32Array(n).fill(-1);
  const order: number[] = [start];
  index[start] = 0;
  for (let k = 0; k < order.length; k++) {
    for (const e of edges[order[k]!]!) {
      if (live[e[2]] && index[e[2]] === -1) {
        index[e[2]] = order.length;
        order.push(e[2]);
      }
    }
  }
  const states = order.map((s) =>
    makeState(
      edges[s]!.filter((e) => live[e[2]]).map((e) => [e[0], e[1], index[e[2]]!] as Edge),
      accept[s]!,
    ),
  );
  return new Dfa(states, 0);
}

/** Strings accepted by both. */
export function intersect(a: Dfa, b: Dfa): Dfa {
  if (a.empty || b.empty) return new Dfa([], -1);
  const ids = new Map<number, number>();
  const pairs: [number, number][] = [];
  const intern = (x: number, y: number): number => {
    const key = x * 1_000_003 + y;
    let id = ids.get(key);
    if (id === undefined) {
      if (pairs.length >= MAX_DFA_STATES) tooLarge();
      id = pairs.length;
      ids.set(key, id);
      pairs.push([x, y]);
    }
    return id;
  };
  intern(a.start, b.start);
  const edges: Edge[][] = [];
  const accept: boolean[] = [];
  for (let id = 0; id < pairs.length; id++) {
    const [x, y] = pairs[id]!;
    const sa = a.states[x]!;
    const sb = b.states[y]!;
    const out: Edge[] = [];
    let i = 0;
    let j = 0;
    while (i < sa.lo.length && j < sb.lo.length) {
      const lo = Math.max(sa.lo[i]!, sb.lo[j]!);
      const hi = Math.min(sa.hi[i]!, sb.hi[j]!);
      if (lo <= hi) out.push([lo, hi, intern(sa.to[i]!, sb.to[j]!)]);
      if (sa.hi[i]! < sb.hi[j]!) i++;
      else j++;
    }
    edges.push(out);
    accept.push(sa.accept && sb.accept);
  }
  return prune(edges, accept, 0);
}

/** Every string the automaton rejects. */
export function complementOf(dfa: Dfa): Dfa {
  const states = dfa.empty ? [] : dfa.states;
  const sink = states.length;
  const edges: Edge[][] = [];
  const accept: boolean[] = [];
  for (const s of states) {
    const out: Edge[] = [];
    let next = 0;
    for (let i = 0; i < s.lo.length; i++) {
      if (s.lo[i]! > next) out.push([next, s.lo[i]! - 1, sink]);
      out.push([s.lo[i]!, s.hi[i]!, s.to[i]!]);
      next = s.hi[i]! + 1;
    }
    if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT, sink]);
    edges.push(out);
    accept.push(!s.accept);
  }
  edges.push([[0, MAX_CODE_POINT, sink]]);
  accept.push(true);
  return prune(edges, accept, dfa.empty ? sink : dfa.start);
}

/** Exactly the given strings. */
export function literalDfa(strings: readonly string[]): Dfa {
  const edges: Edge[][] = [[]];
  const accept: boolean[] = [false];
  for (const text of strings) {
    let at = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let edge = edges[at]!.find((e) => e[0] === cp);
      if (!edge) {
        edge = [cp, cp, edges.length];
        edges[at]!.push(edge);
        edges.push([]);
        accept.push(false);
      }
      at = edge[2];
    }
    accept[at] = true;
  }
  return prune(edges, accept, 0);
}

/** Any string, for combining with complements. */
export function anyStringDfa(): Dfa {
  return prune([[[0, MAX_CODE_POINT, 0]]], [true], 0);
}
