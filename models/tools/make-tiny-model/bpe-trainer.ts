// Trains byte-level BPE merges on a corpus (the classic algorithm: repeatedly merge the most frequent
// adjacent pair), then pads the vocabulary to the requested size with seeded synthetic merges so that
// large vocabularies (32k, 128k) exist without a large corpus.
import { bytesToByteLevel, BYTE_TO_CHAR } from '../../src/tokenizer/byte-level.ts';
import { createPrng } from '../../src/kernels/prng.ts';

/** The GPT-2 pre-tokenization pattern (the ByteLevel pre-tokenizer's `use_regex`). */
const PRETOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export interface BpeModel {
  /** Token strings in id order: the 256 byte characters, then one per merge. */
  tokens: string[];
  merges: Array<[string, string]>;
}

function wordCounts(corpus: string): Map<string, number> {
  const counts = new Map<string, number>();
  const encoder = new TextEncoder();
  for (const match of corpus.matchAll(PRETOKENIZE)) {
    const word = bytesToByteLevel(encoder.encode(match[0]));
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

function mostFrequentPair(words: Array<{ symbols: string[]; count: number }>): [string, string] | null {
  const pairCounts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 1;
  for (const { symbols, count } of words) {
    for (let i = 0; i + 1 < symbols.length; i++) {
      const key = `${symbols[i]}\u0000${symbols[i + 1]}`;
      const c = (pairCounts.get(key) ?? 0) + count;
      pairCounts.set(key, c);
      // Ties break on the key so training is deterministic regardless of Map order.
      if (c > bestCount || (c === bestCount && best !== null && key < best)) {
        best = key;
        bestCount = c;
      }
    }
  }
  if (best === null) return null;
  const [a, b] = best.split('\u0000') as [string, string];
  return [a, b];
}

function applyMerge(symbols: string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (symbols[i] === a && symbols[i + 1] === b) {
      out.push(a + b);
      i++;
    } else {
      out.push(symbols[i] as string);
    }
  }
  return out;
}

export function trainBpe(corpus: string, targetSize: number, seed: number): BpeModel {
  const tokens = [...BYTE_TO_CHAR];
  const known = new Set(tokens);
  const merges: Array<[string, string]> = [];
  const words = [...wordCounts(corpus)].map(([word, count]) => ({ symbols: [...word], count }));

  while (tokens.length < targetSize) {
    const pair = mostFrequentPair(words);
    if (!pair) break;
    const [a, b] = pair;
    merges.push(pair);
    tokens.push(a + b);
    known.add(a + b);
    for (const w of words) w.symbols = applyMerge(w.symbols, a, b);
  }

  // Synthetic merges of short existing tokens; each yields a new, reachable token string.
  const prng = createPrng(seed ^ 0x5eed);
  const short = tokens.filter((t) => t.length <= 4);
  while (tokens.length < targetSize) {
    const a = short[prng.int(short.length)] as string;
    const b = short[prng.int(short.length)] as string;
    const merged = a + b;
    if (known.has(merged)) continue;
    merges.push([a, b]);
    tokens.push(merged);
    known.add(merged);
    if (merged.length <= 4) short.push(merged);
  }
  return { tokens, merges };
}
