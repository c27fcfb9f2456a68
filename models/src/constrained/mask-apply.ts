// Writing a mask into a logits row: whichever of the allowed / disallowed lists is shorter is touched.
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
