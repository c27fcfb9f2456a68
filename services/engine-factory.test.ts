import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FlagValues } from '../lib/config.ts';
import { makeTinyModel } from '../models/tools/index.ts';
import { optionalPart } from '../test/support/optional.ts';
import { STRAINED_PARSE_COST_PER_WORD } from './cleaner/engines/default/index.ts';
import { loadCleanerEngine, loadDescriberEngine, resolveAgentModel } from './engine-factory.ts';

const linkGrammar = await optionalPart('link-grammar');
let dir: string;
let modelDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-engines-'));
  modelDir = join(dir, 'grammar-tiny');
  await makeTinyModel({ out: modelDir, seed: 3, layers: 1 });
  await writeFile(
    join(dir, 'registry.yaml'),
    [
      'version: 1',
      'agents:',
      '  cleaner:',
      '    id: grammar-test',
      '    version: "7"',
      '    path: ./grammar-tiny',
      '    prompt: cleaner-fix-v1',
      '    executionProvider: cuda',
      '    generation:',
      '      maxNewTokens: 32',
    ].join('\n'),
  );
});

afterAll(async () => rm(dir, { recursive: true, force: true }));

const config = (flags: FlagValues) => loadConfig(flags, {});

describe('engine selection', () => {
  const manifest = () => join(dir, 'registry.yaml');

  it('keeps the embedded engines while no model directory is set, whatever the manifest lists', async () => {
    for (const flags of [{}, { modelManifest: manifest() }]) {
      expect(await resolveAgentModel('cleaner', config(flags))).toBeNull();
      expect(await resolveAgentModel('describer', config(flags))).toBeNull();
      expect((await loadCleanerEngine(config(flags))).info).toMatchObject({ kind: 'default', id: 'jw2-rules' });
      expect((await loadDescriberEngine(config(flags))).info).toMatchObject({ kind: 'default', id: 'jw3-rules' });
    }
  });

  it('takes id, version, prompt, defaults and providers from the manifest entry whose path is the directory', async () => {
    const spec = await resolveAgentModel('cleaner', config({ modelManifest: manifest(), cleanerModel: modelDir }));
    expect(spec).toMatchObject({
      id: 'grammar-test',
      version: '7',
      dir: modelDir,
      promptTemplate: 'cleaner-fix-v1',
      generation: { maxNewTokens: 32 },
      executionProviders: ['cuda', 'cpu'],
    });
  });

  it('serves a manifest model with its id and version and the provider really in use (cuda falls back to cpu here)', async () => {
    const engine = await loadCleanerEngine(config({ modelManifest: manifest(), cleanerModel: modelDir }));
    try {
      expect(engine.info).toEqual({ kind: 'llm', id: 'grammar-test', version: '7', executionProvider: 'cpu' });
    } finally {
      await engine.close?.();
    }
  });

  it('names a directory the manifest does not list after the directory', async () => {
    expect(
      await resolveAgentModel('describer', config({ modelManifest: manifest(), describerModel: modelDir })),
    ).toMatchObject({ id: 'grammar-tiny', version: 'local', dir: modelDir });
    const engine = await loadDescriberEngine(config({ describerModel: modelDir }));
    try {
      expect(engine.info).toEqual({ kind: 'llm', id: 'grammar-tiny', version: 'local', executionProvider: 'cpu' });
    } finally {
      await engine.close?.();
    }
  });

  it('gives the checker the parser strain of MPR_CLEANER_CHECKER_STRAIN', linkGrammar.options, async () => {
    expect(config({}).cleanerCheckerStrain).toBe(STRAINED_PARSE_COST_PER_WORD);
    // Link Grammar links "several reason" at 0.29 per word: under the default strain, over 0.25.
    const text = 'I know several reason why it fails.';
    for (const [strain, needsCleaning] of [
      [undefined, false],
      ['0.25', true],
    ] as const) {
      const engine = await loadCleanerEngine(
        config({
          cleanerCheckerParser: 'link-grammar',
          ...(strain === undefined ? {} : { cleanerCheckerStrain: strain }),
        }),
      );
      try {
        expect((await engine.check(text)).needsCleaning).toBe(needsCleaning);
      } finally {
        await engine.close?.();
      }
    }
  });

  it('reports a missing model directory', async () => {
    await expect(loadCleanerEngine(config({ cleanerModel: join(dir, 'missing') }))).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
