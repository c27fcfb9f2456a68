// Drift check: the committed TypeScript types in proto/generated must be exactly what the generator
// makes from the committed .proto files (regenerate with `npm run gen:proto`).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

it('proto/generated matches the .proto files', async () => {
  const out = mkdtempSync(join(tmpdir(), 'mpr-gen-'));
  try {
    const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['gen:proto'] as string;
    const args = script
      .split(' ')
      .slice(1)
      .map((arg) => (arg === '--outDir=proto/generated' ? `--outDir=${out}` : arg));
    await promisify(execFile)(join(root, 'node_modules/.bin/proto-loader-gen-types'), args, { cwd: root });
    const committed = join(root, 'proto/generated');
    const expected = listFiles(out)
      .map((file) => relative(out, file))
      .sort();
    expect(
      listFiles(committed)
        .map((file) => relative(committed, file))
        .sort(),
    ).toEqual(expected);
    for (const file of expected) {
      expect(readFileSync(join(committed, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
