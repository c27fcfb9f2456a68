// `mpr make-tiny-model --out DIR`: writes a deterministic tiny Llama (ONNX + tokenizer + configs) in the
// Optimum layout, for tests and for trying the LLM engines without real weights.
import { InvalidArgumentError, Option, type Command } from 'commander';
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
  tokenizer?: 'tiny' | 'llama3.1';
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
    .addOption(
      new Option(
        '--tokenizer <name>',
        "tiny: a BPE trained on a small corpus; llama3.1: Llama 3.1's real tokenizer (128,256 tokens, its special tokens and chat template)",
      )
        .choices(['tiny', 'llama3.1'])
        .default('tiny'),
    )
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
      // Loaded on use: the rest of the CLI (`mpr serve`) never pulls in the BPE trainer and onnx-proto.
      const { makeTinyModel } = await import('../../models/tools/index.ts');
      const tokenizerDir =
        flags.tokenizer === 'llama3.1'
          ? (await import('../../eval/llama3-tokenizer.ts')).llama31TokenizerDir()
          : undefined;
      const info = await makeTinyModel({ ...options, out: flags.out, ...(tokenizerDir ? { tokenizerDir } : {}) });
      process.stdout.write(
        `${JSON.stringify({ dir: info.dir, config: info.config, onnxBytes: info.onnxBytes }, null, 2)}\n`,
      );
    });
}
