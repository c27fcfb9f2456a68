// Tests that need an optional system part (a Debian library or binary, python's grpcio, the JFLEG data
// beside the repository) ask for it here. Each part is probed for real (the library loaded, the binary
// run, the files read); when it is absent the suite is skipped with a one-line reason that the summary
// reporter (optional-reporter.ts) collects, or, with MPR_REQUIRE_OPTIONAL=1 (as .ci/run sets), the test
// file fails with that reason.
//   const linkGrammar = await optionalPart('link-grammar');
//   describe('the parser', linkGrammar.options, () => { ... });
// Code that touches the part runs in hooks or tests, never in a describe body: a skipped suite's body
// still runs to collect its tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestOptions } from 'vitest';
import { JFLEG_DIR } from '../../eval/jfleg-data.ts';
import { OPTIONAL_PARTS, type OptionalPartName, REQUIRE_OPTIONAL_ENV } from './optional-parts.ts';

/** Debian's interpreter, where python3-grpcio and python3-grpc-tools install (not a pyenv python). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface OptionalPart {
  readonly name: OptionalPartName;
  readonly available: boolean;
  /** Why the part is absent; empty when it is there. */
  readonly reason: string;
  /** Options for describe()/it(): skipped when the part is absent, carrying the part and reason. */
  readonly options: TestOptions;
}

type Probe = () => Promise<string | undefined>;

/** Runs `command args`; undefined when it exits 0, else why not in one line. */
function runs(command: string, args: string[]): string | undefined {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${command} not found on the PATH` : `${command}: ${run.error.message}`;
  }
  if (run.status === 0) return undefined;
  const lastLine = `${run.stderr}${run.stdout}`.trim().split('\n').at(-1) ?? '';
  return `${[command, ...args].join(' ')} exited with ${run.status ?? run.signal}: ${lastLine}`;
}

const PROBES: Record<OptionalPartName, Probe> = {
  'link-grammar': async () => {
    // The loader the checker itself uses: the shared library and its English dictionary.
    const { loadCheckerParser } = await import('../../services/cleaner/engines/default/index.ts');
    const loaded = loadCheckerParser('auto');
    if (loaded.parser === undefined)
      return loaded.description.replace(/^rules only \(link-grammar unavailable: (.*)\)$/, '$1');
    await loaded.parser.close();
    return undefined;
  },
  sphinxbase: async () => {
    const { sharedNgramModel } = await import('../../services/cleaner/engines/default/index.ts');
    const loaded = sharedNgramModel();
    return 'unavailable' in loaded ? loaded.unavailable : undefined;
  },
  prometheus: async () => runs('prometheus', ['--version']),
  'python-grpcio': async () =>
    existsSync(DEBIAN_PYTHON)
      ? runs(DEBIAN_PYTHON, ['-c', 'import grpc, grpc_tools.protoc'])
      : `${DEBIAN_PYTHON} not found`,
  kubectl: async () => runs('kubectl', ['version', '--client']),
  chromium: async () => runs('chromium', ['--version']),
  'redis-server': async () => runs('redis-server', ['--version']),
  jfleg: async () => {
    const files = ['dev.src', 'dev.spellchecked.src', 'dev.ref0', 'dev.ref1', 'dev.ref2', 'dev.ref3'];
    const missing = files.filter((file) => !existsSync(`${JFLEG_DIR}${file}`));
    if (missing.length === 0) return undefined;
    return missing.length === files.length
      ? `no JFLEG dev files in ${JFLEG_DIR}`
      : `${missing.join(', ')} missing in ${JFLEG_DIR}`;
  },
};

function required(env: NodeJS.ProcessEnv): boolean {
  return env[REQUIRE_OPTIONAL_ENV] === '1';
}

async function probe(name: OptionalPartName): Promise<OptionalPart> {
  let reason: string | undefined;
  try {
    reason = await PROBES[name]();
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const oneLine = (reason ?? '').replace(/\s+/g, ' ').trim();
  if (reason !== undefined && required(process.env)) {
    throw new Error(
      `${OPTIONAL_PARTS[name].label} is required (${REQUIRE_OPTIONAL_ENV}=1) but absent: ${oneLine}; get it: ${OPTIONAL_PARTS[name].howToGet}`,
    );
  }
  return {
    name,
    available: reason === undefined,
    reason: oneLine,
    options: reason === undefined ? {} : { skip: true, meta: { optionalParts: [name], optionalReasons: [oneLine] } },
  };
}

/** Options for a suite or test that needs every one of `parts`: skipped when any is absent. */
export function needsAll(...parts: OptionalPart[]): TestOptions {
  const absent = parts.filter((part) => !part.available);
  if (absent.length === 0) return {};
  return {
    skip: true,
    meta: { optionalParts: absent.map((part) => part.name), optionalReasons: absent.map((part) => part.reason) },
  };
}

const probed = new Map<OptionalPartName, Promise<OptionalPart>>();

/**
 * Whether `name` is there (probed once per test file's process). Throws, failing the file, when it is
 * absent and MPR_REQUIRE_OPTIONAL=1.
 */
export function optionalPart(name: OptionalPartName): Promise<OptionalPart> {
  let part = probed.get(name);
  if (part === undefined) {
    part = probe(name);
    probed.set(name, part);
  }
  return part;
}
