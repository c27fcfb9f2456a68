// Builds eval/data/schemas/corpus.jsonl.gz from public schema data files (the files themselves are not
// kept here; see eval/data/schemas/SOURCES.md for where each set comes from and its license):
//   node eval/tools/build-schema-corpus.ts --schemastore <dir with src/schemas/json and src/test>
//     --kubernetes <swagger.json of Kubernetes> [--out eval/data/schemas/corpus.jsonl.gz]
// SchemaStore catalog schemas are kept as written (up to MAX_SCHEMA_BYTES minified), with up to three
// of their JSON test files as examples; each Kubernetes definition becomes a draft-04 schema bundling
// the definitions it references, descriptions removed (they are most of the bytes). Duplicates (same
// canonical JSON) are kept once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const MAX_SCHEMA_BYTES = 48 * 1024;
const MAX_EXAMPLE_BYTES = 4 * 1024;
const MAX_EXAMPLES = 3;

export interface CorpusEntry {
  id: string;
  source: string;
  license: string;
  schema: unknown;
  examples?: unknown[];
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

function schemastore(dir: string): CorpusEntry[] {
  const schemas = join(dir, 'src/schemas/json');
  const tests = join(dir, 'src/test');
  const entries: CorpusEntry[] = [];
  for (const file of readdirSync(schemas).sort()) {
    if (!file.endsWith('.json')) continue;
    const schema = readJson(join(schemas, file));
    if (schema === undefined || JSON.stringify(schema).length > MAX_SCHEMA_BYTES) continue;
    const name = file.replace(/\.json$/, '');
    const examples: unknown[] = [];
    let testFiles: string[] = [];
    try {
      testFiles = readdirSync(join(tests, name))
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      // No positive tests for this schema.
    }
    for (const test of testFiles) {
      const example = readJson(join(tests, name, test));
      if (example !== undefined && JSON.stringify(example).length <= MAX_EXAMPLE_BYTES) examples.push(example);
      if (examples.length >= MAX_EXAMPLES) break;
    }
    entries.push({
      id: `schemastore/${name}`,
      source: `https://github.com/SchemaStore/schemastore/blob/master/src/schemas/json/${file}`,
      license: 'Apache-2.0',
      schema,
      ...(examples.length > 0 ? { examples } : {}),
    });
  }
  return entries;
}

function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'description') continue;
    out[key] = key === 'properties' || key === 'definitions' ? mapValues(inner) : withoutDescriptions(inner);
  }
  return out;
}

function mapValues(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDescriptions(v)]));
}

function refsOf(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsOf(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/definitions/'))
        out.add(inner.slice('#/definitions/'.length));
      else refsOf(inner, out);
    }
  }
  return out;
}

function kubernetes(path: string): CorpusEntry[] {
  const swagger = readJson(path) as { definitions: Record<string, unknown>; info: { version: string } };
  const definitions = Object.fromEntries(
    Object.entries(swagger.definitions).map(([name, def]) => [name, withoutDescriptions(def)]),
  );
  const entries: CorpusEntry[] = [];
  for (const name of Object.keys(definitions).sort()) {
    const needed = new Set<string>();
    const queue = [...refsOf(definitions[name], new Set())];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (needed.has(next) || next === name || !definitions[next]) continue;
      needed.add(next);
      queue.push(...refsOf(definitions[next], new Set()));
    }
    const bundled = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      ...(definitions[name] as object),
      ...(needed.size > 0 || refsOf(definitions[name], new Set()).has(name)
        ? {
            definitions: Object.fromEntries(
              [...needed, ...(refsOf(definitions[name], new Set()).has(name) ? [name] : [])]
                .sort()
                .map((n) => [n, definitions[n]]),
            ),
          }
        : {}),
    };
    if (JSON.stringify(bundled).length > MAX_SCHEMA_BYTES) continue;
    entries.push({
      id: `kubernetes/${name}`,
      source: `Kubernetes ${swagger.info.version} OpenAPI definition ${name} (api/openapi-spec/swagger.json), descriptions removed`,
      license: 'Apache-2.0',
      schema: bundled,
    });
  }
  return entries;
}

const { values } = parseArgs({
  options: {
    schemastore: { type: 'string' },
    kubernetes: { type: 'string' },
    out: { type: 'string', default: 'eval/data/schemas/corpus.jsonl.gz' },
  },
});
const all = [
  ...(values.schemastore ? schemastore(values.schemastore) : []),
  ...(values.kubernetes ? kubernetes(values.kubernetes) : []),
];
const seen = new Set<string>();
const kept = all.filter((entry) => {
  const hash = createHash('sha256').update(canonical(entry.schema)).digest('hex');
  if (seen.has(hash)) return false;
  seen.add(hash);
  return true;
});
const text = `${kept.map((entry) => JSON.stringify(entry)).join('\n')}\n`;
writeFileSync(values.out!, gzipSync(text, { level: 9 }));
process.stdout.write(
  `${kept.length} schemas (${all.length - kept.length} duplicates dropped), ${text.length} bytes, ${kept.filter((e) => e.examples).length} with examples\n`,
);
