import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProgram } from '../main.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-make-tiny-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

it('writes a model directory with the sizes asked for', async () => {
  const out = join(dir, 'tiny');
  const write = process.stdout.write;
  let printed = '';
  process.stdout.write = ((chunk: string) => {
    printed += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await buildProgram().parseAsync(
      [
        'make-tiny-model',
        '--out',
        out,
        '--vocab',
        '300',
        '--layers',
        '1',
        '--heads',
        '2',
        '--kv-heads',
        '1',
        '--hidden',
        '16',
        '--seed',
        '9',
      ],
      { from: 'user' },
    );
  } finally {
    process.stdout.write = write;
  }
  const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
  expect(config).toMatchObject({
    vocab_size: 300,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    num_key_value_heads: 1,
    hidden_size: 16,
    mpr_tiny_seed: 9,
  });
  for (const file of ['generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])
    expect((await stat(join(out, file))).size).toBeGreaterThan(0);
  expect(JSON.parse(printed)).toMatchObject({ dir: out, config: { vocabSize: 300, layers: 1 } });
});

it('writes the layout asked for: an onnxruntime-genai builder directory, a Qwen2 int4 export with external data', async () => {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const genai = join(dir, 'genai');
  const qwen = join(dir, 'qwen');
  try {
    await buildProgram().parseAsync(
      ['make-tiny-model', '--out', genai, '--layout', 'genai', '--hidden', '32', '--heads', '2'],
      {
        from: 'user',
      },
    );
    await buildProgram().parseAsync(
      ['make-tiny-model', '--out', qwen, '--architecture', 'qwen2', '--dtype', 'int4', '--external-data'],
      { from: 'user' },
    );
  } finally {
    process.stdout.write = write;
  }
  for (const file of ['model.onnx', 'model.onnx.data', 'genai_config.json', 'tokenizer.json'])
    expect((await stat(join(genai, file))).size).toBeGreaterThan(0);
  expect(JSON.parse(await readFile(join(qwen, 'config.json'), 'utf8'))).toMatchObject({ model_type: 'qwen2' });
  for (const file of ['onnx/model_q4.onnx', 'onnx/model_q4.onnx_data'])
    expect((await stat(join(qwen, file))).size).toBeGreaterThan(0);
});
