// A GEC evaluation set in the JFLEG layout: one tokenized source sentence per line, and up to four
// reference files aligned line by line with it.
import { readFile } from 'node:fs/promises';
import { MprError } from '../lib/errors.ts';
import { datasetFingerprint } from './fingerprint.ts';

export interface GecDataset {
  /** PTB-tokenized source sentences, exactly as in the file. */
  sources: string[];
  /** references[r][i]: reference r of sentence i (the layout jflegGleu takes). */
  references: string[][];
  files: string[];
  fingerprint: string;
}

export async function readLines(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MprError('not_found', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export async function readGecDataset(
  sourceFile: string,
  referenceFiles: readonly string[],
  limit?: number,
): Promise<GecDataset> {
  if (referenceFiles.length === 0) throw new MprError('invalid_argument', 'at least one reference file is needed');
  const sources = await readLines(sourceFile);
  const references = await Promise.all(referenceFiles.map(readLines));
  references.forEach((lines, r) => {
    if (lines.length !== sources.length) {
      throw new MprError(
        'invalid_argument',
        `${referenceFiles[r]} has ${lines.length} lines; ${sourceFile} has ${sources.length}`,
      );
    }
  });
  const count = limit === undefined ? sources.length : Math.min(limit, sources.length);
  const dataset = {
    sources: sources.slice(0, count),
    references: references.map((lines) => lines.slice(0, count)),
    files: [sourceFile, ...referenceFiles],
  };
  const items = dataset.sources.map((input, i) => ({ input, expected: dataset.references.map((lines) => lines[i]!) }));
  return { ...dataset, fingerprint: datasetFingerprint('gec', items) };
}

/** references[r][i] -> the references of sentence i. */
export function referencesOf(dataset: GecDataset, index: number): string[] {
  return dataset.references.map((lines) => lines[index]!);
}
