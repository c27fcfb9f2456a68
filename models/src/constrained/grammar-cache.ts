// Compiled grammars cached per (schema hash, vocabulary), and the entry points callers use.
import { createHash } from 'node:crypto';
import type { TokenConstraint, TokenVocabulary } from '../generation/types.ts';
import { JsonTokenConstraint } from './json-constraint.ts';
import { JsonGrammar } from './json-grammar.ts';
import { compileSchema } from './schema-compiler.ts';
import type { CompiledSchema } from './schema-compiler.ts';
import { binaryToText } from './schema-ir.ts';
import type { SchemaLimits } from './schema-ir.ts';

export interface JsonConstraintOptions {
  limits?: Partial<SchemaLimits>;
  /** When given, a schema whose shortest document needs more tokens is refused before decoding. */
  maxNewTokens?: number;
}

const MAX_GRAMMARS_PER_VOCABULARY = 64;
const MAX_COMPILED_SCHEMAS = 256;

const compiledSchemas = new Map<string, CompiledSchema>();

/** The compiled form of a schema (cached by content hash: checks, fallbacks and grammars share one compile). */
export function compileSchemaCached(schema: unknown, limits: Partial<SchemaLimits> = {}): CompiledSchema {
  const hash = schemaHash(schema, limits);
  let compiled = compiledSchemas.get(hash);
  if (compiled) compiledSchemas.delete(hash);
  else {
    compiled = compileSchema(schema, limits);
    if (compiledSchemas.size >= MAX_COMPILED_SCHEMAS) compiledSchemas.delete(compiledSchemas.keys().next().value!);
  }
  compiledSchemas.set(hash, compiled);
  return compiled;
}

/** The shortest document the constraint would write for a schema, parsed. */
export function shortestValidDocument(schema: unknown, limits: Partial<SchemaLimits> = {}): unknown {
  return JSON.parse(binaryToText(compileSchemaCached(schema, limits).shortestDocument));
}

interface Entry {
  readonly grammar: JsonGrammar;
  warmed: Promise<void> | null;
  compileMs: number;
}

const grammars = new WeakMap<TokenVocabulary, Map<string, Entry>>();

export function schemaHash(schema: unknown, limits: Partial<SchemaLimits> = {}): string {
  return createHash('sha256')
    .update(JSON.stringify([schema, limits]))
    .digest('hex');
}

function entryFor(schema: unknown, vocabulary: TokenVocabulary, limits: Partial<SchemaLimits> = {}): Entry {
  let byHash = grammars.get(vocabulary);
  if (!byHash) {
    byHash = new Map();
    grammars.set(vocabulary, byHash);
  }
  const hash = schemaHash(schema, limits);
  let entry = byHash.get(hash);
  if (entry) {
    // Re-insert: the map's order is the eviction order.
    byHash.delete(hash);
  } else {
    const started = performance.now();
    const grammar = new JsonGrammar(compileSchemaCached(schema, limits), vocabulary);
    entry = { grammar, warmed: null, compileMs: performance.now() - started };
    if (byHash.size >= MAX_GRAMMARS_PER_VOCABULARY) byHash.delete(byHash.keys().next().value!);
  }
  byHash.set(hash, entry);
  return entry;
}

/** The cached grammar of a schema for a vocabulary (compiled synchronously on first use). */
export function jsonGrammar(
  schema: unknown,
  vocabulary: TokenVocabulary,
  options: JsonConstraintOptions = {},
): JsonGrammar {
  return entryFor(schema, vocabulary, options.limits).grammar;
}

export interface PreparedGrammar {
  readonly grammar: JsonGrammar;
  /** Schema compile plus mask warm-up, the first time this (schema, vocabulary) was prepared. */
  readonly compileMs: number;
}

/**
 * Compiles and warms a grammar off the decode loop: the work runs in setImmediate slices, so requests
 * already decoding keep stepping while a new schema compiles. Concurrent callers share one compile.
 */
export async function prepareJsonGrammar(
  schema: unknown,
  vocabulary: TokenVocabulary,
  options: JsonConstraintOptions = {},
): Promise<PreparedGrammar> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const entry = entryFor(schema, vocabulary, options.limits);
  if (options.maxNewTokens !== undefined) entry.grammar.assertFits(options.maxNewTokens);
  if (!entry.warmed) {
    const started = performance.now();
    entry.warmed = entry.grammar.warm().then(() => {
      entry.compileMs += performance.now() - started;
    });
  }
  await entry.warmed;
  return { grammar: entry.grammar, compileMs: entry.compileMs };
}

/** A fresh per-sequence constraint over the grammar's shared mask cache. */
export function constraintFor(grammar: JsonGrammar, maxNewTokens?: number): JsonTokenConstraint {
  if (maxNewTokens !== undefined) grammar.assertFits(maxNewTokens);
  return new JsonTokenConstraint(grammar);
}

export function createJsonConstraint(
  schema: unknown,
  vocabulary: TokenVocabulary,
  options: JsonConstraintOptions = {},
): TokenConstraint {
  return constraintFor(jsonGrammar(schema, vocabulary, options), options.maxNewTokens);
}

/** Fewest tokens of the schema's shortest valid document in this vocabulary (Infinity if it cannot be spelled). */
export function shortestDocumentTokens(
  schema: unknown,
  vocabulary: TokenVocabulary,
  options: JsonConstraintOptions = {},
): number {
  return jsonGrammar(schema, vocabulary, options).shortestDocumentTokens;
}

/** Throws `invalid_argument` when `maxNewTokens` cannot hold the schema's shortest valid document. */
export function assertSchemaFitsBudget(
  schema: unknown,
  vocabulary: TokenVocabulary,
  maxNewTokens: number,
  options: JsonConstraintOptions = {},
): void {
  jsonGrammar(schema, vocabulary, options).assertFits(maxNewTokens);
}
