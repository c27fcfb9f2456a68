import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createAuthenticator } from '../../orchestrator/auth/index.ts';

const MPR = fileURLToPath(new URL('../../bin/mpr.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mpr-keys-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mpr(args: string[], input = '') {
  return spawnSync(process.execPath, [MPR, ...args], { encoding: 'utf8', input, timeout: 60_000 });
}

it('creates a key: the key on stderr, a line on stdout that a key file takes and jw1 then accepts', async () => {
  const created = mpr(['keys', 'create', '--name', 'ci-bot', '--rps', '2', '--quota', '500', '--tasks', 'clean']);
  expect(created.status).toBe(0);
  const key = /: (mpr_[\w-]{43})\n$/.exec(created.stderr)?.[1];
  expect(key).toBeDefined();
  expect(created.stdout).not.toContain(key!);
  expect(created.stdout.trim().split('\n')).toHaveLength(1);

  const path = join(dir, 'keys.yaml');
  writeFileSync(path, '# keys of jw1\n');
  appendFileSync(path, created.stdout);
  const authenticator = createAuthenticator({
    required: true,
    keysFile: path,
    jwksFile: '',
    jwtIssuer: '',
    jwtAudience: '',
    reloadPollMs: 60_000,
  });
  try {
    const principal = await authenticator.authenticate({ authorization: `Bearer ${key}` });
    expect(principal).toMatchObject({
      name: 'ci-bot',
      rateLimit: { rps: 2 },
      quota: { requests: 500, periodSeconds: 86_400 },
    });
    expect([...principal!.tasks!]).toEqual(['clean']);
  } finally {
    authenticator.close();
  }
});

it('hashes a key read from stdin, and refuses a task a key file would refuse', () => {
  const hashed = mpr(['keys', 'hash', '--name', 'legacy'], 'abc\n');
  expect(hashed.stdout.trim()).toBe(
    '- { name: legacy, hash: sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad }',
  );
  const badTask = mpr(['keys', 'create', '--name', 'x', '--tasks', 'clen']);
  expect(badTask.status).not.toBe(0);
  expect(badTask.stderr).toMatch(/unknown task clen/);
});
