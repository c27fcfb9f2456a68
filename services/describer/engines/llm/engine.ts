// jw3's LLM engine: task instructions + schema + text through the model's chat template, decoded under
// the JSON-Schema constraint of models/ so that the answer is always a complete, valid document. The
// grammar of a schema compiles off the decode loop and is cached per (schema, vocabulary); a budget
// that cannot hold the schema's shortest document is refused before decoding. With the constraint
// turned off, the answer is parsed tolerantly instead.
import { MprError } from '../../../../lib/errors.ts';
import { withSpan } from '../../../../lib/telemetry/index.ts';
import {
  constraintFor,
  prepareJsonGrammar,
  type GenerationDefaults,
  type GenerationResult,
  type SchemaLimits,
  type TextGenerator,
} from '../../../../models/index.ts';
import { engineTimings, generateTraced, samplingFor } from '../../../shared/llm-generation.ts';
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
}

const DEFAULT_MAX_NEW_TOKENS = 512;

export class LlmDescriberEngine implements DescriberEngine {
  readonly info: EngineInfo;
  private readonly options: LlmDescriberOptions;
  private readonly template: ReturnType<typeof describerTemplate>;

  constructor(options: LlmDescriberOptions) {
    this.options = options;
    this.info = Object.freeze({ ...options.info });
    this.template = describerTemplate(options.promptTemplate ?? null);
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
    // Stop strings would cut a document short; the constraint alone decides where the answer ends. Only
    // constrained text is streamed: there every piece continues one JSON document, while a free answer
    // may wrap its JSON in prose (that answer reaches a streaming caller whole, at the end).
    const result = await generateTraced(
      generator,
      prompt,
      { ...base, constraint: constraintFor(prepared.grammar, maxNewTokens) },
      {
        'mpr.agent': 'describer',
        'mpr.constrained': true,
        'mpr.constraint.shortest_tokens': prepared.grammar.shortestDocumentTokens,
      },
      input.onJsonDelta,
    );
    if (result.finishReason !== 'constraint_complete') {
      throw new MprError(
        'model_error',
        `constrained decoding ended with ${result.finishReason} before the document was complete`,
      );
    }
    let document: unknown;
    try {
      document = JSON.parse(result.text);
    } catch (error) {
      throw new MprError('model_error', 'constrained decoding produced text that is not JSON', { cause: error });
    }
    return this.answer(document, true, result);
  }

  private answer(document: unknown, constrained: boolean, result: GenerationResult): DescribeResult {
    return { document, constrained, unfilledFields: [], usage: result.usage, timings: engineTimings(result) };
  }

  async close(): Promise<void> {
    await this.options.generator.close();
  }
}
