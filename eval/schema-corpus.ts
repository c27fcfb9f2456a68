// The checked-in corpus of real-world JSON Schemas (eval/data/schemas/corpus.jsonl.gz; sources and
// licenses in eval/data/schemas/SOURCES.md): one entry per line with its id, source, license, schema
// and, where the source has them, valid example instances.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const DEFAULT_CORPUS = 'eval/data/schemas/corpus.jsonl.gz';

export interface CorpusEntry {
  id: string;
  source: string;
  license: string;
  schema: unknown;
  examples?: unknown[];
}

export function loadSchemaCorpus(path = DEFAULT_CORPUS): CorpusEntry[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusEntry);
}

/** Every `every`-th entry starting at `offset` (a spread-out, deterministic sample), then the first `limit`. */
export function sampleCorpus(entries: CorpusEntry[], every = 1, limit?: number, offset = 0): CorpusEntry[] {
  const picked = entries.filter((_, i) => i % every === offset % every);
  return limit === undefined ? picked : picked.slice(0, limit);
}
