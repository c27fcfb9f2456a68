// Reading and writing the ONNX files graph rewrites work on: a rewritten graph whose weights live in
// external data keeps pointing at them, so the data files follow an output written to another directory.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MprError } from '../../lib/errors.ts';
import { decodeModel, encodeModel } from './make-tiny-model/graph-builder.ts';

export type LoadedModel = ReturnType<typeof decodeModel>;

export async function readGraphFile(path: string): Promise<LoadedModel> {
  const model = decodeModel(await readFile(path));
  if (!model.graph) throw new MprError('invalid_argument', `${path} has no graph`);
  return model;
}

/** Copies the external data files `model` refers to next to `output`, when it goes to another directory. */
async function carryExternalData(model: LoadedModel, input: string, output: string): Promise<void> {
  const from = dirname(resolve(input));
  const to = dirname(resolve(output));
  if (from === to) return;
  const locations = new Set<string>();
  for (const tensor of model.graph?.initializer ?? []) {
    const location = tensor.externalData?.find((entry) => entry.key === 'location')?.value;
    if (location) locations.add(location);
  }
  for (const location of locations) await copyFile(join(from, location), join(to, location));
}

export async function writeGraphFile(model: LoadedModel, input: string, output: string): Promise<void> {
  await writeFile(output, encodeModel(model));
  await carryExternalData(model, input, output);
}
