// `mpr eval schemas`: coverage of the JSON-Schema constraint over a corpus of real-world schemas. Each
// schema is compiled (refusals counted by keyword), a document is decoded under the constraint with
// seeded random logits (the most adversarial model: it wanders everywhere the grammar allows) and
// checked by ajv in the schema's draft; superset parts are decoded again as the describer does. Valid
// instances (the corpus's examples, or ones json-schema-faker generates and ajv accepts) are then
// force-decoded through the constraint with the real tokenizer: completeness.
import { generateSync } from 'json-schema-faker';
import { errorMessage } from '../lib/errors.ts';
import type { LogitsMask, TokenVocabulary } from '../models/index.ts';
import { constraintFor, documentValidator, jsonGrammar, SchemaRefusal } from '../models/src/constrained/index.ts';
import { initialState, isAccepting, stepBytes } from '../models/src/constrained/automaton.ts';
import type { AutomatonState } from '../models/src/constrained/automaton.ts';
import { documentText } from '../models/src/constrained/document-text.ts';
import type { CompiledSchema } from '../models/src/constrained/schema-compiler.ts';
import type { CorpusEntry } from './schema-corpus.ts';
import { percentile } from './stats.ts';

export type SchemaOutcome = 'valid' | 'refused' | 'invalid' | 'error';

export interface SchemaResult {
  id: string;
  outcome: SchemaOutcome;
  /** The refused keyword, or the error / validation message. */
  reason?: string;
  compileMs?: number;
  /** Instances force-decoded, and how many the constraint accepted completely. */
  instances: number;
  complete: number;
  incomplete?: string;
}

export interface SchemaEvalOptions {
  /** Vocabulary masks are computed with while decoding. */
  decodeVocabulary: TokenVocabulary;
  /** The real tokenizer's encoder for force-decoding (null: completeness is not measured). */
  encode: ((text: string) => number[]) | null;
  forceVocabulary: TokenVocabulary | null;
  maxNewTokens: number;
  attempts: number;
  /** Faker instances per schema when it has no examples. */
  fakeInstances: number;
  seed: number;
  /** Per-token mask times, in microseconds, appended here. */
  maskMicros: number[];
}

const MAX_EXAMPLES = 3;

export function evaluateSchema(entry: CorpusEntry, options: SchemaEvalOptions): SchemaResult {
  const started = performance.now();
  let compiled: CompiledSchema;
  let grammar: ReturnType<typeof jsonGrammar>;
  try {
    grammar = jsonGrammar(entry.schema, options.decodeVocabulary);
    compiled = grammar.compiled;
  } catch (error) {
    if (error instanceof SchemaRefusal)
      return { id: entry.id, outcome: 'refused', reason: error.keyword, instances: 0, complete: 0 };
    return { id: entry.id, outcome: 'error', reason: `compile: ${errorMessage(error)}`, instances: 0, complete: 0 };
  }
  const compileMs = performance.now() - started;
  let validate: ReturnType<typeof documentValidator>;
  try {
    validate = documentValidator(entry.schema);
  } catch (error) {
    // The describer refuses what its validator cannot compile (most often a reference to another file).
    const reason = /can't resolve reference/.test(errorMessage(error)) ? '$ref (validator)' : 'validator';
    return { id: entry.id, outcome: 'refused', reason, compileMs, instances: 0, complete: 0 };
  }
  const result: SchemaResult = { id: entry.id, outcome: 'invalid', compileMs, instances: 0, complete: 0 };
  try {
    const attempts = compiled.inexact.length > 0 ? options.attempts : 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const decoded = randomDecode(grammar, options, options.seed + attempt);
      const ended = decoded.finishReason === 'constraint_complete' || decoded.finishReason === 'stop_token';
      if (!ended) {
        result.outcome = 'error';
        result.reason = `decoding ended with ${decoded.finishReason}`;
        break;
      }
      const validation = validate(JSON.parse(decoded.text));
      if (validation.valid) {
        result.outcome = 'valid';
        delete result.reason;
        break;
      }
      result.reason = validation.errors.slice(0, 3).join('; ');
    }
    if (result.outcome === 'invalid') {
      // The describer's last resort: the shortest document, answered only when it validates.
      const shortest = JSON.parse(Buffer.from(compiled.shortestDocument, 'latin1').toString('utf8'));
      if (validate(shortest).valid) {
        result.outcome = 'valid';
        delete result.reason;
      } else result.outcome = 'refused';
      if (result.outcome === 'refused') result.reason = 'checked keywords never satisfied';
    }
  } catch (error) {
    result.outcome = 'error';
    result.reason = `decode: ${errorMessage(error)}`;
  }
  if (options.encode && options.forceVocabulary) completeness(entry, compiled, validate, options, result);
  return result;
}

/**
 * A random model: at each step one of the tokens the mask allows, uniformly (seeded), until the
 * constraint completes or a stop token ends a complete document. Each mask's time is recorded.
 */
function randomDecode(
  grammar: ReturnType<typeof jsonGrammar>,
  options: SchemaEvalOptions,
  seed: number,
): { text: string; finishReason: string } {
  const constraint = constraintFor(grammar, options.maxNewTokens);
  const random = seededRandom(seed);
  const bytes: number[] = [];
  const stops = new Set(options.decodeVocabulary.stopTokenIds);
  for (let step = 0; step < options.maxNewTokens; step++) {
    const started = performance.now();
    const mask = constraint.nextMask(options.maxNewTokens - step);
    options.maskMicros.push((performance.now() - started) * 1000);
    const id = pickAllowed(mask, options.decodeVocabulary.size, random);
    if (id < 0) return { text: '', finishReason: 'no_allowed_token' };
    constraint.accept(id);
    if (stops.has(id)) return { text: utf8(bytes), finishReason: 'stop_token' };
    bytes.push(...(options.decodeVocabulary.tokenBytes(id) ?? []));
    if (constraint.isComplete()) return { text: utf8(bytes), finishReason: 'constraint_complete' };
  }
  return { text: utf8(bytes), finishReason: 'max_new_tokens' };
}

function utf8(bytes: number[]): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
}

function pickAllowed(mask: LogitsMask, size: number, random: () => number): number {
  if (mask.kind === 'only') return mask.ids.length > 0 ? mask.ids[Math.floor(random() * mask.ids.length)]! : -1;
  if (mask.kind === 'none') return Math.floor(random() * size);
  const drop = new Set(mask.drop);
  const disallowed = mask.list.disallowed ? new Set(mask.list.disallowed) : null;
  // Stop tokens (when the document may end) compete with the allowed text tokens.
  const pool = mask.list.allowed.length + mask.keep.length;
  for (let tries = 0; tries < 64; tries++) {
    const at = Math.floor(random() * pool);
    const id = at < mask.list.allowed.length ? mask.list.allowed[at]! : mask.keep[at - mask.list.allowed.length]!;
    if (!drop.has(id) && !(disallowed?.has(id) && !mask.keep.includes(id))) return id;
  }
  for (const id of mask.list.allowed) if (!drop.has(id)) return id;
  return mask.keep[0] ?? -1;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function instancesOf(
  entry: CorpusEntry,
  validate: ReturnType<typeof documentValidator>,
  options: SchemaEvalOptions,
): unknown[] {
  const examples = (entry.examples ?? []).filter((example) => validate(example).valid).slice(0, MAX_EXAMPLES);
  if (examples.length > 0) return examples;
  const fakes: unknown[] = [];
  for (let i = 0; i < options.fakeInstances; i++) {
    try {
      const fake = generateSync(entry.schema as never, { seed: options.seed + i, maxDepth: 4, maxItems: 3 });
      if (validate(fake).valid) fakes.push(fake);
    } catch {
      // The faker cannot generate every schema (remote references, unsatisfiable parts): no instance then.
    }
  }
  return fakes;
}

/** Force-decodes each valid instance token by token: every token allowed, and the document may end. */
function completeness(
  entry: CorpusEntry,
  compiled: CompiledSchema,
  validate: ReturnType<typeof documentValidator>,
  options: SchemaEvalOptions,
  result: SchemaResult,
): void {
  const vocabulary = options.forceVocabulary!;
  for (const instance of instancesOf(entry, validate, options)) {
    result.instances++;
    const initial = initialState(compiled.root);
    const text = documentText(initial, instance);
    if (text === null) {
      result.incomplete ??= `no accepted text for ${JSON.stringify(instance).slice(0, 120)}`;
      continue;
    }
    let state: AutomatonState = initial;
    let ok = true;
    for (const id of options.encode!(text)) {
      const bytes = vocabulary.tokenBytes(id);
      state = bytes ? stepBytes(state, bytes) : [];
      if (state.length === 0) {
        ok = false;
        result.incomplete ??= `token ${id} refused in ${text.slice(0, 120)}`;
        break;
      }
    }
    if (ok && isAccepting(state)) result.complete++;
    else if (ok) result.incomplete ??= `document may not end: ${text.slice(0, 120)}`;
  }
}

export interface SchemaMetrics {
  schemas: number;
  valid_rate: number;
  refused_rate: number;
  invalid: number;
  errors: number;
  completeness_rate: number;
  instances: number;
  refusals_by_keyword: Record<string, number>;
  compile_ms_p50: number;
  compile_ms_p99: number;
  mask_us_mean: number;
  mask_us_p99: number;
}

export function schemaMetrics(results: SchemaResult[], maskMicros: number[]): SchemaMetrics {
  const count = (outcome: SchemaOutcome): number => results.filter((r) => r.outcome === outcome).length;
  const refusals: Record<string, number> = {};
  for (const r of results)
    if (r.outcome === 'refused') refusals[r.reason ?? '?'] = (refusals[r.reason ?? '?'] ?? 0) + 1;
  const compile = results.flatMap((r) => (r.compileMs === undefined ? [] : [r.compileMs]));
  const instances = results.reduce((n, r) => n + r.instances, 0);
  const complete = results.reduce((n, r) => n + r.complete, 0);
  const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
  return {
    schemas: results.length,
    valid_rate: round(count('valid') / Math.max(1, results.length)),
    refused_rate: round(count('refused') / Math.max(1, results.length)),
    invalid: count('invalid'),
    errors: count('error'),
    completeness_rate: round(instances === 0 ? 1 : complete / instances),
    instances,
    refusals_by_keyword: Object.fromEntries(Object.entries(refusals).sort((a, b) => b[1] - a[1])),
    compile_ms_p50: round(percentile(compile, 50), 2),
    compile_ms_p99: round(percentile(compile, 99), 2),
    mask_us_mean: round(maskMicros.reduce((a, b) => a + b, 0) / Math.max(1, maskMicros.length), 1),
    mask_us_p99: round(percentile(maskMicros, 99), 1),
  };
}
