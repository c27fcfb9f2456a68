// Issue 4's requirement through jw3's own engine (LlmDescriberEngine: prompt template, grammar cache,
// budget check, constrained generate, JSON.parse): a tiny random-weight model answers >= 200 prompts
// across the named tasks and inline schemas, greedy and seeded sampling, one at a time and concurrently
// (batched by the generator), with max_new_tokens just above each schema's shortest document, and every
// answer is parseable and valid under the describer's own validator (ajv).
import { expect, it } from 'vitest';
import { shortestDocumentTokens } from '../../models/index.ts';
import type { DescribeInput } from '../../services/describer/engine.ts';
import { LlmDescriberEngine } from '../../services/describer/engines/llm/index.ts';
import { listTasks, validateDocument } from '../../services/describer/tasks/index.ts';
import { useTinyGenerator } from '../support/tiny-generator.ts';
import { INLINE_SCHEMAS } from './inline-schemas.ts';

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
// Named tasks put long schemas in the prompt (up to ~1,500 tokens of prefill on the tiny tokenizer);
// inline schemas are short, so they carry most of the prompts and keep the suite fast.
const PROMPTS_PER_NAMED_TASK = 8;
const PROMPTS_PER_INLINE_SCHEMA = 36;

const tiny = useTinyGenerator('tiny-describer', 7);

it('answers every prompt with parseable, schema-valid JSON under the constraint', async () => {
  const engine = new LlmDescriberEngine({
    generator: tiny.generator,
    info: { kind: 'llm', id: 'tiny-describer', version: 'test', executionProvider: 'cpu' },
  });
  const jobs = [
    ...listTasks().map((t) => ({
      name: t.name,
      schema: t.schema,
      instructions: t.instructions,
      prompts: PROMPTS_PER_NAMED_TASK,
    })),
    ...INLINE_SCHEMAS.map((schema) => ({ ...schema, prompts: PROMPTS_PER_INLINE_SCHEMA })),
  ];
  let valid = 0;
  for (const job of jobs) {
    const maxNewTokens = shortestDocumentTokens(job.schema, tiny.generator.vocabulary) + 3;
    const run = async (i: number) => {
      const request: DescribeInput = {
        text: `${SUBJECTS[i % SUBJECTS.length]} ${PROBLEMS[(i * 3) % PROBLEMS.length]} (#${i}).`,
        task: job.name,
        schema: job.schema,
        instructions: job.instructions,
        generation: { maxNewTokens, ...(i % 2 === 0 ? {} : { temperature: 1, seed: i }) },
      };
      const result = await engine.describe(request);
      expect(result.constrained).toBe(true);
      expect(result.usage.outputTokens).toBeLessThanOrEqual(maxNewTokens);
      const validation = validateDocument(job.schema, result.document);
      expect(validation.errors, `${job.name} #${i}: ${JSON.stringify(result.document)}`).toEqual([]);
      valid++;
    };
    const half = job.prompts / 2;
    for (let i = 0; i < half; i++) await run(i);
    await Promise.all(Array.from({ length: half }, (_, k) => run(half + k)));
  }
  expect(valid).toBe(jobs.reduce((sum, job) => sum + job.prompts, 0));
  expect(valid).toBeGreaterThanOrEqual(200);
  // About 17 s alone; the whole suite shares two cores.
}, 120_000);
