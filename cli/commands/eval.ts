// `mpr eval gec|json|schemas|compare`: quality and speed reports of a running system or an in-process engine.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { MprError } from '../../lib/errors.ts';
import { getTask } from '../../services/describer/tasks/index.ts';
import type { GenerationSettings } from '../../services/shared/engine-types.ts';
import {
  complianceSentence,
  evaluateCompare,
  evaluateGec,
  evaluateJson,
  loadPolicy,
  type JsonTask,
  type PolicyMetrics,
} from '../../eval/index.ts';
import type { SystemChoice } from '../../eval/systems.ts';

// Engines (and their dictionaries and models) load only when a run needs one, not for `eval compare`.
const systems = (): Promise<typeof import('../../eval/systems.ts')> => import('../../eval/systems.ts');

interface SystemFlags {
  target?: string;
  engine?: string;
  timeoutMs: number;
  temperature?: number;
  maxTokens?: number;
  limit?: number;
  concurrency?: number;
  report: string;
  json: string;
}

function integer(min: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return value;
  };
}

function decimal(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError('expected a number >= 0');
  return value;
}

function list(raw: string): string[] {
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new InvalidArgumentError('expected comma-separated names');
  return names;
}

function labelledFile(raw: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([^=]+)=(.+)$/.exec(raw);
  if (!match) throw new InvalidArgumentError('expected label=FILE');
  return { ...previous, [match[1]!]: match[2]! };
}

function addSystemOptions(command: Command): Command {
  return command
    .option('--target <url>', 'a running gateway, e.g. http://127.0.0.1:8080')
    .option('--engine <engine>', '"default" or a model directory, run in-process (the default when no --target)')
    .option('--timeout-ms <ms>', 'per-request timeout against --target', integer(1), 60_000)
    .option('--temperature <t>', "sampling temperature sent to the engine (default: the engine's own)", decimal)
    .option('--max-tokens <n>', "most generated tokens per item (default: the engine's own)", integer(1))
    .option('--limit <n>', 'evaluate only the first N items', integer(1))
    .option('--concurrency <n>', 'requests in flight (default 4 against --target, 1 in-process)', integer(1))
    .requiredOption('--report <file>', 'markdown report to write')
    .requiredOption('--json <file>', 'metrics JSON to write');
}

function systemChoice(flags: SystemFlags): SystemChoice {
  const generation: GenerationSettings = {};
  if (flags.temperature !== undefined) generation.temperature = flags.temperature;
  if (flags.maxTokens !== undefined) generation.maxNewTokens = flags.maxTokens;
  return {
    target: flags.target,
    engine: flags.engine,
    timeoutMs: flags.timeoutMs,
    generation: Object.keys(generation).length > 0 ? generation : undefined,
  };
}

async function jsonTask(flags: { task?: string; schema?: string; instructions?: string }): Promise<JsonTask> {
  if (flags.task && flags.schema) throw new MprError('invalid_argument', 'give either --task or --schema, not both');
  if (flags.schema) {
    let schema: unknown;
    try {
      schema = JSON.parse(await readFile(flags.schema, 'utf8'));
    } catch (error) {
      throw new MprError('invalid_argument', `cannot read the schema ${flags.schema}: ${(error as Error).message}`);
    }
    if (typeof schema !== 'object' || schema === null)
      throw new MprError('invalid_argument', `${flags.schema} is not a JSON Schema object`);
    return { name: 'custom', schema: schema as Record<string, unknown>, instructions: flags.instructions };
  }
  if (!flags.task) throw new MprError('invalid_argument', 'give --task NAME or --schema FILE');
  const task = getTask(flags.task);
  return { name: task.name, schema: task.schema, instructions: flags.instructions ?? task.instructions };
}

type JsonFlags = SystemFlags & { data: string; task?: string; schema?: string; instructions?: string; policy?: string };

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function registerEvalCommand(program: Command): void {
  const evalCommand = program.command('eval').description('evaluate a system or engine and write reports');

  addSystemOptions(
    evalCommand
      .command('gec')
      .description('grammatical error correction on a JFLEG-layout set (tokenized source + reference files)')
      .requiredOption('--src <file>', 'tokenized source sentences, one per line')
      .requiredOption('--refs <files...>', 'reference files aligned with --src (up to four)')
      .requiredOption('--out <file>', 'hypotheses, one tokenized sentence per line')
      .option('--baseline <label=file>', 'also score a hypothesis file with GLEU (repeatable)', labelledFile, {})
      .option('--record <name>', 'record the figures in docs/MEASUREMENTS.md as docs/measurements/<name>.json'),
  ).action(
    async (
      flags: SystemFlags & {
        src: string;
        refs: string[];
        out: string;
        baseline: Record<string, string>;
        record?: string;
      },
    ) => {
      const system = await (await systems()).createGecSystem(systemChoice(flags));
      try {
        const { record: name, ...rest } = flags;
        const record =
          name === undefined ? {} : { record: { name, command: `mpr ${process.argv.slice(2).join(' ')}` } };
        const file = await evaluateGec({ ...rest, ...record, system, baselines: flags.baseline, argv: process.argv });
        const metrics = file.metrics as { copySourceGleu: number; items: number; errorRate: number };
        say(
          `GLEU ${file.gleu?.toFixed(2)} on ${metrics.items} sentences (copy source ${metrics.copySourceGleu.toFixed(2)}; failed requests ${(100 * metrics.errorRate).toFixed(1)}%)`,
        );
        say(`hypotheses ${flags.out}, metrics ${flags.json}, report ${flags.report}`);
      } finally {
        await system.close();
      }
    },
  );

  addSystemOptions(
    evalCommand
      .command('json')
      .description('structured output: each JSONL line holds {"input": "...", "expected": {...}}')
      .requiredOption('--data <file>', 'JSONL evaluation set')
      .option('--task <name>', 'named describer task (describe, decision, traits)')
      .option('--schema <file>', 'inline JSON Schema file instead of a named task')
      .option('--instructions <text>', 'instructions that go with the schema')
      .option('--policy <file>', 'YAML policy: named JSONata rules every answer is checked against'),
  ).action(async (flags: JsonFlags) => {
    const task = await jsonTask(flags);
    // A broken policy fails here, before an engine loads or any item runs.
    const policy = flags.policy ? await loadPolicy(flags.policy) : undefined;
    const system = await (await systems()).createJsonSystem(systemChoice(flags));
    try {
      const file = await evaluateJson({ ...flags, task, system, policy, argv: process.argv });
      const metrics = file.metrics as { jsonValidRate: number; schemaValidRate: number; items: number };
      say(
        `${metrics.items} items: valid JSON ${(100 * metrics.jsonValidRate).toFixed(1)}%, schema-valid ${(100 * metrics.schemaValidRate).toFixed(1)}%`,
      );
      const compliance = (file.metrics as { policy?: PolicyMetrics }).policy;
      if (compliance) say(`policy ${policy?.name}: ${complianceSentence(compliance)}`);
      say(`metrics ${flags.json}, report ${flags.report}`);
    } finally {
      await system.close();
    }
  });

  evalCommand
    .command('schemas')
    .description(
      'JSON-Schema constraint coverage over a corpus of real-world schemas (valid/refused/invalid/error, completeness)',
    )
    .option(
      '--corpus <file>',
      'corpus JSONL (.gz) of {id, source, license, schema, examples?}',
      'eval/data/schemas/corpus.jsonl.gz',
    )
    .option('--every <n>', 'evaluate every n-th schema (a spread-out sample)', integer(1), 1)
    .option('--limit <n>', 'evaluate at most N schemas', integer(1))
    .addOption(
      new Option('--tokenizer <name>', "vocabulary masks are computed with: Llama 3.1's 128k tokens, or its first 8k")
        .choices(['llama3.1', 'llama3.1-8k'])
        .default('llama3.1-8k'),
    )
    .option('--no-completeness', 'skip force-decoding valid instances with the real tokenizer')
    .option('--max-tokens <n>', 'token budget of each decoded document', integer(8), 256)
    .option('--seed <n>', 'seed of the random model and the instance generator', integer(0), 1)
    .option('--record', 'record the figures in docs/MEASUREMENTS.md')
    .requiredOption('--report <file>', 'markdown report to write')
    .requiredOption('--json <file>', 'metrics JSON to write')
    .action(
      async (flags: {
        corpus: string;
        every: number;
        limit?: number;
        tokenizer: 'llama3.1' | 'llama3.1-8k';
        completeness: boolean;
        maxTokens: number;
        seed: number;
        report: string;
        json: string;
        record?: boolean;
      }) => {
        const { runSchemaEval } = await import('../../eval/run-schemas.ts');
        const { metrics } = await runSchemaEval({
          corpus: flags.corpus,
          every: flags.every,
          limit: flags.limit,
          tokenizer: flags.tokenizer,
          completeness: flags.completeness,
          maxNewTokens: flags.maxTokens,
          seed: flags.seed,
          json: flags.json,
          report: flags.report,
          argv: process.argv,
          ...(flags.record ? { record: `mpr ${process.argv.slice(2).join(' ')}` } : {}),
        });
        const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
        say(
          `${metrics.schemas} schemas: valid ${pct(metrics.valid_rate)}, refused ${pct(metrics.refused_rate)}, invalid ${metrics.invalid}, errors ${metrics.errors}; completeness ${pct(metrics.completeness_rate)} of ${metrics.instances} instances`,
        );
        say(`metrics ${flags.json}, report ${flags.report}`);
      },
    );

  evalCommand
    .command('compare')
    .description('compare runs (metrics JSON files) on the same dataset; the first is the baseline')
    .argument('<runs...>', 'metrics JSON of each run, the baseline first (at least two)')
    .requiredOption('--report <file>', 'markdown report; SVG charts are written next to it')
    .option('--labels <names>', 'comma-separated run names for tables and charts (default: the file names)', list)
    .option('--force', 'compare runs on different datasets anyway')
    .option('--no-png', 'do not try to render PNG copies of the charts')
    .action(async (runs: string[], flags: { report: string; labels?: string[]; force?: boolean; png: boolean }) => {
      if (runs.length < 2) throw new MprError('invalid_argument', 'give at least two metrics files to compare');
      const output = await evaluateCompare({
        runs,
        labels: flags.labels,
        report: flags.report,
        force: flags.force,
        png: flags.png,
      });
      const { labels, rows } = output.comparison;
      say(`report ${flags.report}, charts ${output.charts.join(', ')}`);
      labels.slice(1).forEach((label, index) => {
        const worse = rows.filter((row) => row.changes[index]!.verdict === 'worse').map((row) => row.label);
        say(`${label}: ${worse.length === 0 ? `no metric worse than ${labels[0]}` : `worse: ${worse.join(', ')}`}`);
      });
    });

  evalCommand
    .command('gate')
    .description('skip-gate quality on JFLEG dev: false-skip and clean-skip rates with the embedded checker')
    .addOption(
      new Option('--parser <mode>', 'grammar parser behind the checker')
        .choices(['auto', 'link-grammar', 'off'])
        .default('auto'),
    )
    .option(
      '--strain <cost>',
      'parser strain (cost per word) of the checker, as MPR_CLEANER_CHECKER_STRAIN: another operating point',
      decimal,
    )
    .action(async (options: { parser: 'auto' | 'link-grammar' | 'off'; strain?: number }) => {
      const { printSkipGateReports } = await import('../../eval/skip-gate-jfleg.ts');
      await printSkipGateReports(options.parser, options.strain);
    });
}
