// `mpr clean "text"` and `mpr describe "text"`: one answer, printed as JSON. In-process with the
// configured engine by default, or through a running gateway with --target.
import type { Command } from 'commander';
import { loadConfig } from '../lib/config.ts';
import { MprError } from '../lib/errors.ts';
import { validateText } from '../lib/text-input.ts';
import { resolveTask } from '../services/describer/task-resolver.ts';
import { validateDocument } from '../services/describer/tasks/index.ts';
import { loadCleanerEngine, loadDescriberEngine } from '../services/engine-factory.ts';
import { type CleanAnswer, formatClean } from './clean-diff.ts';

async function postJson(target: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, target), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const payload = (await response.json()) as { error?: { code: string; message: string } };
  if (!response.ok)
    throw new MprError('unavailable', `${response.status} ${payload.error?.code}: ${payload.error?.message}`);
  return payload;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function registerOneShotCommands(program: Command): void {
  program
    .command('clean')
    .description('correct one text and print the result as JSON')
    .argument('<text>')
    .option('--target <url>', 'a running gateway, e.g. http://127.0.0.1:8080 (default: in-process engine)')
    .option('--diff', 'on a terminal, show the edits as a coloured inline diff (JSON when piped)')
    .action(async (text: string, options: { target?: string; diff?: boolean }) => {
      const show = (answer: unknown): void => {
        const terminal = process.stdout.isTTY === true;
        const target = { terminal, colors: terminal && process.stdout.hasColors() };
        process.stdout.write(formatClean(text, answer as CleanAnswer, options.diff === true, target));
      };
      if (options.target) return show(await postJson(options.target, '/v1/clean', { text }));
      const config = loadConfig();
      const engine = await loadCleanerEngine(config);
      const result = await engine.clean(validateText(text, { maxBytes: config.maxTextBytes }));
      show({ ...result, engine: engine.info });
      await engine.close?.();
    });

  program
    .command('describe')
    .description('describe one text as JSON (task describe, decision or traits)')
    .argument('<text>')
    .option('--task <name>', 'named task', 'describe')
    .option('--target <url>', 'a running gateway (default: in-process engine)')
    .action(async (text: string, options: { task: string; target?: string }) => {
      if (options.target) return print(await postJson(options.target, '/v1/describe', { text, task: options.task }));
      const config = loadConfig();
      const engine = await loadDescriberEngine(config);
      const task = resolveTask(options.task, '', '');
      const result = await engine.describe({
        text: validateText(text, { maxBytes: config.maxTextBytes }),
        task: task.name,
        schema: task.schema,
        instructions: task.instructions,
      });
      print({
        json: result.document,
        schemaValid: validateDocument(task.schema, result.document).valid,
        constrained: result.constrained,
        unfilledFields: result.unfilledFields,
        usage: result.usage,
        timings: result.timings,
        engine: engine.info,
      });
      await engine.close?.();
    });
}
