// Sizes of a tiny Llama-architecture decoder, with the defaults used by tests.
import { MprError } from '../../../lib/errors.ts';

export interface TinyModelOptions {
  /** Total vocabulary, including the special tokens at the end (Llama 3 style). */
  vocabSize?: number;
  layers?: number;
  heads?: number;
  kvHeads?: number;
  hidden?: number;
  /** SwiGLU inner size; defaults to about 8/3 of hidden, rounded to a multiple of 8. */
  intermediate?: number;
  seed?: number;
  tieEmbeddings?: boolean;
  maxPositionEmbeddings?: number;
  ropeTheta?: number;
  /** Adds a `num_logits_to_keep` input so prefill computes only the last positions' logits. */
  logitsToKeepInput?: boolean;
  /** KV cache element type at the graph boundary (float16 like GPU exports; math stays fp32). */
  kvDtype?: 'float32' | 'float16';
  /** Adds a `greedy_token_ids` output (ArgMax of the logits), so greedy decoding can skip fetching logits. */
  greedyOutput?: boolean;
}

export interface TinyLlamaConfig {
  vocabSize: number;
  layers: number;
  heads: number;
  kvHeads: number;
  hidden: number;
  headDim: number;
  intermediate: number;
  seed: number;
  tieEmbeddings: boolean;
  maxPositionEmbeddings: number;
  ropeTheta: number;
  rmsNormEps: number;
  logitsToKeepInput: boolean;
  kvDtype: 'float32' | 'float16';
  greedyOutput: boolean;
}

export const SPECIAL_TOKENS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|start_header_id|>',
  '<|end_header_id|>',
  '<|eot_id|>',
] as const;

export function resolveTinyConfig(options: TinyModelOptions = {}): TinyLlamaConfig {
  const hidden = options.hidden ?? 64;
  const heads = options.heads ?? 4;
  const kvHeads = options.kvHeads ?? 2;
  const vocabSize = options.vocabSize ?? 512;
  const positive = { hidden, heads, kvHeads, vocabSize, layers: options.layers ?? 2 };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value <= 0)
      throw new MprError('invalid_argument', `${name} must be a positive integer`);
  }
  if (hidden % heads !== 0) throw new MprError('invalid_argument', 'hidden must be a multiple of heads');
  if (heads % kvHeads !== 0) throw new MprError('invalid_argument', 'heads must be a multiple of kv-heads');
  const headDim = hidden / heads;
  if (headDim % 2 !== 0) throw new MprError('invalid_argument', 'hidden / heads must be even (RoPE)');
  if (vocabSize < 256 + SPECIAL_TOKENS.length + 1) {
    throw new MprError('invalid_argument', `vocab must be at least ${256 + SPECIAL_TOKENS.length + 1}`);
  }
  return {
    vocabSize,
    layers: positive.layers,
    heads,
    kvHeads,
    hidden,
    headDim,
    intermediate: options.intermediate ?? Math.max(8, Math.round((hidden * 8) / 3 / 8) * 8),
    seed: options.seed ?? 1,
    tieEmbeddings: options.tieEmbeddings ?? true,
    maxPositionEmbeddings: options.maxPositionEmbeddings ?? 2048,
    ropeTheta: options.ropeTheta ?? 10000,
    rmsNormEps: 1e-5,
    logitsToKeepInput: options.logitsToKeepInput ?? true,
    kvDtype: options.kvDtype ?? 'float32',
    greedyOutput: options.greedyOutput ?? false,
  };
}
