// Writing a mask into a logits row: whichever of the allowed / disallowed lists is shorter is touched.
import { maxIndex } from '../generation/sampler.ts';
import type { LogitsMask, MaskList } from '../generation/types.ts';

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
export function applyMask(logits: Float32Array, entry: MaskList, stops: readonly number[], vocabularySize: number): void {
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
export function maskedMaxIndex(logits: Float32Array, mask: LogitsMask, rowMaxIndex: (logits: Float32Array) => number = maxIndex): number {
  const ids = mask.kind === 'only' ? mask.ids : mask.kind === 'list' && !mask.list.disallowed ? mask.list.allowed : null;
  if (!ids) {
    applyLogitsMask(logits, mask);
    return rowMaxIndex(logits);
  }
  if (mask.kind === 'list') for (const id of mask.drop) logits[id] = -Infinity;
  let best = -Infinity;
  let bestId = -1;
  const consider = (id: number): void => {
    const value = logits[id];
    if (value !== undefined && (value > best || (value === best && id < bestId))) {
      best = value;
      bestId = id;
    }
  };
  for (let i = 0; i < ids.length; i++) consider(ids[i]!);
  if (mask.kind === 'list') for (const id of mask.keep) consider(id);
  return best === -Infinity ? -1 : bestId;
}
