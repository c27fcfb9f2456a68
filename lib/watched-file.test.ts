import { mkdtemp, mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../test/support/wait.ts';
import { watchFile, type WatchedFile } from './watched-file.ts';

let dir: string;
let watched: WatchedFile<number> | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-watched-'));
});
afterEach(async () => {
  watched?.close();
  watched = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Parses a file holding one integer. */
function parseNumber(text: string): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value)) throw new Error(`not an integer: ${text.trim()}`);
  return value;
}

describe('watched file', () => {
  it('throws at start-up on a file it cannot parse', async () => {
    const path = join(dir, 'value');
    await writeFile(path, 'nope');
    expect(() => watchFile({ path, parse: parseNumber })).toThrow(/not an integer/);
  });

  it('sees an in-place write and a rename over the file through the watch, without polling', async () => {
    const path = join(dir, 'value');
    await writeFile(path, '1');
    const reloads: number[] = [];
    watched = watchFile({ path, parse: parseNumber, pollMs: 0, debounceMs: 20, onReload: (v) => reloads.push(v) });
    expect(watched.current()).toBe(1);
    await writeFile(path, '2');
    await waitFor(() => watched?.current() === 2, 5_000);
    await writeFile(join(dir, 'value.tmp'), '3');
    await rename(join(dir, 'value.tmp'), path);
    await waitFor(() => watched?.current() === 3, 5_000);
    expect(reloads).toEqual([2, 3]);
  });

  it('follows a Kubernetes Secret volume update (the ..data symlink swapped to a new directory)', async () => {
    // The layout kubelet writes: keys.yaml -> ..data/keys.yaml, ..data -> ..2024_01_01_v1
    await mkdir(join(dir, '..v1'));
    await writeFile(join(dir, '..v1', 'value'), '10');
    await symlink('..v1', join(dir, '..data'));
    await symlink(join('..data', 'value'), join(dir, 'value'));
    watched = watchFile({ path: join(dir, 'value'), parse: parseNumber, pollMs: 0, debounceMs: 20 });
    expect(watched.current()).toBe(10);
    await mkdir(join(dir, '..v2'));
    await writeFile(join(dir, '..v2', 'value'), '20');
    await symlink('..v2', join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    await waitFor(() => watched?.current() === 20, 5_000);
  });

  it('keeps the last good value when a change does not parse, reports it, and takes the next good one', async () => {
    const path = join(dir, 'value');
    await writeFile(path, '1');
    const errors: unknown[] = [];
    watched = watchFile({ path, parse: parseNumber, pollMs: 0, debounceMs: 20, onError: (e) => errors.push(e) });
    await writeFile(path, 'broken');
    await waitFor(() => errors.length === 1, 5_000);
    expect(watched.current()).toBe(1);
    expect(String(errors[0])).toMatch(/not an integer/);
    await writeFile(path, '4');
    await waitFor(() => watched?.current() === 4, 5_000);
  });

  it('falls back to the poll when no watch event arrives', async () => {
    const path = join(dir, 'value');
    await writeFile(path, '1');
    // A debounce longer than the test: only the poll can see the change.
    watched = watchFile({ path, parse: parseNumber, pollMs: 30, debounceMs: 3_600_000 });
    await writeFile(path, '5');
    await waitFor(() => watched?.current() === 5, 5_000);
  });

  it('reports a vanished file and keeps the value', async () => {
    const path = join(dir, 'value');
    await writeFile(path, '7');
    const errors: unknown[] = [];
    watched = watchFile({ path, parse: parseNumber, pollMs: 0, onError: (e) => errors.push(e) });
    await unlink(path);
    await watched.check();
    expect(watched.current()).toBe(7);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
