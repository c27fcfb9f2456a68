import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST_PATH, loadModelManifest, resolveModel } from './registry.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-registry-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function manifest(text: string): Promise<string> {
  const path = join(dir, `m-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(path, text);
  return path;
}

describe('loadModelManifest', () => {
  it('without a manifest has no entry, and a directory is served on cpu under its folder name', async () => {
    const m = await loadModelManifest(null);
    expect(m.path).toBeNull();
    expect(m.entries).toEqual({});
    expect(await resolveModel(m, 'cleaner', '/srv/tiny')).toEqual({
      role: 'cleaner',
      id: 'tiny',
      version: 'local',
      dir: '/srv/tiny',
      promptTemplate: null,
      generation: {},
      executionProviders: ['cpu'],
      source: 'directory',
    });
  });

  it('the shipped registry.yaml is valid and configures no model path', async () => {
    const m = await loadModelManifest(DEFAULT_MANIFEST_PATH);
    expect(m.entries.cleaner).toMatchObject({ prompt: 'cleaner-fix-v1' });
    expect(m.entries.cleaner?.path).toBeUndefined();
    // The team's ten adapters over two bases, as the documented example; no agent loads them by default.
    const names = Object.values(m.bases).flatMap((base) => Object.keys(base.adapters ?? {}));
    expect(names).toHaveLength(10);
    expect(Object.keys(m.bases)).toEqual(['llama-3.2-3b', 'llama-3.1-8b']);
    expect(names.filter((n) => /^(grammar|paraphrase|knowledge)-(3b|8b)$/.test(n))).toHaveLength(6);
    expect((await resolveModel(m, 'cleaner', '/srv/tiny')).adapters).toBeUndefined();
  });

  it('resolves paths relative to the manifest, with defaults and providers', async () => {
    const path = await manifest(`version: 1
agents:
  cleaner:
    id: grammar-3b
    version: 2
    path: ./models/grammar
    prompt: cleaner-fix-v1
    executionProvider: cuda
    cudaDeviceId: 1
    generation: { maxNewTokens: 64, temperature: 0 }
`);
    const m = await loadModelManifest(path);
    expect(m.path).toBe(path);
    expect(await resolveModel(m, 'cleaner', join(dir, 'models', 'grammar'))).toEqual({
      role: 'cleaner',
      id: 'grammar-3b',
      version: '2',
      dir: join(dir, 'models', 'grammar'),
      promptTemplate: 'cleaner-fix-v1',
      generation: { maxNewTokens: 64, temperature: 0 },
      executionProviders: ['cuda', 'cpu'],
      cudaDeviceId: 1,
      source: 'manifest',
    });
    expect(m.entries.describer).toBeUndefined();
  });

  it('names a directory its entry does not list after its config.json, else its folder', async () => {
    const path = await manifest(
      'version: 1\nagents:\n  describer:\n    id: knowledge-8b\n    path: ./k\n    prompt: p\n',
    );
    const m = await loadModelManifest(path);
    const named = join(dir, 'named');
    await mkdir(named, { recursive: true });
    await writeFile(join(named, 'config.json'), JSON.stringify({ mpr_model_id: 'kb-tiny', mpr_model_version: '3' }));
    expect(await resolveModel(m, 'describer', named)).toMatchObject({
      id: 'kb-tiny',
      version: '3',
      dir: named,
      promptTemplate: 'p',
      source: 'directory',
    });
    expect(await resolveModel(m, 'describer', '/srv/tiny')).toMatchObject({
      id: 'tiny',
      version: 'local',
      dir: '/srv/tiny',
      source: 'directory',
      executionProviders: ['cpu'],
    });
  });

  it('takes any role name the manifest lists', async () => {
    const path = await manifest('version: 1\nagents:\n  summarizer:\n    id: sum-1b\n    path: ./s\n');
    const m = await loadModelManifest(path);
    expect(await resolveModel(m, 'summarizer', join(dir, 's'))).toMatchObject({ id: 'sum-1b', source: 'manifest' });
  });

  it('rejects an invalid manifest with the offending field', async () => {
    const path = await manifest('version: 1\nagents:\n  cleaner:\n    executionProvider: tpu\n');
    await expect(loadModelManifest(path)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('/agents/cleaner/executionProvider'),
    });
    const bad = await manifest('version: [');
    await expect(loadModelManifest(bad)).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(loadModelManifest(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('gives an agent that names a base the adapters it lists, by absolute directory', async () => {
    const path = await manifest(`version: 1
bases:
  llama-3.2-3b:
    path: ./base-3b
    adapters:
      grammar-3b: ./adapters/grammar
      paraphrase-3b: ./adapters/paraphrase
      knowledge-3b: ./adapters/knowledge
agents:
  cleaner:
    base: llama-3.2-3b
    adapters: [grammar-3b, paraphrase-3b]
    defaultAdapter: grammar-3b
`);
    const m = await loadModelManifest(path);
    expect(m.bases['llama-3.2-3b']?.path).toBe(join(dir, 'base-3b'));
    expect(await resolveModel(m, 'cleaner', join(dir, 'base-3b'))).toMatchObject({
      adapters: {
        'grammar-3b': join(dir, 'adapters', 'grammar'),
        'paraphrase-3b': join(dir, 'adapters', 'paraphrase'),
      },
      defaultAdapter: 'grammar-3b',
    });
  });

  it('rejects adapters an entry cannot have, naming the entry', async () => {
    const base = 'version: 1\nbases:\n  b:\n    adapters: { g: ./g }\nagents:\n  cleaner:\n';
    for (const [body, message] of [
      ['    base: nope\n', 'agents.cleaner names base "nope"'],
      ['    base: b\n    adapters: [x]\n', 'lists adapter "x", which base "b" does not have'],
      ['    base: b\n    adapters: [g]\n    defaultAdapter: x\n', 'defaultAdapter "x" is not among its adapters'],
      ['    adapters: [g]\n', 'lists adapters but names no base'],
    ]) {
      await expect(loadModelManifest(await manifest(base + body))).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining(message as string),
      });
    }
  });
});
