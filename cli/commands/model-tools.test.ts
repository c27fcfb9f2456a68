import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadTextGenerator } from '../../models/index.ts';
import { buildProgram } from '../main.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-model-tools-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<unknown> {
  const write = process.stdout.write;
  let printed = '';
  process.stdout.write = ((chunk: string) => {
    printed += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await buildProgram().parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(printed);
}

it('prepares a base for run-time adapters and logits-to-keep, and writes an adapter to try it with', async () => {
  const base = join(dir, 'base');
  const prepared = join(dir, 'prepared');
  await run(['make-tiny-model', '--out', base, '--hidden', '32', '--heads', '2', '--kv-heads', '1', '--layers', '1']);
  const adapter = await run([
    'make-tiny-adapter',
    '--base',
    base,
    '--out',
    join(dir, 'grammar'),
    '--rank',
    '4',
    '--alpha',
    '8',
  ]);
  expect(adapter).toMatchObject({ dir: join(dir, 'grammar') });
  await cp(base, prepared, { recursive: true });
  const kept = await run([
    'add-logits-to-keep',
    '--input',
    join(base, 'onnx/model.onnx'),
    '--output',
    join(dir, 'kept.onnx'),
  ]);
  expect(kept).toMatchObject({ alreadyPresent: true });
  const report = await run([
    'add-adapter-inputs',
    '--input',
    join(base, 'onnx/model.onnx'),
    '--output',
    join(prepared, 'onnx/model.onnx'),
    '--modules',
    'q_proj,v_proj',
  ]);
  expect(report).toEqual({
    output: join(prepared, 'onnx/model.onnx'),
    sites: ['model.layers.0.self_attn.q_proj', 'model.layers.0.self_attn.v_proj'],
  });
  expect((await stat(join(dir, 'grammar', 'adapter_model.safetensors'))).size).toBeGreaterThan(0);
  // The adapter targets o_proj and k_proj too, which this graph takes no input for.
  await expect(loadTextGenerator(prepared, { adapters: { grammar: join(dir, 'grammar') } })).rejects.toThrow(/k_proj/);
});
