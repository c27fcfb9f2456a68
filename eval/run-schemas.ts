// Runs `mpr eval schemas` over the corpus and writes the metrics JSON and the markdown report.
import { writeFile } from 'node:fs/promises';
import type { TokenVocabulary } from '../models/index.ts';
import { vocabularyTrie } from '../models/src/constrained/index.ts';
import { evaluateSchema, schemaMetrics } from './eval-schemas.ts';
import type { SchemaMetrics, SchemaResult } from './eval-schemas.ts';
import { loadLlama31Tokenizer, truncatedVocabulary } from './llama3-tokenizer.ts';
import { recordMeasurement } from './measurements.ts';
import { createProgress, silentProgress } from './progress.ts';
import { table } from './report-markdown.ts';
import { commandLine, gitCommit, machineRecord } from './run-record.ts';
import { DEFAULT_CORPUS, loadSchemaCorpus, sampleCorpus } from './schema-corpus.ts';

export interface SchemaRunOptions {
  corpus?: string;
  every?: number;
  limit?: number;
  /** Vocabulary masks are computed with: Llama 3.1's (128,256 tokens) or its first 8,192 tokens. */
  tokenizer: 'llama3.1' | 'llama3.1-8k';
  /** Force-decode valid instances with the real tokenizer. */
  completeness: boolean;
  maxNewTokens: number;
  seed: number;
  json?: string;
  report?: string;
  progress?: boolean;
  argv?: readonly string[];
  /** The command as typed: given, the figures are recorded for docs/MEASUREMENTS.md. */
  record?: string;
}

export interface SchemaRunOutput {
  metrics: SchemaMetrics;
  results: SchemaResult[];
}

export async function runSchemaEval(options: SchemaRunOptions): Promise<SchemaRunOutput> {
  const corpusPath = options.corpus ?? DEFAULT_CORPUS;
  const entries = sampleCorpus(loadSchemaCorpus(corpusPath), options.every ?? 1, options.limit);
  const real = await loadLlama31Tokenizer();
  const decodeVocabulary: TokenVocabulary =
    options.tokenizer === 'llama3.1' ? real.vocabulary : truncatedVocabulary(real.vocabulary, 8192);
  // The token trie is per vocabulary (built once per process), not part of any one schema's compile time.
  vocabularyTrie(decodeVocabulary);
  const maskMicros: number[] = [];
  const progress = options.progress === false ? silentProgress : createProgress('schemas', entries.length);
  const results: SchemaResult[] = [];
  for (const entry of entries) {
    results.push(
      evaluateSchema(entry, {
        decodeVocabulary,
        encode: options.completeness ? (text) => real.encodePlain(text) : null,
        forceVocabulary: options.completeness ? real.vocabulary : null,
        maxNewTokens: options.maxNewTokens,
        attempts: 3,
        fakeInstances: 2,
        seed: options.seed,
        maskMicros,
      }),
    );
    progress.tick();
    // Let timers and signals run between schemas.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  progress.stop();
  const metrics = schemaMetrics(results, maskMicros);
  const run = {
    corpus: corpusPath,
    every: options.every ?? 1,
    limit: options.limit ?? null,
    tokenizer: options.tokenizer,
    vocabularySize: decodeVocabulary.size,
    maxNewTokens: options.maxNewTokens,
    seed: options.seed,
    gitCommit: gitCommit(),
    machine: machineRecord(),
    timestamp: new Date().toISOString(),
    commandLine: commandLine(options.argv),
  };
  if (options.json) await writeFile(options.json, `${JSON.stringify({ ...metrics, run, results }, null, 2)}\n`);
  if (options.record) {
    await recordMeasurement({
      name: 'eval-schemas',
      title: 'JSON-Schema constraint coverage over real-world schemas',
      command: options.record,
      summary:
        'Share of the corpus (SchemaStore + Kubernetes, eval/data/schemas) that gets an ajv-valid document under the constraint, refusals by keyword, invalid documents and errors, and the share of valid instances the constraint can produce (force-decoded with the real tokenizer).',
      figures: { ...metrics, tokenizer: options.tokenizer, every: options.every ?? 1 },
      goals: [
        { figure: 'valid_rate', op: '>=', value: 0.9 },
        { figure: 'invalid', op: '==', value: 0 },
        { figure: 'errors', op: '==', value: 0 },
        { figure: 'completeness_rate', op: '>=', value: 0.99 },
      ],
    });
  }
  if (options.report) await writeFile(options.report, schemaReport(metrics, results, run));
  return { metrics, results };
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function schemaReport(metrics: SchemaMetrics, results: SchemaResult[], run: Record<string, unknown>): string {
  const bySource = new Map<string, SchemaResult[]>();
  for (const r of results) {
    const source = r.id.split('/')[0]!;
    bySource.set(source, [...(bySource.get(source) ?? []), r]);
  }
  const lines = [
    '# JSON-Schema constraint coverage',
    '',
    `${metrics.schemas} real-world schemas; decoded with ${run.tokenizer} (${run.vocabularySize} tokens), budget ${run.maxNewTokens} tokens, validated by ajv + ajv-formats in each schema's draft.`,
    '',
    table(
      ['metric', 'value'],
      [
        ['valid', percent(metrics.valid_rate)],
        ['refused', percent(metrics.refused_rate)],
        ['invalid documents', String(metrics.invalid)],
        ['errors', String(metrics.errors)],
        ['completeness (instances force-decoded)', `${percent(metrics.completeness_rate)} of ${metrics.instances}`],
        ['compile ms p50 / p99', `${metrics.compile_ms_p50} / ${metrics.compile_ms_p99}`],
        ['mask µs mean / p99', `${metrics.mask_us_mean} / ${metrics.mask_us_p99}`],
      ],
    ),
    '',
    '## By source',
    '',
    table(
      ['source', 'schemas', 'valid', 'refused', 'invalid', 'errors'],
      [...bySource].map(([source, rs]) => [
        source,
        String(rs.length),
        percent(rs.filter((r) => r.outcome === 'valid').length / rs.length),
        percent(rs.filter((r) => r.outcome === 'refused').length / rs.length),
        String(rs.filter((r) => r.outcome === 'invalid').length),
        String(rs.filter((r) => r.outcome === 'error').length),
      ]),
    ),
    '',
    '## Refusals by keyword',
    '',
    table(
      ['keyword', 'schemas'],
      Object.entries(metrics.refusals_by_keyword).map(([k, n]) => [k, String(n)]),
    ),
    '',
    '## Invalid, errors and incomplete instances',
    '',
    table(
      ['schema', 'outcome', 'detail'],
      results
        .filter((r) => r.outcome === 'invalid' || r.outcome === 'error' || r.incomplete)
        .slice(0, 100)
        .map((r) => [r.id, r.outcome, (r.reason ?? r.incomplete ?? '').slice(0, 160)]),
    ),
    '',
    `Run: ${run.commandLine} at ${run.gitCommit}, ${run.timestamp}.`,
    '',
  ];
  return lines.join('\n');
}
