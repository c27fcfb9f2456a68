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

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if (VOWELS.has(a) && VOWELS.has(b)) return 0.6;
  if (NEIGHBOURS.get(a)?.includes(b)) return 0.7;
  return 1;
}

/** Inserting or dropping a letter next to the same letter ("developped", "sucess") is cheap. */
function indelCost(word: string, index: number): number {
  const ch = word[index];
  return ch !== undefined && (word[index - 1] === ch || word[index + 1] === ch) ? 0.4 : 1;
}

export function weightedDistance(typed: string, candidate: string): number {
  const a = typed.toLowerCase();
  const b = candidate.toLowerCase();
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Float64Array(rows * cols);
  for (let i = 1; i < rows; i++) d[i * cols] = d[(i - 1) * cols]! + indelCost(a, i - 1);
  for (let j = 1; j < cols; j++) d[j] = d[j - 1]! + indelCost(b, j - 1);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      let best = Math.min(
        d[(i - 1) * cols + j]! + indelCost(a, i - 1),
        d[i * cols + j - 1]! + indelCost(b, j - 1),
        d[(i - 1) * cols + j - 1]! + substitutionCost(a[i - 1]!, b[j - 1]!),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 0.6);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
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
