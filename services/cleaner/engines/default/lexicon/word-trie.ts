// The dictionary's word forms as a trie, searched for the forms within a weighted distance of a typed
// word. It computes exactly what `weightedDistance` computes form by form, but one DP row per trie
// node instead of one matrix per form: forms sharing a prefix ("unable", "unabridged", ...) share its
// rows, and a prefix whose row already exceeds the bound is never extended.
import { indelCost, omissionCost, SWAP_COST, substitutionCost } from './word-distance.ts';

/** Nodes in depth-first preorder: the subtree of node k is k .. end[k]-1, its first child k+1. */
interface TrieArrays {
  char: Uint16Array;
  end: Int32Array;
  /** Index into `words` of the form that ends at the node, or -1. */
  word: Int32Array;
  words: string[];
}

function build(sortedWords: readonly string[]): TrieArrays {
  const chars: number[] = [0];
  const ends: number[] = [0];
  const wordAt: number[] = [-1];
  const path: number[] = [0]; // node index per depth; path[0] is the root
  let previous = '';
  const close = (depth: number): void => {
    while (path.length > depth + 1) ends[path.pop()!] = chars.length;
  };
  sortedWords.forEach((word, w) => {
    let common = 0;
    while (common < word.length && common < previous.length && word[common] === previous[common]) common++;
    close(common);
    for (let k = common; k < word.length; k++) {
      path.push(chars.length);
      chars.push(word.charCodeAt(k));
      ends.push(0);
      wordAt.push(-1);
    }
    wordAt[path[word.length]!] = w;
    previous = word;
  });
  close(0);
  ends[0] = chars.length;
  return {
    char: Uint16Array.from(chars),
    end: Int32Array.from(ends),
    word: Int32Array.from(wordAt),
    words: [...sortedWords],
  };
}

export class WordTrie {
  private readonly trie: TrieArrays;
  // rows[j]: DP row after j candidate letters, two per depth (with and without a cheap indel cost);
  // kept between searches so that a search allocates no rows.
  private rows: [Float64Array, Float64Array][] = [];
  private rowLength = 0;

  constructor(words: Iterable<string>) {
    this.trie = build([...words].sort());
  }

  private rowsFor(depths: number, length: number): [Float64Array, Float64Array][] {
    if (length > this.rowLength || depths > this.rows.length) {
      this.rowLength = Math.max(length, this.rowLength);
      this.rows = Array.from({ length: Math.max(depths, this.rows.length) }, () => [
        new Float64Array(this.rowLength),
        new Float64Array(this.rowLength),
      ]);
    }
    return this.rows;
  }

  /**
   * Forms starting with the typed word's first letter, at most `maxLengthDelta` letters longer or
   * shorter, whose weighted distance to `typed` is at most `maxDistance`, with that distance.
   */
  withinDistance(typed: string, maxDistance: number, maxLengthDelta: number): Map<string, number> {
    const { char, end, word, words } = this.trie;
    const found = new Map<string, number>();
    const n = typed.length;
    if (n === 0) return found;
    const a = Array.from(typed, (ch) => ch.charCodeAt(0));
    const costA = a.map((code, i) => indelCost(a[i - 1], code, a[i + 1]));
    const maxDepth = n + maxLengthDelta;
    const rows = this.rowsFor(maxDepth + 2, n + 1);
    const top = rows[0]![0]!;
    top[0] = 0;
    for (let i = 1; i <= n; i++) top[i] = top[i - 1]! + costA[i - 1]!;

    /** Row j of letter b (after `before`, at `prev`) with indel cost `costB`; returns its minimum. */
    const fill = (
      row: Float64Array,
      prev: Float64Array,
      prev2: Float64Array | undefined,
      b: number,
      before: number,
      costB: number,
    ): number => {
      row[0] = prev[0]! + costB;
      let rowMin = row[0];
      for (let i = 1; i <= n; i++) {
        const ai = a[i - 1]!;
        let best = prev[i - 1]! + substitutionCost(ai, b);
        const del = row[i - 1]! + costA[i - 1]!;
        if (del < best) best = del;
        const ins = prev[i]! + costB;
        if (ins < best) best = ins;
        if (prev2 !== undefined && i > 1 && ai === before && a[i - 2] === b) {
          const swap = prev2[i - 2]! + SWAP_COST;
          if (swap < best) best = swap;
        }
        row[i] = best;
        if (best < rowMin) rowMin = best;
      }
      return rowMin;
    };

    // Depth-first over the subtree of `node` (letter at depth j), `prev`/`prev2` the rows chosen for
    // depths j-1 and j-2 on this path, `before` the letter at depth j-1 (-1 at the root).
    // A row's values come from the row before (substitutions, insertions) and the one before that
    // (swaps): a subtree is cut when both are beyond the bound, the latter by the swap's cost.
    const visit = (
      node: number,
      j: number,
      prev: Float64Array,
      prev2: Float64Array | undefined,
      before: number,
      prevMin: number,
    ): void => {
      const b = char[node]!;
      const [plain, cheap] = rows[j]!;
      // The letter's indel cost depends on the next letter too: a row for the letters after it that
      // differ from it (and for the form ending here), and one for a next letter equal to it.
      const doubledBefore = before === b;
      const plainMin = fill(plain!, prev, prev2, b, before, omissionCost(before, b, undefined));
      const formIndex = word[node]!;
      if (formIndex >= 0 && Math.abs(j - n) <= maxLengthDelta && plain![n]! <= maxDistance)
        found.set(words[formIndex]!, plain![n]!);
      if (j >= maxDepth) return;
      let cheapMin = Number.POSITIVE_INFINITY;
      let cheapFilled = false;
      for (let child = node + 1; child < end[node]!; child = end[child]!) {
        if (char[child] === b && !doubledBefore) {
          if (!cheapFilled) {
            cheapMin = fill(cheap!, prev, prev2, b, before, omissionCost(before, b, b));
            cheapFilled = true;
          }
          if (Math.min(cheapMin, prevMin + SWAP_COST) <= maxDistance) visit(child, j + 1, cheap!, prev, b, cheapMin);
        } else if (Math.min(plainMin, prevMin + SWAP_COST) <= maxDistance)
          visit(child, j + 1, plain!, prev, b, plainMin);
      }
    };

    const first = a[0]!;
    for (let child = 1; child < end[0]!; child = end[child]!) {
      if (char[child] === first) visit(child, 1, top, undefined, -1, 0);
    }
    return found;
  }
}
