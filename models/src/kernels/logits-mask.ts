// One decode step's allowed tokens, as a constraint describes them and the decoder worker applies them
// (mask-apply.ts) without the logits leaving it.

/** A cached list of allowed token ids (and, when shorter, the disallowed rest); its identity is its cache key. */
export interface MaskList {
  readonly allowed: Int32Array;
  readonly disallowed: Int32Array | null;
}

/**
 * One step's allowed tokens: `only` keeps exactly `ids`; `list` keeps `list` (ids at or above `size`
 * never), plus `keep`, minus `drop`; `none` keeps everything.
 */
export type LogitsMask =
  | { readonly kind: 'none' }
  | { readonly kind: 'only'; readonly ids: readonly number[] }
  | {
      readonly kind: 'list';
      readonly list: MaskList;
      readonly size: number;
      readonly keep: readonly number[];
      readonly drop: readonly number[];
    };
