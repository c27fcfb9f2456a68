// The `mpr` command: the composition root of the whole system.
import { Command, Option } from 'commander';
import { loadConfig, SETTINGS, type FlagValues } from '../lib/config.ts';
import { MprError, errorMessage } from '../lib/errors.ts';
import { COMPONENTS, serveUntilSignal, type Component } from './serve.ts';
import { registerOneShotCommands } from './one-shot.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerMakeTinyModelCommand } from './commands/make-tiny-model.ts';
import { registerModelToolCommands } from './commands/model-tools.ts';

function addSettingFlags(command: Command): Command {
  for (const spec of Object.values(SETTINGS)) {
    command.addOption(new Option(`--${spec.flag} <value>`, `${spec.description} (env ${spec.env})`));
  }
  return command;
}

export function buildProgram(): Command {
  const program = new Command('mpr').description(
    'MPR-Agents: multi-agent text cleaning (jw1 orchestrator, jw2 cleaner, jw3 describer)',
  );
  program.showHelpAfterError();

  addSettingFlags(
    program
      .command('serve')
      .description('start the whole system (default) or one component')
      .argument('[component]', `one of ${COMPONENTS.join(', ')}`, 'all'),
  ).action(async (component: string, flags: FlagValues) => {
    if (!(COMPONENTS as readonly string[]).includes(component)) {
      throw new MprError(
        'invalid_argument',
        `unknown component "${component}"; expected one of ${COMPONENTS.join(', ')}`,
      );
    }
    await serveUntilSignal(component as Component, loadConfig(flags));
  });

  registerOneShotCommands(program);
  registerEvalCommand(program);
  registerMakeTinyModelCommand(program);
  registerModelToolCommands(program);
  registerKeysCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (error) {
    process.stderr.write(
      `mpr: ${error instanceof MprError ? `${error.code}: ${error.message}` : errorMessage(error)}\n`,
    );
    process.exitCode = error instanceof MprError && error.httpStatus < 500 ? 2 : 1;
  }
}
