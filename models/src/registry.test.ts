import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST_PATH, loadModelManifest } from './registry.ts';

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
  it('returns none for every agent when nothing is configured', async () => {
    const m = await loadModelManifest({ env: {} });
    expect(m.path).toBeNull();
    expect(m.agents.cleaner.kind).toBe('none');
    expect(m.agents.describer.kind).toBe('none');
  });

  it('the shipped registry.yaml is valid and configures no model path', async () => {
    const m = await loadModelManifest({ path: DEFAULT_MANIFEST_PATH, env: {} });
    expect(m.agents.cleaner).toMatchObject({ kind: 'none', reason: 'no path in the model manifest' });
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
    const m = await loadModelManifest({ path, env: {} });
    expect(m.agents.cleaner).toEqual({
      kind: 'onnx',
      agent: 'cleaner',
      id: 'grammar-3b',
      version: '2',
      dir: join(dir, 'models', 'grammar'),
      promptTemplate: 'cleaner-fix-v1',
      generation: { maxNewTokens: 64, temperature: 0 },
      executionProviders: ['cuda', 'cpu'],
      cudaDeviceId: 1,
      source: 'manifest',
    });
    expect(m.agents.describer.kind).toBe('none');
  });

  it('env overrides the model directory or forces the embedded engine', async () => {
    const path = await manifest('version: 1\nagents:\n  describer:\n    id: knowledge-8b\n    path: ./k\n');
    const env = { MPR_MODEL_MANIFEST: path, MPR_CLEANER_MODEL: '/srv/tiny', MPR_DESCRIBER_MODEL: '' };
    const m = await loadModelManifest({ env });
    expect(m.agents.cleaner).toMatchObject({
      kind: 'onnx',
      id: 'tiny',
      version: 'local',
      dir: '/srv/tiny',
      source: 'env',
      executionProviders: ['cpu'],
    });
    expect(m.agents.describer).toMatchObject({ kind: 'none', reason: 'MPR_DESCRIBER_MODEL is empty' });
  });

  it('rejects an invalid manifest with the offending field', async () => {
    const path = await manifest('version: 1\nagents:\n  cleaner:\n    executionProvider: tpu\n');
    await expect(loadModelManifest({ path, env: {} })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('/agents/cleaner/executionProvider'),
    });
    const bad = await manifest('version: [');
    await expect(loadModelManifest({ path: bad, env: {} })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(loadModelManifest({ path: join(dir, 'missing.yaml'), env: {} })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
