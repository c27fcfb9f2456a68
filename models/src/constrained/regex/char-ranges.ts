// Sets of Unicode code points as sorted, disjoint, inclusive ranges: [lo0, hi0, lo1, hi1, ...].
export type Ranges = readonly number[];

export const MAX_CODE_POINT = 0x10ffff;
export const ANY: Ranges = [0, MAX_CODE_POINT];
/** What `.` matches without the `s` flag: everything but line terminators. */
export const DOT: Ranges = [0, 9, 11, 12, 14, 0x2027, 0x202a, MAX_CODE_POINT];
export const DIGIT: Ranges = [0x30, 0x39];
export const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
/** ECMA-262 WhiteSpace and LineTerminator. */
export const SPACE: Ranges = [
  9, 13, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000,
  0x3000, 0xfeff, 0xfeff,
];

export function normalize(ranges: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    if (out.length > 0 && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function union(...sets: Ranges[]): number[] {
  return normalize(sets.flat());
}

export function complement(set: Ranges): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

export function contains(set: Ranges, cp: number): boolean {
  for (let i = 0; i < set.length; i += 2) {
    if (cp < set[i]!) return false;
    if (cp <= set[i + 1]!) return true;
  }
  return false;
}

const propertyCache = new Map<string, number[]>();

/** Code points of a `\p{...}` escape, found by asking the platform's own RegExp (once per property). */
export function propertyRanges(source: string): number[] {
  let ranges = propertyCache.get(source);
  if (ranges) return ranges;
  const test = new RegExp(`^${source}$`, 'u');
  ranges = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const inside = cp <= MAX_CODE_POINT && (cp < 0xd800 || cp > 0xdfff) && test.test(String.fromCodePoint(cp));
    if (inside && start < 0) start = cp;
    else if (!inside && start >= 0) {
      ranges.push(start, cp - 1);
      start = -1;
    }
  }
  propertyCache.set(source, ranges);
  return ranges;
}
