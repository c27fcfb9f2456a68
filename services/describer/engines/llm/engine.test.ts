import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTextGenerator, type OnnxTextGenerator, type TextGenerator } from '../../../../models/index.ts';
import { makeTinyModel } from '../../../../models/tools/index.ts';
import { DECISION_SCHEMA, getTask, validateDocument } from '../../tasks/index.ts';
import { LlmDescriberEngine } from './engine.ts';

const INFO = { kind: 'llm', id: 'tiny', version: 'test', executionProvider: 'cpu' } as const;

let dir: string;
let tiny: OnnxTextGenerator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-llm-describer-'));
  await makeTinyModel({ out: dir, seed: 5 });
  tiny = await loadTextGenerator(dir);
});

afterAll(async () => {
  await tiny?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The real tiny generator, counting the prompts it decodes and answering with a fixed text when told. */
function counting(answer?: string): TextGenerator & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    modelId: tiny.modelId,
    vocabulary: tiny.vocabulary,
    prompts,
    applyChatTemplate: (messages, add) => tiny.applyChatTemplate(messages, add),
    countTokens: (text) => tiny.countTokens(text),
    stream: (prompt, options) => tiny.stream(prompt, options),
    async generate(prompt, options) {
      prompts.push(prompt);
      const result = await tiny.generate(prompt, options);
      return answer === undefined ? result : { ...result, text: answer };
    },
    close: async () => {},
  };
}

const decision = getTask('decision');
const input = (overrides: Partial<Parameters<LlmDescriberEngine['describe']>[0]> = {}) => ({
  text: 'The parcel arrived broken; I want my money back.',
  task: decision.name,
  schema: decision.schema,
  instructions: decision.instructions,
  ...overrides,
});

describe('LlmDescriberEngine', () => {
  it('answers with constrained, schema-valid JSON and the prompt carries instructions, schema and text', async () => {
    const generator = counting();
    const engine = new LlmDescriberEngine({ generator, info: INFO, generation: { maxNewTokens: 200 } });
    const result = await engine.describe(input());
    expect(result.constrained).toBe(true);
    expect(validateDocument(DECISION_SCHEMA, result.document)).toEqual({ valid: true, errors: [] });
    expect(result.usage.outputTokens).toBeLessThanOrEqual(200);
    expect(generator.prompts[0]).toContain(decision.instructions.trim());
    expect(generator.prompts[0]).toContain(JSON.stringify(DECISION_SCHEMA));
    expect(generator.prompts[0]).toContain('The parcel arrived broken');
  });

  it('refuses a budget below the shortest document before decoding', async () => {
    const generator = counting();
    const engine = new LlmDescriberEngine({ generator, info: INFO });
    await expect(engine.describe(input({ generation: { maxNewTokens: 4 } }))).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('shortest document'),
    });
    expect(generator.prompts).toEqual([]);
  });

  it('refuses an unsupported schema before decoding', async () => {
    const generator = counting();
    const engine = new LlmDescriberEngine({ generator, info: INFO });
    await expect(
      engine.describe(input({ task: 'custom', schema: { type: 'string', pattern: '^(a)\\1$' } })),
    ).rejects.toMatchObject({ code: 'unsupported_schema', message: expect.stringContaining('#/pattern') });
    expect(generator.prompts).toEqual([]);
  });

  it('answers every top-level type, scalars ended by the stop token included', async () => {
    const engine = new LlmDescriberEngine({ generator: counting(), info: INFO, generation: { maxNewTokens: 60 } });
    const cases: [unknown, (document: unknown) => boolean][] = [
      [{ type: 'integer' }, (d) => Number.isInteger(d)],
      [{ type: 'number' }, (d) => typeof d === 'number'],
      [{ type: 'string', maxLength: 8 }, (d) => typeof d === 'string'],
      [{ type: 'boolean' }, (d) => typeof d === 'boolean'],
      [{ type: 'null' }, (d) => d === null],
      [{ type: 'array', items: { type: 'integer' }, maxItems: 3 }, (d) => Array.isArray(d)],
    ];
    for (const [schema, check] of cases) {
      const result = await engine.describe(input({ task: 'custom', schema: schema as Record<string, unknown> }));
      expect(check(result.document), JSON.stringify(schema)).toBe(true);
      expect(validateDocument(schema as Record<string, unknown>, result.document).valid).toBe(true);
    }
  });

  it('validates superset parts and answers only valid documents', async () => {
    const engine = new LlmDescriberEngine({ generator: counting(), info: INFO, generation: { maxNewTokens: 80 } });
    // Parsed from text: a `then` key in an object literal reads as a thenable to the linter.
    const schema = JSON.parse(`{
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object",
      "properties": { "kind": { "enum": ["a", "b"] }, "x": { "type": "integer" }, "y": { "type": "integer" } },
      "required": ["kind"],
      "additionalProperties": false,
      "if": { "properties": { "kind": { "const": "a" } } },
      "then": { "required": ["x"] },
      "else": { "required": ["y"] }
    }`) as Record<string, unknown>;
    const result = await engine.describe(input({ task: 'custom', schema }));
    expect(validateDocument(schema, result.document)).toEqual({ valid: true, errors: [] });
    // `not` with a value is compiled exactly on small integer ranges.
    const notZero = {
      type: 'array',
      items: { type: 'integer', minimum: 0, maximum: 2, not: { const: 0 } },
      minItems: 3,
    };
    const checked = await engine.describe(input({ task: 'custom', schema: notZero }));
    expect(validateDocument(notZero, checked.document)).toEqual({ valid: true, errors: [] });
  });

  it('without the constraint, parses a chatty answer tolerantly and says it was not constrained', async () => {
    const answer =
      'Here you go:\n```json\n{"decision": "approve", "reason": "broken parcel", "customer_response": "Sorry!", "next_action": "refund", "escalation_required": false}\n```';
    const engine = new LlmDescriberEngine({
      generator: counting(answer),
      info: INFO,
      constrained: false,
      generation: { maxNewTokens: 8 },
    });
    const result = await engine.describe(input());
    expect(result).toMatchObject({ constrained: false, document: { decision: 'approve', escalation_required: false } });
  });

  it('without the constraint, reports noise as a model error', async () => {
    const engine = new LlmDescriberEngine({
      generator: counting(),
      info: INFO,
      constrained: false,
      generation: { maxNewTokens: 30 },
    });
    await expect(engine.describe(input())).rejects.toMatchObject({ code: 'model_error' });
  });

  it('stops on the signal', async () => {
    const engine = new LlmDescriberEngine({ generator: counting(), info: INFO });
    const controller = new AbortController();
    // Greedy decoding of this task runs for hundreds of tokens on the tiny model unless stopped.
    const describeTask = getTask('describe');
    const pending = engine.describe(
      input({
        task: describeTask.name,
        schema: describeTask.schema,
        generation: { maxNewTokens: 1500 },
        signal: controller.signal,
      }),
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});
