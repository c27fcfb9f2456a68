// `mpr make-tiny-model`: writes a deterministic tiny Llama in the Optimum / transformers.js layout.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { trainBpe } from './bpe-trainer.ts';
import { TRAINING_CORPUS } from './corpus.ts';
import { encodeModel } from './graph-builder.ts';
import { buildLlamaModel } from './llama-graph.ts';
import { resolveTinyConfig, SPECIAL_TOKENS, type TinyLlamaConfig, type TinyModelOptions } from './tiny-config.ts';
import { specialTokenIds, tokenizerConfigJson, tokenizerJson } from './tokenizer-files.ts';
import { createWeights, type TinyLlamaWeights } from './weights.ts';

export type { TinyModelOptions, TinyLlamaConfig, TinyLlamaWeights };
export { resolveTinyConfig, createWeights };

export interface MakeTinyModelOptions extends TinyModelOptions {
  /** Directory to write; created if missing. */
  out: string;
  /**
   * A directory holding a real tokenizer.json + tokenizer_config.json (e.g. Llama 3.1's): copied as they
   * are, the vocabulary size and special tokens taken from them, instead of training the tiny BPE.
   */
  tokenizerDir?: string;
}

export interface TinyModelInfo {
  dir: string;
  config: TinyLlamaConfig;
  bosTokenId: number;
  eosTokenIds: number[];
  onnxBytes: number;
}

function hfConfig(config: TinyLlamaConfig, bos: number, eos: number[]): object {
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    vocab_size: config.vocabSize,
    hidden_size: config.hidden,
    intermediate_size: config.intermediate,
    num_hidden_layers: config.layers,
    num_attention_heads: config.heads,
    num_key_value_heads: config.kvHeads,
    head_dim: config.headDim,
    hidden_act: 'silu',
    max_position_embeddings: config.maxPositionEmbeddings,
    rms_norm_eps: config.rmsNormEps,
    rope_theta: config.ropeTheta,
    rope_scaling: null,
    attention_bias: false,
    mlp_bias: false,
    tie_word_embeddings: config.tieEmbeddings,
    bos_token_id: bos,
    eos_token_id: eos,
    torch_dtype: config.kvDtype,
    use_cache: true,
    mpr_tiny_seed: config.seed,
  };
}

export async function makeTinyModel(options: MakeTinyModelOptions): Promise<TinyModelInfo> {
  if (options.tokenizerDir) return makeWithTokenizer(options, options.tokenizerDir);
  const config = resolveTinyConfig(options);
  const bpe = trainBpe(TRAINING_CORPUS, config.vocabSize - SPECIAL_TOKENS.length, config.seed);
  const specials = specialTokenIds(bpe);
  const eos = [specials.endOfText, specials.eot];
  const model = encodeModel(buildLlamaModel(config, createWeights(config)));

  await mkdir(join(options.out, 'onnx'), { recursive: true });
  const json = (value: object): string => `${JSON.stringify(value, null, 2)}\n`;
  await Promise.all([
    writeFile(join(options.out, 'onnx', 'model.onnx'), model),
    writeFile(join(options.out, 'config.json'), json(hfConfig(config, specials.bos, eos))),
    writeFile(
      join(options.out, 'generation_config.json'),
      json({ bos_token_id: specials.bos, eos_token_id: eos, do_sample: false, pad_token_id: specials.endOfText }),
    ),
    writeFile(join(options.out, 'tokenizer.json'), JSON.stringify(tokenizerJson(bpe, specials))),
    writeFile(
      join(options.out, 'tokenizer_config.json'),
      json(tokenizerConfigJson(specials, config.maxPositionEmbeddings)),
    ),
  ]);
  return { dir: options.out, config, bosTokenId: specials.bos, eosTokenIds: eos, onnxBytes: model.byteLength };
}

/** Special token ids of a tokenizer_config.json, by their content. */
function addedTokenIds(config: Record<string, unknown>): Map<string, number> {
  const decoder = (config.added_tokens_decoder ?? {}) as Record<string, { content?: string }>;
  return new Map(Object.entries(decoder).map(([id, token]) => [token.content ?? '', Number(id)]));
}

function tokenContent(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return value && typeof value === 'object' ? ((value as { content?: string }).content ?? undefined) : undefined;
}

/** A tiny random-weight model over a real tokenizer (Llama 3.1's 128,256 tokens, its chat template). */
async function makeWithTokenizer(options: MakeTinyModelOptions, tokenizerDir: string): Promise<TinyModelInfo> {
  const tokenizerText = await readFile(join(tokenizerDir, 'tokenizer.json'), 'utf8');
  const configText = await readFile(join(tokenizerDir, 'tokenizer_config.json'), 'utf8');
  const tokenizer = JSON.parse(tokenizerText) as {
    model: { vocab: Record<string, number> };
    added_tokens?: { id: number }[];
  };
  const tokenizerConfig = JSON.parse(configText) as Record<string, unknown>;
  const ids = addedTokenIds(tokenizerConfig);
  const vocabSize = Math.max(
    Object.keys(tokenizer.model.vocab).length,
    ...(tokenizer.added_tokens ?? []).map((token) => token.id + 1),
  );
  const bos = ids.get(tokenContent(tokenizerConfig.bos_token) ?? '') ?? 0;
  const eos = [tokenContent(tokenizerConfig.eos_token), '<|end_of_text|>', '<|eom_id|>', '<|eot_id|>']
    .map((content) => (content === undefined ? undefined : ids.get(content)))
    .filter((id, i, all): id is number => id !== undefined && all.indexOf(id) === i);
  const config = resolveTinyConfig({ ...options, vocabSize });
  const model = encodeModel(buildLlamaModel(config, createWeights(config)));
  await mkdir(join(options.out, 'onnx'), { recursive: true });
  const json = (value: object): string => `${JSON.stringify(value, null, 2)}\n`;
  await Promise.all([
    writeFile(join(options.out, 'onnx', 'model.onnx'), model),
    writeFile(join(options.out, 'config.json'), json(hfConfig(config, bos, eos))),
    writeFile(
      join(options.out, 'generation_config.json'),
      json({ bos_token_id: bos, eos_token_id: eos, do_sample: false }),
    ),
    writeFile(join(options.out, 'tokenizer.json'), tokenizerText),
    writeFile(join(options.out, 'tokenizer_config.json'), configText),
  ]);
  return { dir: options.out, config, bosTokenId: bos, eosTokenIds: eos, onnxBytes: model.byteLength };
}
