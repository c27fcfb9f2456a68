// Graph rewrites that prepare an exported model for this runtime, and random adapters to try them with:
// `mpr add-adapter-inputs` (LoRA adapters chosen at run time), `mpr add-logits-to-keep` (prefill computes
// only the last position's logits), `mpr make-tiny-adapter` (a PEFT adapter for a make-tiny-model base).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { MprError } from '../../lib/errors.ts';

function positive(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('expected a positive integer');
  return value;
}

const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const print = (value: object): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export function registerModelToolCommands(program: Command): void {
  program
    .command('add-adapter-inputs')
    .description('rewrite an exported decoder once so that LoRA adapters (PEFT) are chosen per request at run time')
    .requiredOption('--input <onnx>', 'the exported graph (its external data is carried along)')
    .requiredOption('--output <onnx>', 'where to write the prepared graph')
    .option('--modules <list>', 'projections that may carry adapters (default q,k,v,o,gate,up,down _proj)', list)
    .action(async (flags: { input: string; output: string; modules?: string[] }) => {
      // Loaded on use: `mpr serve` never pulls in the graph tools.
      const { addAdapterInputs } = await import('../../models/tools/index.ts');
      const report = await addAdapterInputs({
        input: flags.input,
        output: flags.output,
        ...(flags.modules ? { modules: flags.modules } : {}),
      });
      print({ output: flags.output, sites: report.sites.map((site) => site.site) });
    });

  program
    .command('add-logits-to-keep')
    .description('rewrite an exported decoder so that prefill computes the last position logits only')
    .requiredOption('--input <onnx>', 'the exported graph')
    .requiredOption('--output <onnx>', 'where to write the rewritten graph')
    .option('--greedy-output', 'also add greedy_token_ids (ArgMax in the graph)')
    .action(async (flags: { input: string; output: string; greedyOutput?: boolean }) => {
      const { addLogitsToKeep } = await import('../../models/tools/index.ts');
      print(
        await addLogitsToKeep({ input: flags.input, output: flags.output, greedyOutput: flags.greedyOutput === true }),
      );
    });

  program
    .command('make-tiny-adapter')
    .description('write a random PEFT LoRA adapter for a make-tiny-model base (for trying run-time adapters)')
    .requiredOption('--base <dir>', 'a directory written by mpr make-tiny-model')
    .requiredOption('--out <dir>', 'directory to write (adapter_config.json, adapter_model.safetensors)')
    .option('--rank <n>', 'LoRA rank r (default 16)', positive)
    .option('--alpha <n>', 'lora_alpha (default 32)', positive)
    .option('--modules <list>', 'target modules (default q_proj,k_proj,v_proj,o_proj)', list)
    .option('--seed <n>', 'weight seed (default 1)', positive)
    .action(
      async (flags: {
        base: string;
        out: string;
        rank?: number;
        alpha?: number;
        modules?: string[];
        seed?: number;
      }) => {
        const { makeTinyAdapter, resolveTinyConfig } = await import('../../models/tools/index.ts');
        let hf: Record<string, unknown>;
        try {
          hf = JSON.parse(await readFile(join(flags.base, 'config.json'), 'utf8')) as Record<string, unknown>;
        } catch {
          throw new MprError('invalid_argument', `${flags.base} has no config.json written by mpr make-tiny-model`);
        }
        const config = resolveTinyConfig({
          vocabSize: hf.vocab_size as number,
          layers: hf.num_hidden_layers as number,
          heads: hf.num_attention_heads as number,
          kvHeads: hf.num_key_value_heads as number,
          hidden: hf.hidden_size as number,
          intermediate: hf.intermediate_size as number,
        });
        const adapter = await makeTinyAdapter({
          out: flags.out,
          config,
          ...(flags.rank ? { rank: flags.rank } : {}),
          ...(flags.alpha ? { alpha: flags.alpha } : {}),
          ...(flags.modules ? { targetModules: flags.modules } : {}),
          ...(flags.seed ? { seed: flags.seed } : {}),
        });
        print(adapter);
      },
    );
}
