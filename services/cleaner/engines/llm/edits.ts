// Edits of a model correction: a word-level diff of input vs output, grouped into spans with offsets
// into the ORIGINAL text (UTF-16 code units), each classified by what changed. Applying the spans to
// the input reproduces the output exactly, because the diff's tokens cover both texts without gaps.
import { diffWordsWithSpace } from 'diff';
import type { EditKindName, EditSpan } from '../../engine.ts';

const ARTICLES = new Set(['a', 'an', 'the']);
const LETTERS_ONLY = /^[\p{L}\p{M}'’-]+$/u;
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const WORDS = /[\p{L}\p{M}\p{N}'’-]+/gu;

/** Edit distance over code points where swapping two neighbours counts once ("teh" -> "the" is 1). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const rows: number[][] = [Array.from({ length: y.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      let best = Math.min(
        rows[i - 1]![j]! + 1,
        row[j - 1]! + 1,
        rows[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[x.length]![y.length]!;
}

const words = (text: string): string[] => (text.match(WORDS) ?? []).map((w) => w.toLowerCase());

function isRepeatedWord(text: string, start: number, end: number, original: string, replacement: string): boolean {
  if (replacement.trim() !== '') return false;
  const dropped = words(original);
  if (dropped.length !== 1 || original.replace(WORDS, '').trim() !== '') return false;
  const before = words(text.slice(0, start)).at(-1);
  const after = words(text.slice(end))[0];
  return dropped[0] === before || dropped[0] === after;
}

/** What kind of change turns `original` (at [start, end) of `text`) into `replacement`. */
export function classifyEdit(
  text: string,
  start: number,
  end: number,
  original: string,
  replacement: string,
): EditKindName {
  if (original.replace(/\s+/g, '') === replacement.replace(/\s+/g, '')) return 'whitespace';
  const squeezed = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  if (squeezed(original) === squeezed(replacement)) return 'capitalization';
  const bare = (s: string) => s.replace(PUNCTUATION, '').replace(/\s+/g, ' ').trim();
  if (bare(original) === bare(replacement)) return 'punctuation';
  if (isRepeatedWord(text, start, end, original, replacement)) return 'repeated_word';
  const from = words(original);
  const to = words(replacement);
  const withoutArticles = (list: string[]) => list.filter((w) => !ARTICLES.has(w)).join(' ');
  if (from.concat(to).some((w) => ARTICLES.has(w)) && withoutArticles(from) === withoutArticles(to)) return 'article';
  const a = original.trim();
  const b = replacement.trim();
  if (LETTERS_ONLY.test(a) && LETTERS_ONLY.test(b)) {
    const distance = editDistance(a.toLowerCase(), b.toLowerCase());
    if (distance <= Math.max(1, Math.min(2, Math.floor(Math.max(a.length, b.length) / 3)))) return 'spelling';
  }
  return 'grammar';
}

function describe(kind: EditKindName, original: string, replacement: string): string {
  if (original === '') return `${kind}: insert "${replacement}"`;
  if (replacement === '') return `${kind}: remove "${original}"`;
  return `${kind}: "${original}" -> "${replacement}"`;
}

/** Word-level diff of input vs output as edit spans over the input, in text order. */
export function diffEdits(input: string, output: string): EditSpan[] {
  const edits: EditSpan[] = [];
  let offset = 0;
  let start = -1;
  let removed = '';
  let added = '';
  const flush = () => {
    if (start < 0) return;
    const kind = classifyEdit(input, start, start + removed.length, removed, added);
    edits.push({
      start,
      end: start + removed.length,
      original: removed,
      replacement: added,
      kind,
      message: describe(kind, removed, added),
    });
    start = -1;
    removed = '';
    added = '';
  };
  for (const change of diffWordsWithSpace(input, output)) {
    if (!change.added && !change.removed) {
      flush();
      offset += change.value.length;
      continue;
    }
    if (start < 0) start = offset;
    if (change.removed) {
      removed += change.value;
      offset += change.value.length;
    } else {
      added += change.value;
    }
  }
  flush();
  return edits;
}
