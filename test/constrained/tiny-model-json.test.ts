// End to end: a tiny random-weight model (its free output is noise) produces schema-valid JSON for every
// prompt under the JSON constraint: named describer tasks and inline schemas, greedy and seeded sampling,
// one request at a time and batched, with max_new_tokens just above each schema's shortest document.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { constraintFor, prepareJsonGrammar } from '../../models/src/constrained/index.ts';
import { DECISION_SCHEMA, DESCRIBE_SCHEMA, TRAITS_SCHEMA } from '../../services/describer/tasks/index.ts';
import { useTinyGenerator } from '../support/tiny-generator.ts';
import { INLINE_SCHEMAS } from './inline-schemas.ts';

// The named tasks plus the shared inline schemas but 'ticket' (covered through the engine test), which keeps
// this test's prompt plan and run time as they were.
const SCHEMAS: Record<string, unknown> = {
  describe: DESCRIBE_SCHEMA,
  decision: DECISION_SCHEMA,
  traits: TRAITS_SCHEMA,
  ...Object.fromEntries(
    INLINE_SCHEMAS.filter(({ name }) => name !== 'ticket').map(({ name, schema }) => [name, schema]),
  ),
};

const SUBJECTS = [
  'the parcel',
  'my refund',
  'the invoice',
  'our meeting',
  'the new phone',
  'your support team',
  'the hotel room',
];
const PROBLEMS = ['arrived late', 'was charged twice', 'never showed up', 'is broken', 'was excellent'];
const PROMPTS_PER_SCHEMA = 30;

function prompt(i: number, task: string): string {
  return `Task: ${task}. Text: ${SUBJECTS[i % SUBJECTS.length]} ${PROBLEMS[(i * 3) % PROBLEMS.length]} (#${i}). JSON:`;
}

const tiny = useTinyGenerator('tiny-constrained', 5);
const ajv = new Ajv({ strict: false });

describe('constrained decoding on a tiny random model', () => {
  it('unconstrained output of the tiny model is not JSON', async () => {
    const free = await tiny.generator.generate(prompt(0, 'decision'), { maxNewTokens: 40 });
    expect(() => JSON.parse(free.text)).toThrow();
  });

  it('yields parseable, schema-valid JSON for every prompt, greedy and sampled, batch 1 and batched', async () => {
    let checked = 0;
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      const { grammar } = await prepareJsonGrammar(schema, tiny.generator.vocabulary);
      const maxNewTokens = grammar.shortestDocumentTokens + 3;
      const validate = ajv.compile(schema as object);
      const run = async (i: number) => {
        const result = await tiny.generator.generate(prompt(i, name), {
          maxNewTokens,
          constraint: constraintFor(grammar, maxNewTokens),
          ...(i % 2 === 0 ? {} : { temperature: 1, seed: i }),
        });
        expect(result.tokenIds.length).toBeLessThanOrEqual(maxNewTokens);
        expect(result.finishReason).toBe('constraint_complete');
        const value = JSON.parse(result.text);
        expect(validate(value), `${name}: ${result.text} ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      };
      const half = PROMPTS_PER_SCHEMA / 2;
      for (let i = 0; i < half; i++) await run(i);
      await Promise.all(Array.from({ length: half }, (_, k) => run(half + k)));
    }
    expect(checked).toBeGreaterThanOrEqual(200);
  });

  it('refuses a budget that cannot hold the shortest document before decoding', async () => {
    const { grammar } = await prepareJsonGrammar(DECISION_SCHEMA, tiny.generator.vocabulary);
    await expect(
      prepareJsonGrammar(DECISION_SCHEMA, tiny.generator.vocabulary, {
        maxNewTokens: grammar.shortestDocumentTokens - 1,
      }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
