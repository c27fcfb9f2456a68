// `mpr make-tiny-model --out DIR`: writes a deterministic tiny Llama or Qwen2 (ONNX + tokenizer + configs)
// in the layout an exporter writes (Optimum / transformers.js fp32, fp16, q4, external data; the
// onnxruntime-genai builder), for tests and for trying the LLM engines without real weights.
import { InvalidArgumentError, type Command } from 'commander';
import type { TinyModelOptions } from '../../models/tools/index.ts';

interface TinyFlags {
  out: string;
  vocab?: number;
  layers?: number;
  heads?: number;
  kvHeads?: number;
  hidden?: number;
  seed?: number;
  maxPositions?: number;
  untied?: boolean;
  dtype?: TinyModelOptions['dtype'];
  layout?: TinyModelOptions['layout'];
  architecture?: TinyModelOptions['architecture'];
  tokenizer?: TinyModelOptions['tokenizer'];
  externalData?: boolean;
}

function oneOf<T extends string>(values: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!(values as readonly string[]).includes(raw))
      throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return raw as T;
  };
}

function positive(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('expected a positive integer');
  return value;
}

function integer(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new InvalidArgumentError('expected an integer');
  return value;
}

export function registerMakeTinyModelCommand(program: Command): void {
  program
    .command('make-tiny-model')
    .description('write a deterministic tiny Llama-architecture model directory (random weights; its output is noise)')
    .requiredOption('--out <dir>', 'directory to write (created if missing)')
    .option('--vocab <n>', 'vocabulary size, special tokens included (default 512)', positive)
    .option('--layers <n>', 'decoder layers (default 2)', positive)
    .option('--heads <n>', 'attention heads (default 4)', positive)
    .option('--kv-heads <n>', 'key/value heads, grouped-query attention (default 2)', positive)
    .option('--hidden <n>', 'hidden size (default 64)', positive)
    .option('--seed <n>', 'weight and tokenizer seed (default 1)', integer)
    .option('--max-positions <n>', 'context length written to config.json', positive)
    .option('--untied', 'separate LM head instead of tied embeddings')
    .option(
      '--dtype <dtype>',
      'float32 (onnx/model.onnx), float16 (model_fp16.onnx: weights, KV cache, logits) or int4 (model_q4.onnx: MatMulNBits block 32)',
      oneOf(['float32', 'float16', 'int4'] as const),
    )
    .option(
      '--layout <layout>',
      'optimum (text-generation-with-past) or genai (onnxruntime-genai builder: GroupQueryAttention, model.onnx.data)',
      oneOf(['optimum', 'genai'] as const),
    )
    .option('--architecture <name>', 'llama or qwen2 (q/k/v biases)', oneOf(['llama', 'qwen2'] as const))
    .option(
      '--tokenizer <name>',
      "synthetic (small BPE) or llama3 (Llama 3.1's, 128,256 tokens)",
      oneOf(['synthetic', 'llama3'] as const),
    )
    .option('--external-data', 'weights in a data file beside the graph (onnx/model.onnx_data)')
    .action(async (flags: TinyFlags) => {
      const options: TinyModelOptions = {};
      if (flags.vocab !== undefined) options.vocabSize = flags.vocab;
      if (flags.layers !== undefined) options.layers = flags.layers;
      if (flags.heads !== undefined) options.heads = flags.heads;
      if (flags.kvHeads !== undefined) options.kvHeads = flags.kvHeads;
      if (flags.hidden !== undefined) options.hidden = flags.hidden;
      if (flags.seed !== undefined) options.seed = flags.seed;
      if (flags.maxPositions !== undefined) options.maxPositionEmbeddings = flags.maxPositions;
      if (flags.untied) options.tieEmbeddings = false;
      if (flags.dtype) options.dtype = flags.dtype;
      if (flags.layout) options.layout = flags.layout;
      if (flags.architecture) options.architecture = flags.architecture;
      if (flags.tokenizer) options.tokenizer = flags.tokenizer;
      if (flags.externalData) options.externalData = true;
      // Loaded on use: the rest of the CLI (`mpr serve`) never pulls in the BPE trainer and onnx-proto.
      const { makeTinyModel } = await import('../../models/tools/index.ts');
      const info = await makeTinyModel({ ...options, out: flags.out });
      process.stdout.write(
        `${JSON.stringify({ dir: info.dir, onnxFile: info.onnxFile, dataFile: info.dataFile, config: info.config, onnxBytes: info.onnxBytes }, null, 2)}\n`,
      );
    });
}
