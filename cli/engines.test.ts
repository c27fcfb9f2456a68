import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FlagValues } from '../lib/config.ts';
import { makeTinyModel } from '../models/index.ts';
import { loadCleanerEngine, loadDescriberEngine, resolveAgentModel } from './engines.ts';

let dir: string;
let modelDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-engines-'));
  modelDir = join(dir, 'grammar-tiny');
  await makeTinyModel({ out: modelDir, seed: 3, layers: 1 });
  await writeFile(
    join(dir, 'registry.yaml'),
    ['version: 1', 'agents:', '  cleaner:', '    id: grammar-test', '    version: "7"', '    path: ./grammar-tiny', '    prompt: cleaner-fix-v1', '    executionProvider: cuda', '    generation:', '      maxNewTokens: 32'].join('\n'),
  );
});

afterAll(async () => rm(dir, { recursive: true, force: true }));

const config = (flags: FlagValues) => loadConfig(flags, {});

describe('engine selection', () => {
  it('keeps the embedded engines with the shipped manifest and no model flags', async () => {
    expect(await resolveAgentModel('cleaner', config({}))).toBeNull();
    expect(await resolveAgentModel('describer', config({}))).toBeNull();
    expect((await loadCleanerEngine(config({}))).info).toMatchObject({ kind: 'default', id: 'jw2-rules' });
    expect((await loadDescriberEngine(config({}))).info).toMatchObject({ kind: 'default', id: 'jw3-rules' });
  });

  it('takes id, version, prompt, defaults and providers from a manifest entry with a path', async () => {
    const spec = await resolveAgentModel('cleaner', config({ modelManifest: join(dir, 'registry.yaml') }));
    expect(spec).toMatchObject({ id: 'grammar-test', version: '7', dir: modelDir, source: 'manifest', promptTemplate: 'cleaner-fix-v1', executionProviders: ['cuda', 'cpu'] });
    expect(await resolveAgentModel('describer', config({ modelManifest: join(dir, 'registry.yaml') }))).toBeNull();
  });

  it('serves a manifest model with its id and version and the provider really in use (cuda falls back to cpu here)', async () => {
    const engine = await loadCleanerEngine(config({ modelManifest: join(dir, 'registry.yaml') }));
    try {
      expect(engine.info).toEqual({ kind: 'llm', id: 'grammar-test', version: '7', executionProvider: 'cpu' });
    } finally {
      await engine.close?.();
    }
  });

  it('names a model given only as a directory after the directory, not after the manifest entry it overrides', async () => {
    const flags = { modelManifest: join(dir, 'registry.yaml'), cleanerModel: modelDir, describerModel: modelDir };
    expect(await resolveAgentModel('cleaner', config(flags))).toMatchObject({ source: 'env', dir: modelDir, promptTemplate: 'cleaner-fix-v1' });
    const engine = await loadDescriberEngine(config(flags));
    try {
      expect(engine.info).toEqual({ kind: 'llm', id: 'grammar-tiny', version: 'local', executionProvider: 'cpu' });
    } finally {
      await engine.close?.();
    }
  });

  it('reports a missing model directory', async () => {
    await expect(loadCleanerEngine(config({ cleanerModel: join(dir, 'missing') }))).rejects.toMatchObject({ code: 'not_found' });
  });
});
