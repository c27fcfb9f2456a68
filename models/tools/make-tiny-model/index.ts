// `mpr make-tiny-model`: writes a deterministic tiny Llama (or Qwen2) model directory in the layout a
// real exporter produces: Optimum / transformers.js (onnx/model.onnx, model_fp16.onnx, model_q4.onnx,
// optionally with external data) or the onnxruntime-genai builder (model.onnx + model.onnx.data).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadPeftAdapter } from '../../src/adapters/peft-adapter.ts';
import { moveToExternalData } from './external-data.ts';
import { buildGenaiModel } from './genai-graph.ts';
import { encodeModel } from './graph-builder.ts';
import { buildLlamaModel } from './llama-graph.ts';
import { effectiveWeights } from './stored-weights.ts';
import { resolveTinyConfig, type TinyLlamaConfig, type TinyModelOptions } from './tiny-config.ts';
import { mergeAdapter } from './tiny-adapter.ts';
import { tinyTokenizerFiles } from './tokenizer-files.ts';
import { createWeights, type TinyLlamaWeights } from './weights.ts';

export type { TinyModelOptions, TinyLlamaConfig, TinyLlamaWeights };
export { resolveTinyConfig, createWeights, effectiveWeights };

export interface MakeTinyModelOptions extends TinyModelOptions {
  /** Directory to write; created if missing. */
  out: string;
  /** A PEFT adapter directory to merge into the weights (W + scale * B @ A) before writing the graph. */
  mergeAdapter?: string;
}

export interface TinyModelInfo {
  dir: string;
  config: TinyLlamaConfig;
  bosTokenId: number;
  eosTokenIds: number[];
  /** The ONNX file, relative to `dir` (e.g. onnx/model_fp16.onnx). */
  onnxFile: string;
  /** The external data file relative to `dir`, or null when the weights are inside the ONNX file. */
  dataFile: string | null;
  onnxBytes: number;
}

/** Where each layout puts its graph: transformers.js names the dtype variants; the builder writes model.onnx. */
export function tinyOnnxFile(config: TinyLlamaConfig): { onnxFile: string; dataFile: string | null } {
  if (config.layout === 'genai') return { onnxFile: 'model.onnx', dataFile: 'model.onnx.data' };
  const name = { float32: 'model.onnx', float16: 'model_fp16.onnx', int4: 'model_q4.onnx' }[config.dtype];
  return { onnxFile: join('onnx', name), dataFile: config.externalData ? join('onnx', `${name}_data`) : null };
}

function hfConfig(config: TinyLlamaConfig, bos: number, eos: number[]): object {
  const qwen2 = config.architecture === 'qwen2';
  return {
    architectures: [qwen2 ? 'Qwen2ForCausalLM' : 'LlamaForCausalLM'],
    model_type: config.architecture,
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
    attention_bias: qwen2,
    mlp_bias: false,
    tie_word_embeddings: config.tieEmbeddings,
    bos_token_id: bos,
    eos_token_id: eos,
    torch_dtype: config.kvDtype,
    use_cache: true,
    mpr_tiny_seed: config.seed,
  };
}

/** The builder's genai_config.json (the fields onnxruntime-genai reads for a decoder-only model). */
function genaiConfig(config: TinyLlamaConfig, bos: number, eos: number[], pad: number): object {
  return {
    model: {
      bos_token_id: bos,
      context_length: config.maxPositionEmbeddings,
      decoder: {
        session_options: { log_id: 'onnxruntime-genai', provider_options: [] },
        filename: 'model.onnx',
        head_size: config.headDim,
        hidden_size: config.hidden,
        inputs: {
          input_ids: 'input_ids',
          attention_mask: 'attention_mask',
          past_key_names: 'past_key_values.%d.key',
          past_value_names: 'past_key_values.%d.value',
        },
        outputs: { logits: 'logits', present_key_names: 'present.%d.key', present_value_names: 'present.%d.value' },
        num_attention_heads: config.heads,
        num_hidden_layers: config.layers,
        num_key_value_heads: config.kvHeads,
      },
      eos_token_id: eos,
      pad_token_id: pad,
      type: config.architecture,
      vocab_size: config.vocabSize,
    },
    search: {
      do_sample: false,
      max_length: config.maxPositionEmbeddings,
      num_beams: 1,
      past_present_share_buffer: true,
    },
  };
}

export async function makeTinyModel(options: MakeTinyModelOptions): Promise<TinyModelInfo> {
  const config = resolveTinyConfig(options);
  const tokenizer = await tinyTokenizerFiles(config);
  const created = createWeights(config);
  const weights = options.mergeAdapter
    ? mergeAdapter(config, created, await loadPeftAdapter(options.mergeAdapter))
    : created;
  const model = config.layout === 'genai' ? buildGenaiModel(config, weights) : buildLlamaModel(config, weights);
  const { onnxFile, dataFile } = tinyOnnxFile(config);
  const data = dataFile ? moveToExternalData(model, dataFile.split('/').at(-1) as string) : null;
  const bytes = encodeModel(model);

  await mkdir(dirname(join(options.out, onnxFile)), { recursive: true });
  const json = (value: object): string => `${JSON.stringify(value, null, 2)}\n`;
  const { bos, eos, pad } = tokenizer;
  const writes = [
    writeFile(join(options.out, onnxFile), bytes),
    writeFile(join(options.out, 'tokenizer.json'), tokenizer.tokenizerJson),
    writeFile(join(options.out, 'tokenizer_config.json'), tokenizer.tokenizerConfigJson),
  ];
  if (data && dataFile) writes.push(writeFile(join(options.out, dataFile), data));
  if (config.layout === 'genai') {
    writes.push(writeFile(join(options.out, 'genai_config.json'), json(genaiConfig(config, bos, eos, pad))));
  } else {
    writes.push(
      writeFile(join(options.out, 'config.json'), json(hfConfig(config, bos, eos))),
      writeFile(
        join(options.out, 'generation_config.json'),
        json({ bos_token_id: bos, eos_token_id: eos, do_sample: false, pad_token_id: pad }),
      ),
    );
  }
  await Promise.all(writes);
  return {
    dir: options.out,
    config,
    bosTokenId: bos,
    eosTokenIds: eos,
    onnxFile,
    dataFile,
    onnxBytes: bytes.byteLength + (data?.byteLength ?? 0),
  };
}
