// Loads the JFLEG dev split from ../shared/data/jfleg (outside the repository: its CC BY-NC-SA license
// keeps it out of the project). A missing folder is an error, never a silent skip.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MprError } from '../lib/errors.ts';

export const JFLEG_DIR = fileURLToPath(new URL('../../shared/data/jfleg/', import.meta.url));

export interface JflegSplit {
  sources: string[];
  spellchecked: string[];
  /** references[r][i]: reference r of sentence i. */
  references: string[][];
}

function readLines(dir: string, name: string): string[] {
  const lines = readFileSync(`${dir}${name}`, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function loadJflegDev(dir: string = JFLEG_DIR): JflegSplit {
  if (!existsSync(`${dir}dev.src`)) {
    throw new MprError(
      'not_found',
      `JFLEG dev data not found at ${dir}: place dev.src, dev.spellchecked.src and dev.ref0..3 there ` +
        '(the data stays outside the repository because of its license)',
    );
  }
  return {
    sources: readLines(dir, 'dev.src'),
    spellchecked: readLines(dir, 'dev.spellchecked.src'),
    references: [0, 1, 2, 3].map((r) => readLines(dir, `dev.ref${r}`)),
  };
}
