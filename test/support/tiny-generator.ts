// A tiny random-weight model for one test file: made in a temporary folder and loaded as a generator
// before the file's tests, closed and removed after them. Read `.generator` inside tests only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadTextGenerator, type OnnxTextGenerator } from '../../models/index.ts';
import { makeTinyModel } from '../../models/tools/index.ts';

export function useTinyGenerator(modelId: string, seed: number): { readonly generator: OnnxTextGenerator } {
  let dir: string | undefined;
  let generator: OnnxTextGenerator | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `mpr-${modelId}-`));
    await makeTinyModel({ out: dir, seed });
    generator = await loadTextGenerator(dir, { modelId });
  });
  afterAll(async () => {
    await generator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    get generator(): OnnxTextGenerator {
      if (!generator) throw new Error('the tiny generator is read before beforeAll ran');
      return generator;
    },
  };
}
