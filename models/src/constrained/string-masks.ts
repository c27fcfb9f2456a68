// The mask of a state inside a string's content (no pattern, or a pattern that accepts anything from
// here on), from the vocabulary's string token classes (string-token-classes.ts) instead of a walk of
// the whole trie: the content tokens that fit the room left, plus the quote tokens whose bytes after the
// quote the enclosing value accepts. It is the same mask, shifting tokens and growths as MaskWalk's
// (string-masks.test.ts compares them on the real vocabulary).
import { closingLength, stepByte, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import { StringFrame } from './frames/string-frame.ts';
import { MAX_PARTIAL_KIND, stringTokenClasses } from './string-token-classes.ts';
import type { StringTokenClasses } from './string-token-classes.ts';
import { isNeutralStep } from './token-masks.ts';
import type { MaskEntry } from './token-masks.ts';
import type { VocabularyTrie } from './vocabulary-trie.ts';

const MAX_CACHED_ROOMS = 32;

/** The string frame of a state this module can mask, or null. */
function plainContentFrame(state: AutomatonState): StringFrame | null {
  if (state.length !== 1) return null;
  const frame = state[0]?.frame;
  if (!(frame instanceof StringFrame) || !frame.inContent) return null;
  const language = frame.node.language;
  return !language || language.universal(frame.q) ? frame : null;
}

export function stringContentMask(trie: VocabularyTrie, state: AutomatonState): MaskEntry | null {
  const frame = plainContentFrame(state);
  if (!frame) return null;
  const classes = stringTokenClasses(trie);
  const room = frame.node.maxLength - frame.count;
  const need = Math.max(0, frame.node.minLength - frame.count);
  const base = closingLength(state);
  // At most every content token and every quote token shifts the closing.
  const shifting = new Int32Array(classes.contentIds.length + classes.quoteCount);
  const shiftingGrowth = new Int32Array(shifting.length);
  let shifted = 0;
  let maxGrowth = -Infinity;

  // Closing growth is the same for every token of a group (same partial character, same characters
  // counted against minLength): one representative is stepped through the automaton per group.
  const width = classes.maxContentChars + 1;
  const growths = new Float64Array(width * (MAX_PARTIAL_KIND + 1)).fill(Number.NaN);
  const growthOf = (id: number, group: number): number => {
    let growth = growths[group]!;
    if (Number.isNaN(growth)) {
      growth = closingLength(stepBytes(state, trie.tokenBytes[id]!)) - base;
      growths[group] = growth;
    }
    return growth;
  };

  const longer = longerThan(classes, room);
  // Few content tokens too long for the room: the mask is kept as its short disallowed list.
  const fewLonger = longer * 8 < classes.contentIds.length;
  const content = fewLonger ? null : contentWithin(classes, room);
  if (classes.contentIds.length > longer) maxGrowth = 0;
  const { contentIds, contentChars, partialKinds, partialAt } = classes;
  // Whole characters leave the closing as it was unless they shorten a minLength fill.
  const visits = need === 0 ? partialAt.length : contentIds.length;
  for (let v = 0; v < visits; v++) {
    const i = need === 0 ? partialAt[v]! : v;
    const kind = partialKinds[i]!;
    const chars = contentChars[i]!;
    if (chars > room) continue;
    const id = contentIds[i]!;
    const growth = growthOf(id, kind * width + Math.min(chars, need));
    shifting[shifted] = id;
    shiftingGrowth[shifted++] = growth;
    if (growth > maxGrowth) maxGrowth = growth;
  }

  // Quote tokens: walk the bytes after the quote from the enclosing value's state.
  const quoted: number[] = [];
  const trieAfter = classes.afterQuote;
  const nodes = [0];
  const states: AutomatonState[] = [[state[0]!.parent]];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const at = states.pop()!;
    const tokenEnd = trieAfter.tokenStart[node + 1]!;
    if (trieAfter.tokenStart[node]! < tokenEnd) {
      const growth = closingLength(at) - base;
      const neutral = growth === 0 && isNeutralStep(state, at);
      for (let t = trieAfter.tokenStart[node]!; t < tokenEnd; t++) {
        const id = trieAfter.tokenIds[t]!;
        const chars = classes.quoteChars[id]!;
        if (chars < need || chars > room) continue;
        quoted.push(id);
        if (growth > maxGrowth) maxGrowth = growth;
        if (!neutral) {
          shifting[shifted] = id;
          shiftingGrowth[shifted++] = growth;
        }
      }
    }
    const end = trieAfter.childStart[node + 1]!;
    for (let e = trieAfter.childStart[node]!; e < end; e++) {
      const next = stepByte(at, trieAfter.childByte[e]!);
      if (next.length === 0) continue;
      nodes.push(trieAfter.childNode[e]!);
      states.push(next);
    }
  }
  quoted.sort((a, b) => a - b);
  const growthFields = {
    shifting: shifting.slice(0, shifted),
    shiftingGrowth: shiftingGrowth.slice(0, shifted),
    maxGrowth: maxGrowth === -Infinity ? 0 : maxGrowth,
  };
  if (!content) {
    const tooLong = Int32Array.from(classes.byChars.subarray(0, longer), (i) => classes.contentIds[i]!).sort();
    const disallowed = mergeSorted(without(classes.otherIds, quoted), tooLong);
    return new DisallowedMask(disallowed, trie.size, growthFields);
  }
  const allowed = mergeSorted(content, quoted);
  const disallowed = allowed.length * 2 > trie.size ? complementOf(allowed, trie.size) : null;
  return { allowed, disallowed, ...growthFields };
}

/**
 * A mask that allows most of the vocabulary, held as its disallowed list: masks apply that list, and the
 * allowed list (about the whole vocabulary) is only built if something reads it.
 */
class DisallowedMask implements MaskEntry {
  readonly disallowed: Int32Array;
  readonly shifting: Int32Array;
  readonly shiftingGrowth: Int32Array;
  readonly maxGrowth: number;
  private readonly size: number;
  private allowedIds: Int32Array | null = null;

  constructor(
    disallowed: Int32Array,
    size: number,
    growth: { shifting: Int32Array; shiftingGrowth: Int32Array; maxGrowth: number },
  ) {
    this.disallowed = disallowed;
    this.size = size;
    this.shifting = growth.shifting;
    this.shiftingGrowth = growth.shiftingGrowth;
    this.maxGrowth = growth.maxGrowth;
  }

  get allowed(): Int32Array {
    this.allowedIds ??= complementOf(this.disallowed, this.size);
    return this.allowedIds;
  }
}

/** How many content tokens have more than `room` characters. */
function longerThan(classes: StringTokenClasses, room: number): number {
  const { byChars, contentChars } = classes;
  let low = 0;
  let high = byChars.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (contentChars[byChars[middle]!]! > room) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The content tokens of at most `room` characters, ascending (kept for the few rooms near a maxLength). */
function contentWithin(classes: StringTokenClasses, room: number): Int32Array {
  if (room >= classes.maxContentChars) return classes.contentIds;
  let kept = classes.contentByRoom.get(room);
  if (!kept) {
    const { contentIds, contentChars } = classes;
    const out = new Int32Array(contentIds.length);
    let k = 0;
    for (let i = 0; i < contentIds.length; i++) if (contentChars[i]! <= room) out[k++] = contentIds[i]!;
    kept = out.slice(0, k);
    if (classes.contentByRoom.size >= MAX_CACHED_ROOMS)
      classes.contentByRoom.delete(classes.contentByRoom.keys().next().value!);
    classes.contentByRoom.set(room, kept);
  }
  return kept;
}

/** Both ascending lists in one ascending list (they share no id): `b` is short, `a` is copied in runs. */
function mergeSorted(a: Int32Array, b: ArrayLike<number>): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  let from = 0;
  let k = 0;
  for (let j = 0; j < b.length; j++) {
    const id = b[j]!;
    let low = from;
    let high = a.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (a[middle]! < id) low = middle + 1;
      else high = middle;
    }
    out.set(a.subarray(from, low), k);
    k += low - from;
    out[k++] = id;
    from = low;
  }
  out.set(a.subarray(from), k);
  return out;
}

/** The ids of ascending `all` that are not in ascending `removed`. */
function without(all: Int32Array, removed: readonly number[]): Int32Array {
  if (removed.length === 0) return all;
  const out = new Int32Array(all.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < all.length; i++) {
    const id = all[i]!;
    while (j < removed.length && removed[j]! < id) j++;
    if (j < removed.length && removed[j] === id) continue;
    out[k++] = id;
  }
  return out.slice(0, k);
}

/** Every id below `size` that ascending `ids` lacks. */
function complementOf(ids: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size - ids.length);
  let k = 0;
  let next = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let id = next; id < ids[i]!; id++) out[k++] = id;
    next = ids[i]! + 1;
  }
  for (let id = next; id < size; id++) out[k++] = id;
  return out;
}
