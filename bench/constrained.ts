// npm run bench:constrained — JSON-constrained vs free decoding on one tiny random-weight model with a
// 32k-token vocabulary: decode tokens/s both ways, the one-time compile (+ mask warm-up) cost per schema,
// and a final JSON line with constrained_vs_free (goal >= 0.9) and json_valid_rate (goal 1.0).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { loadTextGenerator, makeTinyModel } from '../models/index.ts';
import { constraintFor, prepareJsonGrammar } from '../models/src/constrained/index.ts';
import { DECISION_SCHEMA, DESCRIBE_SCHEMA, TRAITS_SCHEMA } from '../services/describer/tasks/index.ts';

const VOCAB_SIZE = Number(process.env.BENCH_VOCAB ?? 32_768);
const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 6);
const MAX_NEW_TOKENS = Number(process.env.BENCH_MAX_NEW_TOKENS ?? 200);

const twentyOptional = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field_${i}`, i % 3 === 0 ? { type: 'integer' } : { type: 'string', maxLength: 40 }])),
};
const SCHEMAS: Record<string, unknown> = {
  decision: DECISION_SCHEMA,
  traits: TRAITS_SCHEMA,
  describe: DESCRIBE_SCHEMA,
  twenty_optional: twentyOptional,
};

const dir = await mkdtemp(join(tmpdir(), 'mpr-bench-constrained-'));
try {
  await makeTinyModel({ out: dir, seed: 9, vocabSize: VOCAB_SIZE });
  const generator = await loadTextGenerator(dir, { modelId: `tiny-${VOCAB_SIZE}` });
  const ajv = new Ajv({ strict: false });
  console.log(`model: tiny random-weight Llama, vocabulary ${generator.vocabulary.size} tokens, max_new_tokens ${MAX_NEW_TOKENS}, ${PROMPTS} prompts per schema, batch 1`);

  const compileMs: Record<string, number> = {};
  const modes = ['greedy', 'sampled'] as const;
  const free = { greedy: { tokens: 0, ms: 0 }, sampled: { tokens: 0, ms: 0 } };
  const constrained = { greedy: { tokens: 0, ms: 0 }, sampled: { tokens: 0, ms: 0 } };
  let valid = 0;
  let total = 0;
  await generator.generate('warm up', { maxNewTokens: 8 });
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const prepared = await prepareJsonGrammar(schema, generator.vocabulary);
    compileMs[name] = Math.round(prepared.compileMs * 10) / 10;
    const validate = ajv.compile(schema as object);
    const budget = Math.max(MAX_NEW_TOKENS, prepared.grammar.shortestDocumentTokens + 4);
    for (let i = 0; i < PROMPTS * modes.length; i++) {
      const mode = modes[i % modes.length]!;
      const sampling = mode === 'greedy' ? {} : { temperature: 1, seed: i };
      const prompt = `Task ${name} #${i}: the order arrived late and the customer wants a refund.`;
      // Alternate free and constrained runs so load changes on the machine hit both alike.
      let started = performance.now();
      const plain = await generator.generate(prompt, { maxNewTokens: budget, ...sampling });
      free[mode].ms += performance.now() - started;
      free[mode].tokens += plain.tokenIds.length;
      started = performance.now();
      const result = await generator.generate(prompt, { maxNewTokens: budget, ...sampling, constraint: constraintFor(prepared.grammar, budget) });
      constrained[mode].ms += performance.now() - started;
      constrained[mode].tokens += result.tokenIds.length;
      total++;
      try {
        if (validate(JSON.parse(result.text))) valid++;
      } catch {
        // counted as invalid
      }
    }
    console.log(`${name.padEnd(16)} compile+warm-up ${compileMs[name]} ms, shortest document ${prepared.grammar.shortestDocumentTokens} tokens`);
  }
  await generator.close();
  const rate = (run: { tokens: number; ms: number }) => (run.tokens / run.ms) * 1000;
  const ratio: Record<string, number> = {};
  for (const mode of modes) {
    ratio[mode] = Math.round((rate(constrained[mode]) / rate(free[mode])) * 1000) / 1000;
    console.log(
      `${mode.padEnd(8)} free ${rate(free[mode]).toFixed(0)} tokens/s (${free[mode].tokens} tokens), ` +
        `constrained ${rate(constrained[mode]).toFixed(0)} tokens/s (${constrained[mode].tokens} tokens), ratio ${ratio[mode]}`,
    );
  }
  console.log(
    JSON.stringify({
      bench: 'constrained',
      vocab_size: VOCAB_SIZE,
      free_tokens_per_s: Object.fromEntries(modes.map((mode) => [mode, Math.round(rate(free[mode]))])),
      constrained_tokens_per_s: Object.fromEntries(modes.map((mode) => [mode, Math.round(rate(constrained[mode]))])),
      // The worse of the two modes, so the headline never hides a slow path.
      constrained_vs_free: Math.min(...Object.values(ratio)),
      constrained_vs_free_by_mode: ratio,
      json_valid_rate: valid / total,
      documents: total,
      compile_ms: compileMs,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
