// A byte trie over every token of a vocabulary, built once per vocabulary object and cached, so a mask
// is one walk of the trie against the automaton instead of one automaton run per token.
import type { TokenVocabulary } from '../generation/types.ts';

/** A byte trie whose nodes hold token ids. */
export interface ByteTrie {
  /** Children of node n, in byte order: childByte/childNode[childStart[n] .. childStart[n + 1]). Node 0 is the root. */
  readonly childStart: Int32Array;
  readonly childByte: Uint8Array;
  readonly childNode: Int32Array;
  /** Tokens whose bytes end at node n: tokenIds[tokenStart[n] .. tokenStart[n + 1]). */
  readonly tokenStart: Int32Array;
  readonly tokenIds: Int32Array;
}

export interface VocabularyTrie extends ByteTrie {
  readonly vocabulary: TokenVocabulary;
  readonly size: number;
  readonly tokenBytes: readonly (Uint8Array | null)[];
  readonly maxTokenBytes: number;
  /** Every single byte is a token, so any byte string can be written (one token per byte at worst). */
  readonly hasAllBytes: boolean;
  readonly stopTokenIds: readonly number[];
}

const cache = new WeakMap<TokenVocabulary, VocabularyTrie>();

export function vocabularyTrie(vocabulary: TokenVocabulary): VocabularyTrie {
  let trie = cache.get(vocabulary);
  if (!trie) {
    trie = buildTrie(vocabulary);
    cache.set(vocabulary, trie);
  }
  return trie;
}

/**
 * Builds the trie of a vocabulary's token bytes. `keepEmpty` keeps the tokens it names whose bytes are
 * empty, at the root (by default a token without bytes cannot be written and is left out).
 */
export function buildTrie(
  vocabulary: TokenVocabulary & { readonly keepEmpty?: (id: number) => boolean },
): VocabularyTrie {
  const stops = new Set(vocabulary.stopTokenIds);
  const tokenBytes: (Uint8Array | null)[] = [];
  // Edges keyed by parent * 256 + byte; nodes numbered in insertion order.
  const edges = new Map<number, number>();
  const tokenNode: number[] = [];
  let maxTokenBytes = 1;
  let nodeCount = 1;
  const singleBytes = new Set<number>();
  for (let id = 0; id < vocabulary.size; id++) {
    const bytes = stops.has(id) ? null : vocabulary.tokenBytes(id);
    const usable = bytes && bytes.length > 0 ? bytes : null;
    tokenBytes.push(usable);
    if (!usable) {
      if (bytes && vocabulary.keepEmpty?.(id)) tokenNode.push(0, id);
      continue;
    }
    maxTokenBytes = Math.max(maxTokenBytes, usable.length);
    if (usable.length === 1) singleBytes.add(usable[0]!);
    let at = 0;
    for (const byte of usable) {
      const edge = at * 256 + byte;
      let child = edges.get(edge);
      if (child === undefined) {
        child = nodeCount++;
        edges.set(edge, child);
      }
      at = child;
    }
    tokenNode.push(at, id);
  }
  // Sorting (parent, byte) keys makes each node's children contiguous and in byte order.
  const keys = Float64Array.from(edges.keys()).sort();
  const childStart = new Int32Array(nodeCount + 1);
  const childByte = new Uint8Array(keys.length);
  const childNode = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) {
    const key = keys[e]!;
    childByte[e] = key % 256;
    childNode[e] = edges.get(key)!;
    childStart[Math.floor(key / 256) + 1]! += 1;
  }
  for (let n = 0; n < nodeCount; n++) childStart[n + 1]! += childStart[n]!;
  const tokenStart = new Int32Array(nodeCount + 1);
  for (let i = 0; i < tokenNode.length; i += 2) tokenStart[tokenNode[i]! + 1]! += 1;
  for (let n = 0; n < nodeCount; n++) tokenStart[n + 1]! += tokenStart[n]!;
  const tokenIds = new Int32Array(tokenNode.length / 2);
  const fill = tokenStart.slice(0, nodeCount);
  for (let i = 0; i < tokenNode.length; i += 2) tokenIds[fill[tokenNode[i]!]!++] = tokenNode[i + 1]!;
  return {
    vocabulary,
    size: vocabulary.size,
    childStart,
    childByte,
    childNode,
    tokenStart,
    tokenIds,
    tokenBytes,
    maxTokenBytes,
    hasAllBytes: singleBytes.size === 256,
    stopTokenIds: [...stops].filter((id) => id >= 0 && id < vocabulary.size),
  };
}

/** Fewest tokens that spell the binary string `text` exactly (dynamic programming over the trie); null if none. */
export function shortestTokenization(trie: VocabularyTrie, text: string): number[] | null {
  const n = text.length;
  const best = new Int32Array(n + 1).fill(-1);
  const choice = new Int32Array(n + 1).fill(-1);
  const length = new Int32Array(n + 1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    let node = 0;
    for (let j = i; j < n; j++) {
      node = childOf(trie, node, text.charCodeAt(j));
      if (node < 0) break;
      const rest = best[j + 1]!;
      if (rest < 0 || trie.tokenStart[node] === trie.tokenStart[node + 1]) continue;
      if (best[i]! < 0 || rest + 1 < best[i]!) {
        best[i] = rest + 1;
        choice[i] = trie.tokenIds[trie.tokenStart[node]!]!;
        length[i] = j + 1 - i;
      }
    }
  }
  if (best[0]! < 0) return null;
  const tokens: number[] = [];
  for (let i = 0; i < n; i += length[i]!) tokens.push(choice[i]!);
  return tokens;
}

/** Binary search among a node's children (sorted by byte). */
function childOf(trie: VocabularyTrie, node: number, byte: number): number {
  let low = trie.childStart[node]!;
  let high = trie.childStart[node + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const b = trie.childByte[middle]!;
    if (b === byte) return trie.childNode[middle]!;
    if (b < byte) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
