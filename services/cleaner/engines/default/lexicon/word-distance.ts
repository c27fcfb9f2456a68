// How far a typed word is from a dictionary candidate, in the ways learners and typists err: a
// weighted Damerau-Levenshtein distance (keyboard neighbours, vowel swaps, doubled letters and
// transpositions cost less) and a rough phonetic key ("scool" and "school" sound alike).

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const VOWELS = new Set('aeiouy');

const NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  KEYBOARD_ROWS.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      let near = (row[c - 1] ?? '') + (row[c + 1] ?? '');
      for (const other of [KEYBOARD_ROWS[r - 1], KEYBOARD_ROWS[r + 1]]) {
        if (other !== undefined) near += (other[c - 1] ?? '') + (other[c] ?? '') + (other[c + 1] ?? '');
      }
      map.set(row[c]!, near);
    }
  });
  return map;
})();

const VOWEL_CODES = new Set([...VOWELS].map((ch) => ch.charCodeAt(0)));

function computeSubstitutionCost(a: number, b: number): number {
  if (a === b) return 0;
  if (VOWEL_CODES.has(a) && VOWEL_CODES.has(b)) return 0.6;
  if (NEIGHBOURS.get(String.fromCharCode(a))?.includes(String.fromCharCode(b))) return 0.7;
  return 1;
}

// Substitution costs between the code units 0..127, computed once; other characters cost 1.
const TABLE_SIZE = 128;
const SUBSTITUTION = (() => {
  const table = new Float64Array(TABLE_SIZE * TABLE_SIZE);
  for (let a = 0; a < TABLE_SIZE; a++)
    for (let b = 0; b < TABLE_SIZE; b++) table[a * TABLE_SIZE + b] = computeSubstitutionCost(a, b);
  return table;
})();

/** Cost of typing code unit `a` where `b` belongs. */
export function substitutionCost(a: number, b: number): number {
  return a < TABLE_SIZE && b < TABLE_SIZE ? SUBSTITUTION[a * TABLE_SIZE + b]! : a === b ? 0 : 1;
}

/** Cost of swapping two adjacent letters ("recieve"). */
export const SWAP_COST = 0.6;
const CHEAP_INDEL = 0.4;

/** Cost of a stray letter `code` of the typed word between `before` and `after`: cheap next to the same letter. */
export function indelCost(before: number | undefined, code: number, after: number | undefined): number {
  return before === code || after === code ? CHEAP_INDEL : 1;
}

// A letter the writer left out ("contruction", "pary") is the commonest slip: cheaper than a stray one.
const OMITTED_LETTER = 0.8;

/** Cost of a letter of the candidate that the typed word lacks: cheap next to the same letter ("sucess"). */
export function omissionCost(before: number | undefined, code: number, after: number | undefined): number {
  return before === code || after === code ? CHEAP_INDEL : OMITTED_LETTER;
}

type IndelCost = (before: number | undefined, code: number, after: number | undefined) => number;

/** Per-letter costs of dropping (typed word) or restoring (candidate) each letter of `codes`. */
function indelCosts(codes: Int32Array, length: number, out: Float64Array, cost: IndelCost): void {
  for (let i = 0; i < length; i++) {
    const ch = codes[i];
    out[i] = cost(i > 0 ? codes[i - 1] : undefined, ch!, i + 1 < length ? codes[i + 1] : undefined);
  }
}

const MAX_LENGTH = 64;
const matrix = new Float64Array((MAX_LENGTH + 1) * (MAX_LENGTH + 1));
const codesA = new Int32Array(MAX_LENGTH);
const codesB = new Int32Array(MAX_LENGTH);
const costA = new Float64Array(MAX_LENGTH);
const costB = new Float64Array(MAX_LENGTH);

/**
 * Weighted optimal-string-alignment distance between lower-case words (keyboard neighbours, vowel
 * swaps, doubled letters and transpositions cost less); returns Infinity as soon as every path
 * exceeds `limit`, which keeps a scan over thousands of dictionary words cheap.
 */
export function weightedDistance(typed: string, candidate: string, limit = Number.POSITIVE_INFINITY): number {
  const n = typed.length;
  const m = candidate.length;
  if (n > MAX_LENGTH || m > MAX_LENGTH) return typed === candidate ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) codesA[i] = typed.charCodeAt(i);
  for (let j = 0; j < m; j++) codesB[j] = candidate.charCodeAt(j);
  indelCosts(codesA, n, costA, indelCost);
  indelCosts(codesB, m, costB, omissionCost);
  const cols = m + 1;
  const d = matrix;
  d[0] = 0;
  for (let j = 1; j <= m; j++) d[j] = d[j - 1]! + costB[j - 1]!;
  for (let i = 1; i <= n; i++) {
    const a = codesA[i - 1]!;
    const row = i * cols;
    d[row] = d[row - cols]! + costA[i - 1]!;
    let rowMin = d[row]!;
    for (let j = 1; j <= m; j++) {
      const b = codesB[j - 1]!;
      const sub = substitutionCost(a, b);
      let best = d[row - cols + j - 1]! + sub;
      const del = d[row - cols + j]! + costA[i - 1]!;
      if (del < best) best = del;
      const ins = d[row + j - 1]! + costB[j - 1]!;
      if (ins < best) best = ins;
      if (i > 1 && j > 1 && a === codesB[j - 2] && codesA[i - 2] === b) {
        const swap = d[row - 2 * cols + j - 2]! + SWAP_COST;
        if (swap < best) best = swap;
      }
      d[row + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return Number.POSITIVE_INFINITY;
  }
  return d[n * cols + m]!;
}

const PHONETIC_RULES: [RegExp, string][] = [
  [/[^a-z]/g, ''],
  [/^(?:k(?=n)|g(?=n)|w(?=r)|p(?=s))/, ''],
  [/sch/g, 'sk'],
  [/ph/g, 'f'],
  [/ck|q/g, 'k'],
  [/[cs]h/g, 'x'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/gh/g, ''],
  [/dg/g, 'j'],
  [/(?<=.)[aeiouyhw]/g, ''],
  [/(.)\1+/g, '$1'],
];

/** A coarse sound key: consonant skeleton after common English spelling-to-sound rewrites. */
export function phoneticKey(word: string): string {
  let key = word.toLowerCase();
  for (const [pattern, replacement] of PHONETIC_RULES) {
    key = key.replace(pattern, replacement);
  }
  return key.replace(/^[aeiouy]/, 'a');
}
