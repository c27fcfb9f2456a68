// Runs `mpr eval ...` without the rest of the CLI: `node cli/eval-main.ts gec --src ... --refs ...`.
import { Command } from 'commander';
import { registerEvalCommand } from './commands/eval.ts';
import { errorMessage, MprError } from '../lib/errors.ts';

const program = new Command('mpr');
registerEvalCommand(program);
try {
  await program.parseAsync(['eval', ...process.argv.slice(2)], { from: 'user' });
} catch (error) {
  process.stderr.write(
    `mpr eval: ${error instanceof MprError ? `${error.code}: ${error.message}` : errorMessage(error)}\n`,
  );
  process.exitCode = error instanceof MprError && error.httpStatus < 500 ? 2 : 1;
}
