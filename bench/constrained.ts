// npm run bench:constrained — JSON-constrained vs free decoding on one tiny random-weight model with
// Llama 3.1's real tokenizer (128,256 tokens; BENCH_TOKENIZER=tiny BENCH_VOCAB=N for a trained tiny BPE):
// decode tokens/s both ways, the one-time compile (+ mask warm-up) cost per schema, the per-token mask
// time while decoding, the compile time over the real-world schema corpus (every BENCH_CORPUS_EVERY-th
// schema), and a final JSON line with compile_ms_p50/p99 (goal p99 <= 100 ms), mask_us_mean/p99 (goal
// p99 <= 500 us), constrained_vs_free (goal >= 0.9) and json_valid_rate (goal 1.0).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { loadTextGenerator } from '../models/index.ts';
import { makeTinyModel } from '../models/tools/index.ts';
import type { TokenConstraint } from '../models/index.ts';
import { constraintFor, jsonGrammar, prepareJsonGrammar, vocabularyTrie } from '../models/src/constrained/index.ts';
import { loadSchemaCorpus, sampleCorpus } from '../eval/schema-corpus.ts';
import { percentile } from '../eval/stats.ts';
import { DECISION_SCHEMA, DESCRIBE_SCHEMA, TRAITS_SCHEMA } from '../services/describer/tasks/index.ts';
import { reportFigures } from '../eval/measurements.ts';

const TOKENIZER = process.env.BENCH_TOKENIZER ?? 'llama3.1';
const VOCAB_SIZE = Number(process.env.BENCH_VOCAB ?? 32_768);
const CORPUS_EVERY = Number(process.env.BENCH_CORPUS_EVERY ?? 4);
const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 6);
const MAX_NEW_TOKENS = Number(process.env.BENCH_MAX_NEW_TOKENS ?? 200);
/** BENCH_VERBOSE=1 prints every pair (where a slow pair comes from). */
const VERBOSE = process.env.BENCH_VERBOSE === '1';

const twentyOptional = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [
      `field_${i}`,
      i % 3 === 0 ? { type: 'integer' } : { type: 'string', maxLength: 40 },
    ]),
  ),
};
const ALL_SCHEMAS: Record<string, unknown> = {
  decision: DECISION_SCHEMA,
  traits: TRAITS_SCHEMA,
  describe: DESCRIBE_SCHEMA,
  twenty_optional: twentyOptional,
};
/** BENCH_SCHEMAS=decision,traits picks some (CI runs a small bench). */
const SCHEMAS: Record<string, unknown> = process.env.BENCH_SCHEMAS
  ? Object.fromEntries(process.env.BENCH_SCHEMAS.split(',').map((name) => [name, ALL_SCHEMAS[name]]))
  : ALL_SCHEMAS;

/**
 * Time spent inside the constraint itself on the main thread (mask or nextMask, + accept), the part this
 * module adds to a decode step. Greedy rows use nextMask (the decoder applies the mask next to the logits).
 */
const constraintTime = { ms: 0, steps: 0 };
/** Every step's mask time (mask or nextMask), in microseconds. */
const maskMicros: number[] = [];
/** The same for greedy rows alone (nextMask, no logits touched): the part the greedy headline pays. */
const greedyConstraintTime = { ms: 0, steps: 0 };
function timed(constraint: TokenConstraint, greedy: boolean): TokenConstraint {
  const add = (ms: number, step: boolean): void => {
    constraintTime.ms += ms;
    if (greedy) greedyConstraintTime.ms += ms;
    if (step) {
      constraintTime.steps++;
      if (greedy) greedyConstraintTime.steps++;
    }
  };
  const nextMask = constraint.nextMask?.bind(constraint);
  return {
    mask(logits, remaining) {
      const started = performance.now();
      constraint.mask(logits, remaining);
      const ms = performance.now() - started;
      maskMicros.push(ms * 1000);
      add(ms, true);
    },
    ...(nextMask && {
      nextMask(remaining: number) {
        const started = performance.now();
        const mask = nextMask(remaining);
        const ms = performance.now() - started;
        maskMicros.push(ms * 1000);
        add(ms, true);
        return mask;
      },
    }),
    accept(id) {
      const started = performance.now();
      constraint.accept(id);
      add(performance.now() - started, false);
    },
    isComplete: () => constraint.isComplete(),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const dir = await mkdtemp(join(tmpdir(), 'mpr-bench-constrained-'));
try {
  await makeTinyModel({
    out: dir,
    seed: 9,
    ...(TOKENIZER === 'llama3.1' ? { tokenizer: 'llama3' as const } : { vocabSize: VOCAB_SIZE }),
  });
  const generator = await loadTextGenerator(dir, { modelId: `tiny-${TOKENIZER}` });
  // Compile time over real-world schemas (schema -> grammar for this vocabulary; refusals excluded). The
  // vocabulary's token trie is built once per vocabulary (the describer builds it at warm-up), not per
  // schema: built first, so the first schema's time is its own.
  vocabularyTrie(generator.vocabulary);
  const corpusCompileMs: number[] = [];
  for (const entry of sampleCorpus(loadSchemaCorpus(), CORPUS_EVERY)) {
    const started = performance.now();
    try {
      jsonGrammar(entry.schema, generator.vocabulary);
      corpusCompileMs.push(performance.now() - started);
    } catch {
      // refused: not a compile time
    }
  }
  console.log(
    `corpus: ${corpusCompileMs.length} schemas compiled (every ${CORPUS_EVERY}th), p50 ${percentile(corpusCompileMs, 50).toFixed(1)} ms, p99 ${percentile(corpusCompileMs, 99).toFixed(1)} ms`,
  );
  const ajv = new Ajv({ strict: false });
  console.log(
    `model: tiny random-weight Llama, vocabulary ${generator.vocabulary.size} tokens, max_new_tokens ${MAX_NEW_TOKENS}, ${PROMPTS} prompts per schema, batch 1`,
  );

  const compileMs: Record<string, number> = {};
  /** Masks computed during decoding (not by the warm-up): each one is a trie walk on the decode path. */
  const maskMisses: Record<string, number> = {};
  /** Steering-cost lists computed during decoding (not by the warm-up). */
  const shiftingMisses: Record<string, number> = {};
  const modes = ['greedy', 'sampled'] as const;
  const free = { greedy: { tokens: 0, ms: 0 }, sampled: { tokens: 0, ms: 0 } };
  const constrained = { greedy: { tokens: 0, ms: 0 }, sampled: { tokens: 0, ms: 0 } };
  /** Per pair: free ms per token / constrained ms per token. */
  const pairRatios: Record<(typeof modes)[number], number[]> = { greedy: [], sampled: [] };
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
      // Equal lengths: the free run decodes as many tokens as the constrained one (greedy and seeded
      // sampling are deterministic, so an untimed constrained run tells how many). A pair then differs
      // only by the constraint; against a full-budget free run a short document would also pay its
      // prefill and request setup over fewer tokens (a 25-token document vs 200 free tokens: ~5% off).
      const length = (
        await generator.generate(prompt, {
          maxNewTokens: budget,
          ...sampling,
          constraint: constraintFor(prepared.grammar, budget),
        })
      ).tokenIds.length;
      const runFree = async () => {
        const started = performance.now();
        const plain = await generator.generate(prompt, { maxNewTokens: Math.max(1, length), ...sampling });
        return { ms: performance.now() - started, tokens: plain.tokenIds.length };
      };
      let text = '';
      let steered = 0;
      const runConstrained = async () => {
        const constraint = constraintFor(prepared.grammar, budget);
        const started = performance.now();
        const result = await generator.generate(prompt, {
          maxNewTokens: budget,
          ...sampling,
          constraint: timed(constraint, mode === 'greedy'),
        });
        text = result.text;
        steered = constraint.steeredSteps;
        return { ms: performance.now() - started, tokens: result.tokenIds.length };
      };
      // Back-to-back pairs in alternating order: the load of a shared machine drifts, a pair sees the same.
      let a: { ms: number; tokens: number };
      let b: { ms: number; tokens: number };
      if (i % 4 < 2) {
        a = await runFree();
        b = await runConstrained();
      } else {
        b = await runConstrained();
        a = await runFree();
      }
      free[mode].ms += a.ms;
      free[mode].tokens += a.tokens;
      constrained[mode].ms += b.ms;
      constrained[mode].tokens += b.tokens;
      pairRatios[mode].push(a.ms / a.tokens / (b.ms / b.tokens));
      if (VERBOSE) {
        console.log(
          `  ${name} ${mode} #${i}: free ${a.tokens} tokens ${(a.ms / a.tokens).toFixed(3)} ms/token, constrained ${b.tokens} tokens ` +
            `${(b.ms / b.tokens).toFixed(3)} ms/token, ratio ${(a.ms / a.tokens / (b.ms / b.tokens)).toFixed(3)}, steered ${steered}, misses so far ${prepared.grammar.maskMisses}`,
        );
      }
      total++;
      try {
        if (validate(JSON.parse(text))) valid++;
      } catch {
        // counted as invalid
      }
    }
    maskMisses[name] = prepared.grammar.maskMisses;
    shiftingMisses[name] = prepared.grammar.shiftingMisses;
    console.log(
      `${name.padEnd(16)} compile+warm-up ${compileMs[name]} ms, shortest document ${prepared.grammar.shortestDocumentTokens} tokens, ` +
        `${maskMisses[name]} mask-cache and ${shiftingMisses[name]} steering-cost misses while decoding`,
    );
  }
  const vocabularySize = generator.vocabulary.size;
  await generator.close();
  const rate = (run: { tokens: number; ms: number }) => (run.tokens / run.ms) * 1000;
  const ratio: Record<string, number> = {};
  for (const mode of modes) {
    ratio[mode] = Math.round(median(pairRatios[mode]) * 1000) / 1000;
    console.log(
      `${mode.padEnd(8)} free ${rate(free[mode]).toFixed(0)} tokens/s (${free[mode].tokens} tokens), ` +
        `constrained ${rate(constrained[mode]).toFixed(0)} tokens/s (${constrained[mode].tokens} tokens), ` +
        `median pair ratio ${ratio[mode]} (aggregate ${(rate(constrained[mode]) / rate(free[mode])).toFixed(3)})`,
    );
  }
  const perStep = constraintTime.ms / constraintTime.steps;
  const greedyPerStep = greedyConstraintTime.ms / greedyConstraintTime.steps;
  console.log(
    `constraint cost: ${perStep.toFixed(3)} ms per decode step (mask + accept, ${constraintTime.steps} steps); ` +
      `greedy rows ${greedyPerStep.toFixed(3)} ms (nextMask + accept, ${greedyConstraintTime.steps} steps)`,
  );
  await reportFigures(
    {
      name: 'constrained',
      title: 'JSON-Schema-constrained decoding against free decoding',
      command: 'npm run bench:constrained',
      summary:
        'Tokens per second with and without the JSON constraint on the same tiny model, pairs run back to back; the constraint cost per step.',
      goals: [
        { figure: 'compile_ms_p99', op: '<=', value: 100 },
        { figure: 'mask_us_p99', op: '<=', value: 500 },
        { figure: 'constrained_vs_free', op: '>=', value: 0.9 },
        { figure: 'json_valid_rate', op: '==', value: 1 },
      ],
    },
    {
      bench: 'constrained',
      tokenizer: TOKENIZER,
      vocab_size: vocabularySize,
      compile_ms_p50: Math.round(percentile(corpusCompileMs, 50) * 10) / 10,
      compile_ms_p99: Math.round(percentile(corpusCompileMs, 99) * 10) / 10,
      corpus_schemas_compiled: corpusCompileMs.length,
      mask_us_mean: Math.round(maskMicros.reduce((a, b) => a + b, 0) / Math.max(1, maskMicros.length)),
      mask_us_p99: Math.round(percentile(maskMicros, 99)),
      free_tokens_per_s: Object.fromEntries(modes.map((mode) => [mode, Math.round(rate(free[mode]))])),
      constrained_tokens_per_s: Object.fromEntries(modes.map((mode) => [mode, Math.round(rate(constrained[mode]))])),
      // Median over back-to-back pairs, the worse of the two modes, so the headline never hides a slow path.
      constrained_vs_free: Math.min(...Object.values(ratio)),
      constrained_vs_free_by_mode: ratio,
      json_valid_rate: valid / total,
      constraint_ms_per_step: Math.round(perStep * 1000) / 1000,
      greedy_constraint_ms_per_step: Math.round(greedyPerStep * 1000) / 1000,
      aggregate_ratio_by_mode: Object.fromEntries(
        modes.map((mode) => [mode, Math.round((rate(constrained[mode]) / rate(free[mode])) * 1000) / 1000]),
      ),
      // Load-independent view: a greedy free step plus the constraint's own measured cost per step.
      ratio_from_constraint_cost:
        Math.round((1000 / rate(free.greedy) / (1000 / rate(free.greedy) + greedyPerStep)) * 1000) / 1000,
      documents: total,
      compile_ms: compileMs,
      mask_cache_misses: Object.values(maskMisses).reduce((sum, n) => sum + n, 0),
      steering_cost_misses: Object.values(shiftingMisses).reduce((sum, n) => sum + n, 0),
    },
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
