// `mpr keys create --name NAME [limits]`: makes a new API key. The key goes to stderr, once, for the
// person who gives it to the client; the line for the key file (its SHA-256 digest, never the key) goes
// to stdout, so that `mpr keys create --name ci >> keys.yaml` adds it. `mpr keys hash --name NAME`
// reads an existing key from stdin and prints its line (to re-list a key under new limits).
import { text } from 'node:stream/consumers';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  formatKeyEntry,
  generateApiKey,
  hashApiKey,
  KEY_NAME_PATTERN,
  type KeyEntry,
  parseKeyFile,
  QUOTA_PERIODS,
  type QuotaPeriod,
  TASKS,
  type Task,
} from '../../orchestrator/auth/index.ts';

interface KeyFlags {
  name: string;
  rps?: number;
  burst?: number;
  quota?: number;
  quotaPer: QuotaPeriod;
  tasks?: Task[];
  adapters?: string[];
}

function positiveNumber(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a number > 0');
  return value;
}

function positiveInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('expected a positive integer');
  return value;
}

function name(raw: string): string {
  if (!new RegExp(KEY_NAME_PATTERN).test(raw)) {
    throw new InvalidArgumentError('1-64 letters, digits, . _ @ - (it shows in logs and metrics)');
  }
  return raw;
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function taskList(raw: string): Task[] {
  const tasks = list(raw);
  const unknown = tasks.filter((task) => !(TASKS as readonly string[]).includes(task));
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown task ${unknown.join(', ')}; known: ${TASKS.join(', ')}`);
  return tasks as Task[];
}

/** The key file line for `hash` with the flags' limits, checked by reading it back as the server will. */
function entryLine(hash: string, flags: KeyFlags): string {
  const entry: KeyEntry = {
    name: flags.name,
    hash,
    ...(flags.rps ? { rateLimit: { rps: flags.rps, ...(flags.burst ? { burst: flags.burst } : {}) } } : {}),
    ...(flags.quota ? { quota: { requests: flags.quota, per: flags.quotaPer } } : {}),
    ...(flags.tasks ? { tasks: flags.tasks } : {}),
    ...(flags.adapters ? { adapters: flags.adapters } : {}),
  };
  const line = formatKeyEntry(entry);
  parseKeyFile(line);
  return line;
}

function withKeyOptions(command: Command): Command {
  return command
    .requiredOption('--name <name>', 'name of the key in logs, traces and metrics', name)
    .option('--rps <n>', 'its own rate limit in requests per second (default: MPR_RATE_LIMIT_RPS)', positiveNumber)
    .option('--burst <n>', 'requests it may send at once (default: MPR_RATE_LIMIT_BURST)', positiveInteger)
    .option('--quota <n>', 'requests it may make per --quota-per period', positiveInteger)
    .addOption(
      new Option('--quota-per <period>', 'period of the quota').choices(Object.keys(QUOTA_PERIODS)).default('day'),
    )
    .option('--tasks <list>', `tasks it may use, comma-separated (default all: ${TASKS.join(', ')})`, taskList)
    .option(
      '--adapters <list>',
      'describer tasks or adapters it may use, comma-separated; custom = inline schema (default all)',
      list,
    );
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys of jw1 (see docs/SECURITY.md)');
  withKeyOptions(
    keys
      .command('create')
      .description('make a new API key: the key on stderr (shown once), its key file line on stdout'),
  ).action((flags: KeyFlags) => {
    const key = generateApiKey();
    const line = entryLine(hashApiKey(key), flags);
    process.stderr.write(`API key for "${flags.name}" (shown once; jw1 stores only its hash): ${key}\n`);
    process.stdout.write(`${line}\n`);
  });
  withKeyOptions(keys.command('hash').description('read an API key from stdin and print its key file line')).action(
    async (flags: KeyFlags) => {
      const key = (await text(process.stdin)).trim();
      if (!key) throw new InvalidArgumentError('no key on stdin');
      process.stdout.write(`${entryLine(hashApiKey(key), flags)}\n`);
    },
  );
}
