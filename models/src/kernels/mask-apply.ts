// Writing a mask into a logits row: whichever of the allowed / disallowed lists is shorter is touched.
import type { LogitsMask, MaskList } from './logits-mask.ts';
import { maxIndex } from './max-index.ts';

/** Leaves `allowed` and `extra` as they were and sets every other logit to -Infinity. */
export function keepOnly(logits: Float32Array, allowed: ArrayLike<number>, extra: readonly number[] = []): void {
  const saved = new Float32Array(allowed.length + extra.length);
  for (let i = 0; i < allowed.length; i++) saved[i] = logits[allowed[i]!]!;
  for (let i = 0; i < extra.length; i++) saved[allowed.length + i] = logits[extra[i]!]!;
  logits.fill(-Infinity);
  for (let i = 0; i < allowed.length; i++) logits[allowed[i]!] = saved[i]!;
  for (let i = 0; i < extra.length; i++) logits[extra[i]!] = saved[allowed.length + i]!;
}

/** Applies a cached mask; `stops` stay allowed (the document is complete). */
export function applyMask(
  logits: Float32Array,
  entry: MaskList,
  stops: readonly number[],
  vocabularySize: number,
): void {
  if (!entry.disallowed) {
    keepOnly(logits, entry.allowed, stops);
    return;
  }
  const saved = stops.map((id) => logits[id]!);
  for (const id of entry.disallowed) logits[id] = -Infinity;
  // Models often pad their output row beyond the tokenizer's vocabulary: those ids are never allowed.
  if (logits.length > vocabularySize) logits.fill(-Infinity, vocabularySize);
  stops.forEach((id, i) => {
    logits[id] = saved[i]!;
  });
}

/** Applies a step's mask as described by `TokenConstraint.nextMask` (also inside the decoder worker). */
export function applyLogitsMask(logits: Float32Array, mask: LogitsMask): void {
  if (mask.kind === 'only') {
    keepOnly(logits, mask.ids);
  } else if (mask.kind === 'list') {
    applyMask(logits, mask.list, mask.keep, mask.size);
    for (const id of mask.drop) logits[id] = -Infinity;
  }
}

/**
 * The index `maxIndex` would return after `applyLogitsMask` (first largest logit, -1 when nothing is
 * left), reading only the allowed logits when the mask is a short allowed list (its dropped ids, if any,
 * are set to -Infinity first: the row is the caller's to change). `rowMaxIndex` (a drop-in for
 * `maxIndex`, e.g. the SIMD one) scans the row when the whole mask had to be written.
 */
export function maskedMaxIndex(
  logits: Float32Array,
  mask: LogitsMask,
  rowMaxIndex: (logits: Float32Array) => number = maxIndex,
): number {
  if (mask.kind === 'only') return firstLargest(logits, mask.ids, -1);
  if (mask.kind === 'none' || mask.list.disallowed) {
    applyLogitsMask(logits, mask);
    return rowMaxIndex(logits);
  }
  for (const id of mask.drop) logits[id] = -Infinity;
  const best = firstLargestOfList(logits, mask.list.allowed);
  return mask.keep.length > 0 ? firstLargest(logits, mask.keep, best) : best;
}

/**
 * The first largest logit among `ids` and `start` (-1: none yet). A few ids in any order; an id past
 * the row reads undefined, which never compares larger.
 */
function firstLargest(logits: Float32Array, ids: readonly number[], start: number): number {
  let bestId = start;
  let best = start >= 0 ? logits[start]! : -Infinity;
  for (const id of ids) {
    const value = logits[id]!;
    if (value > best || (value === best && id < bestId)) {
      best = value;
      bestId = id;
    }
  }
  return best === -Infinity ? -1 : bestId;
}

/**
 * `firstLargest` over a cached allowed list, thousands of ids on every masked greedy step inside the
 * decoder worker: one monomorphic loop over the Int32Array, no closure per id (the closure version cost
 * about three times as much per step). Cached lists are ascending (token-masks.ts), so the reads walk
 * the row forward; the tie check keeps other orders exact.
 */
function firstLargestOfList(logits: Float32Array, ids: Int32Array): number {
  let best = -Infinity;
  let bestId = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const value = logits[id]!;
    if (value > best || (value === best && id < bestId)) {
      best = value;
      bestId = id;
    }
  }
  return bestId;
}
