// `node bin/mpr.js`, as the README offers it, works with the machine's own Node (the first `node` on the
// PATH outside node_modules): on a Node older than 24 it runs itself again with the project's Node 24,
// passing arguments, signals and the exit status through, or says in one line what to do.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { waitFor } from '../support/wait.ts';

const BIN = fileURLToPath(new URL('../../bin/mpr.js', import.meta.url));

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `node` on the PATH that npm did not put there (npm scripts put node_modules/.bin first). */
function machineNode(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !dir.includes('node_modules'));
  return dirs.map((dir) => join(dir, 'node')).find(isExecutable);
}

const node = machineNode() ?? process.execPath;
const major = Number(spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0]);
const older = major < 24;

describe(`bin/mpr.js on the machine's Node (${node}, major ${major})`, () => {
  it('prints the help', () => {
    const run = spawnSync(node, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: mpr /);
    expect(run.status).toBe(0);
  });

  it('passes a failure exit status through', () => {
    const run = spawnSync(node, [BIN, 'no-such-command'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toMatch(/unknown command 'no-such-command'/);
    expect(run.status).toBe(1);
  });

  it.skipIf(!older)(
    'forwards SIGTERM to the project Node it started, and exits as that process does',
    async () => {
      const [http, grpc, cleaner, describer] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      const child = spawn(node, [BIN, 'serve'], {
        env: {
          ...process.env,
          MPR_HOST: '127.0.0.1',
          MPR_HTTP_PORT: String(http),
          MPR_GRPC_PORT: String(grpc),
          MPR_CLEANER_PORT: String(cleaner),
          MPR_DESCRIBER_PORT: String(describer),
          MPR_CLEANER_METRICS_PORT: '0',
          MPR_DESCRIBER_METRICS_PORT: '0',
          MPR_LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
      // Two Node processes starting the whole system: seconds alone, minutes on an overloaded machine.
      try {
        const base = `http://127.0.0.1:${http}`;
        await waitFor(
          async () => (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok,
          150_000,
          200,
        );
        const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
          child.once('exit', (code, signal) => resolve([code, signal])),
        );
        child.kill('SIGTERM');
        // mpr serve drains and exits 0 on SIGTERM: only the Node 24 process it reached can have done that.
        expect(await exited).toEqual([0, null]);
        await expect(fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    210_000,
  );

  it.skipIf(!older)('says in one line what to do when there is no project Node to run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpr-bin-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(BIN, join(dir, 'bin', 'mpr.js'));
      const run = spawnSync(node, [join(dir, 'bin', 'mpr.js'), '--help'], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^mpr: Node [\d.]+ cannot run this project \(it needs Node >= 24\); run `npm ci`.*\n$/,
      );
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
