// jw3's LLM engine: task instructions + schema + text through the model's chat template, decoded under
// the JSON-Schema constraint of models/ so that the answer is always a complete, valid document. The
// grammar of a schema compiles off the decode loop and is cached per (schema, vocabulary); a budget
// that cannot hold the schema's shortest document is refused before decoding. With the constraint
// turned off, the answer is parsed tolerantly instead.
import { MprError } from '../../../../lib/errors.ts';
import { withSpan } from '../../../../lib/telemetry/index.ts';
import {
  constraintFor,
  documentValidator,
  prepareJsonGrammar,
  shortestValidDocument,
  type GenerateOptions,
  type PreparedGrammar,
  type GenerationDefaults,
  type GenerationResult,
  type SchemaLimits,
  type TextGenerator,
} from '../../../../models/index.ts';
import { chooseAdapter, engineTimings, generateTraced, samplingFor } from '../../../shared/llm-generation.ts';
import { describerTemplate } from '../../../shared/prompt-templates.ts';
import type { DescribeInput, DescribeResult, DescriberEngine, EngineInfo } from '../../engine.ts';
import { extractJson } from './json-extract.ts';

export interface LlmDescriberOptions {
  generator: TextGenerator;
  info: EngineInfo;
  /** Manifest prompt template name; default describer-json-v1. */
  promptTemplate?: string | null;
  /** Manifest generation defaults (the request's settings override them). */
  generation?: GenerationDefaults;
  /** Schema-constrained decoding (default true); false parses the free answer tolerantly. */
  constrained?: boolean;
  /** Size limits of schemas the constraint compiler accepts. */
  schemaLimits?: Partial<SchemaLimits>;
  /** The adapter requests naming none run with; absent: the base model. */
  defaultAdapter?: string;
}

const DEFAULT_MAX_NEW_TOKENS = 512;
/** Decodes of a schema whose superset parts are checked afterwards, before the shortest-document fallback. */
const MAX_ATTEMPTS = 3;
const RETRY_TEMPERATURE = 1;

export class LlmDescriberEngine implements DescriberEngine {
  readonly info: EngineInfo;
  private readonly options: LlmDescriberOptions;
  private readonly template: ReturnType<typeof describerTemplate>;
  private defaultAdapter: string | undefined;

  constructor(options: LlmDescriberOptions) {
    this.options = options;
    this.info = Object.freeze({ ...options.info });
    this.template = describerTemplate(options.promptTemplate ?? null);
    this.defaultAdapter = options.defaultAdapter;
  }

  hasAdapter(name: string): boolean {
    return this.options.generator.hasAdapter?.(name) ?? false;
  }

  /** Replaces the model's adapter set and the default (a manifest reload); running requests keep theirs. */
  async setAdapters(adapters: Readonly<Record<string, string>>, defaultAdapter: string | undefined): Promise<void> {
    const { generator } = this.options;
    if (!generator.setAdapters) throw new MprError('invalid_argument', 'this model takes no adapters');
    await generator.setAdapters(adapters);
    this.defaultAdapter = defaultAdapter;
  }

  async describe(input: DescribeInput): Promise<DescribeResult> {
    if (input.signal?.aborted) throw new MprError('cancelled', 'request was cancelled');
    const { generator, generation = {} } = this.options;
    const maxNewTokens = input.generation?.maxNewTokens ?? generation.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
    const prompt = generator.applyChatTemplate(
      this.template({ text: input.text, instructions: input.instructions ?? '', schema: input.schema }),
      true,
    );
    const base = {
      ...samplingFor(generation, input.generation),
      maxNewTokens,
      ...chooseAdapter(generator, input.adapter, this.defaultAdapter),
      ...(input.signal ? { signal: input.signal } : {}),
    };
    if (this.options.constrained === false) {
      const result = await generateTraced(
        generator,
        prompt,
        { ...base, ...(generation.stopStrings ? { stopStrings: generation.stopStrings } : {}) },
        {
          'mpr.agent': 'describer',
          'mpr.constrained': false,
        },
      );
      const parsed = extractJson(result.text);
      if (!parsed.found)
        throw new MprError(
          'model_error',
          `the model's answer holds no JSON value (${result.usage.outputTokens} tokens, ${result.finishReason})`,
        );
      return this.answer(parsed.value, false, result);
    }
    const limits = this.options.schemaLimits;
    const prepared = await withSpan(
      'describer.constraint_prepare',
      { 'mpr.task': input.task, 'mpr.max_new_tokens': maxNewTokens },
      async (span) => {
        // Throws invalid_argument (unsupported schema, or a budget below the shortest document) before any decoding.
        const grammar = await prepareJsonGrammar(input.schema, generator.vocabulary, {
          maxNewTokens,
          ...(limits ? { limits } : {}),
        });
        span.setAttributes({
          'mpr.constraint.compile_ms': grammar.compileMs,
          'mpr.constraint.shortest_tokens': grammar.grammar.shortestDocumentTokens,
        });
        return grammar;
      },
    );
    // Parts compiled as a superset of the schema (overlapping oneOf, not, if/then/else...) are checked on
    // the finished document; a document that fails them is decoded again with sampling, and as a last
    // resort the schema's shortest document (if it passes) is answered, marked unfilled.
    const checked = prepared.grammar.compiled.inexact.length > 0;
    const validate = checked ? documentValidator(input.schema) : null;
    // Streamed only when the first document decoded is the answer (no check that could send it back):
    // then every piece continues that one document. Otherwise the document reaches a streaming caller
    // whole, at the end (pieces of a rejected attempt followed by a retry's would not be one document).
    const onPiece = checked ? undefined : input.onJsonDelta;
    let failures: string[] = [];
    for (let attempt = 0; attempt < (checked ? MAX_ATTEMPTS : 1); attempt++) {
      const retry = attempt === 0 ? {} : { temperature: RETRY_TEMPERATURE, seed: attempt };
      const options = { ...base, ...retry };
      const { document, result } = await this.decodeOnce(input, prompt, options, prepared, maxNewTokens, onPiece);
      const validation = validate?.(document);
      if (!validation || validation.valid) return this.answer(document, true, result);
      failures = validation.errors;
    }
    const fallback = shortestValidDocument(input.schema, limits ?? {});
    if (validate?.(fallback).valid) {
      return { ...this.answer(fallback, true, null), unfilledFields: [''] };
    }
    throw new MprError(
      'unsupported_schema',
      `no document satisfying the schema's checked keywords (${prepared.grammar.compiled.inexact.join(', ')}) was decoded: ${failures.join('; ')}`,
    );
  }

  private async decodeOnce(
    input: DescribeInput,
    prompt: string,
    options: GenerateOptions,
    prepared: PreparedGrammar,
    maxNewTokens: number,
    onPiece?: (piece: string) => void,
  ): Promise<{ document: unknown; result: GenerationResult }> {
    // Stop strings would cut a document short; the constraint alone decides where the answer ends.
    const constraint = constraintFor(prepared.grammar, maxNewTokens);
    const result = await generateTraced(
      this.options.generator,
      prompt,
      { ...options, constraint },
      {
        'mpr.agent': 'describer',
        'mpr.constrained': true,
        'mpr.constraint.shortest_tokens': prepared.grammar.shortestDocumentTokens,
      },
      onPiece,
    );
    // A top-level scalar (`{"type": "integer"}`) ends with a stop token, never with constraint_complete.
    const ended =
      result.finishReason === 'constraint_complete' ||
      (result.finishReason === 'stop_token' && constraint.holdsDocument());
    if (!ended) {
      if (input.signal?.aborted) throw new MprError('cancelled', 'request was cancelled');
      throw new MprError(
        'model_error',
        `constrained decoding ended with ${result.finishReason} before the document was complete`,
      );
    }
    try {
      return { document: JSON.parse(result.text), result };
    } catch (error) {
      throw new MprError('model_error', 'constrained decoding produced text that is not JSON', { cause: error });
    }
  }

  private answer(document: unknown, constrained: boolean, result: GenerationResult | null): DescribeResult {
    if (!result) return { document, constrained, unfilledFields: [], usage: { inputTokens: 0, outputTokens: 0 } };
    return { document, constrained, unfilledFields: [], usage: result.usage, timings: engineTimings(result) };
  }

  async close(): Promise<void> {
    await this.options.generator.close();
  }
}
