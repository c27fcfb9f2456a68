// Input-guided aggressive decoding must change nothing but the number of forward passes: for any draft,
// the output is the plain greedy output, token for token, with the same finish reason. Checked on a
// scripted model (exact arithmetic, stop tokens, every budget; it also checks the runner's positions)
// and on a real tiny ONNX model (the multi-token pass and the KV cut for real).
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecoderRunner, DraftVerdicts, GreedyRun, StepLogits } from '../backend/decoder-runner.ts';
import type { DecoderIo } from '../backend/onnx.ts';
import { makeTinyModel } from '../../tools/index.ts';
import { DecodeBatcher } from './batcher.ts';
import { DRAFT_POLICY, DraftCursor, type DraftPolicy } from './draft.ts';
import { Sequence } from './sequence.ts';
import { loadTextGenerator, type OnnxTextGenerator } from './text-generator.ts';
import type { GenerateOptions, GenerationResult, TokenVocabulary } from './types.ts';

const STOP = [0, 1];
/** Tokens 2..27 are the letters a..z; 0 and 1 stop. */
const vocabulary: TokenVocabulary = {
  size: 28,
  stopTokenIds: STOP,
  tokenBytes: (id) => (id >= 2 ? Uint8Array.of(95 + id) : null),
};

/** A deterministic "model": the next token is a hash of the last three, stopping now and then. */
function scriptedNext(context: readonly number[]): number {
  let h = 2166136261;
  for (const t of context.slice(-3)) h = Math.imul(h ^ t, 16777619);
  h >>>= 0;
  return h % 23 === 0 ? (STOP[h % 2] as number) : 2 + (h % 26);
}

/** A DecoderRunner over `scriptedNext` that checks the positions it is given and counts its passes. */
class ScriptedRunner implements DecoderRunner {
  readonly thread = 'main';
  readonly executionProvider = 'cpu';
  readonly fallbackReason = null;
  readonly io = {} as DecoderIo;
  passes = 0;
  /** truncateRows calls. */
  cuts = 0;
  /** Positions fed after the prompt, padding included: the compute a CPU pays. */
  fed = 0;
  private rows: number[][] = [];

  private step(rows: number[][]): StepLogits {
    this.passes++;
    return { logits: null, greedyTokens: Int32Array.from(rows, scriptedNext), vocab: 0, runMs: 0, stepMs: 0 };
  }

  async prefill(prompts: number[][]): Promise<StepLogits> {
    const fresh = prompts.map((p) => [...p]);
    this.rows.push(...fresh);
    return this.step(fresh);
  }

  async decode(tokens: number[], positions: number[]): Promise<StepLogits> {
    this.fed += tokens.length;
    this.rows.forEach((row, i) => {
      expect(positions[i]).toBe(row.length);
      row.push(tokens[i] as number);
    });
    return this.step(this.rows);
  }

  /** Steps as `decode` takes them, until `maxSteps` or a stop token (as the real decoder stops). */
  async decodeGreedy(tokens: number[], positions: number[], maxSteps: number): Promise<GreedyRun> {
    const chosen: number[] = [];
    let steps = 0;
    let next = tokens;
    let at = positions;
    while (steps < maxSteps) {
      const step = await this.decode(next, at);
      chosen.push(...step.greedyTokens);
      steps++;
      if (step.greedyTokens.some((token) => STOP.includes(token))) break;
      next = [...step.greedyTokens];
      at = at.map((position) => position + 1);
    }
    return { tokens: Int32Array.from(chosen), steps, runMs: 0, stepMs: 0 };
  }

  async truncateRows(lengths: number[]): Promise<void> {
    this.cuts++;
    this.rows.forEach((row, i) => {
      row.length = lengths[i] as number;
    });
  }

  async verifyDrafts(rows: number[][], positions: number[]): Promise<DraftVerdicts> {
    expect(rows.length).toBe(this.rows.length);
    this.passes++;
    const width = Math.max(...rows.map((r) => r.length));
    this.fed += rows.length * width;
    const greedyTokens = new Int32Array(rows.length * width);
    const accepted = Int32Array.from(rows, (tokens, r) => {
      const row = this.rows[r] as number[];
      expect(positions[r]).toBe(row.length);
      tokens.forEach((_, i) => {
        greedyTokens[r * width + i] = scriptedNext([...row, ...tokens.slice(0, i + 1)]);
      });
      let n = 0;
      while (n < tokens.length - 1 && tokens[n + 1] === greedyTokens[r * width + n]) n++;
      row.push(...tokens.slice(0, n + 1));
      return n;
    });
    return { width, greedyTokens, accepted, runMs: 0, stepMs: 0 };
  }

  async keepRows(keep: number[]): Promise<void> {
    this.rows = keep.map((i) => this.rows[i] as number[]);
  }

  async setAdapterSlots(): Promise<void> {}

  async release(): Promise<void> {}
}

async function scriptedGenerate(
  prompt: number[],
  options: GenerateOptions,
  vocabularySize = vocabulary.size,
  draftPolicy: DraftPolicy = DRAFT_POLICY.cpu,
): Promise<{ result: GenerationResult; passes: number; fed: number }> {
  const runner = new ScriptedRunner();
  const batcher = new DecodeBatcher(runner, { maxWaitMs: 0 });
  const sequence = new Sequence(prompt, options, { ...vocabulary, size: vocabularySize }, 4096, false, draftPolicy);
  batcher.submit(sequence);
  const result = await sequence.result;
  return { result, passes: runner.passes, fed: runner.fed };
}

/** Whether greedy decoding of `prompt` on the scripted model yields `length` tokens without stopping. */
function scriptedNextRunsFor(prompt: number[], length: number): boolean {
  const context = [...prompt];
  for (let i = 0; i < length; i++) {
    const next = scriptedNext(context);
    if (STOP.includes(next)) return false;
    context.push(next);
  }
  return true;
}

/** Edits `tokens` as the property test's draft kinds say (position and token chosen by the caller). */
function editDraft(own: number[], kind: string, at: number, token: number, unrelated: number[]): number[] {
  const draft = [...own];
  const i = own.length === 0 ? 0 : at % own.length;
  if (kind === 'change') draft[i] = token === draft[i] ? token + 1 : token;
  else if (kind === 'delete') draft.splice(i, 1);
  else if (kind === 'insert') draft.splice(i, 0, token);
  else if (kind === 'unrelated') return unrelated;
  return draft;
}

/**
 * How many draft tokens a CPU's first verifying pass proposes after the prompt's token followed the draft:
 * what one followed token earns (see draft.ts), at most the rest of the draft.
 */
function firstProposal(draft: number[]): number {
  const cursor = new DraftCursor(draft, DRAFT_POLICY.cpu);
  cursor.observe(draft[0] as number, draft.slice(0, 1));
  return cursor.proposal(Number.MAX_SAFE_INTEGER).length;
}

const comparable = (r: GenerationResult) => ({
  tokenIds: r.tokenIds,
  text: r.text,
  finishReason: r.finishReason,
  usage: r.usage,
});
const DRAFT_KINDS = ['own', 'change', 'delete', 'insert', 'unrelated'] as const;

describe('speculative greedy decoding with a draft, on a scripted model', () => {
  it('gives the plain greedy output for any draft, budget, stop string and draft policy', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 2, max: 27 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...DRAFT_KINDS),
        fc.nat(),
        fc.integer({ min: 0, max: 27 }),
        fc.array(fc.integer({ min: 0, max: 27 }), { maxLength: 30 }),
        fc.constantFrom(1, 2, 3, 7, 20, 60),
        fc.option(fc.nat(40)),
        fc.constantFrom(DRAFT_POLICY.cpu, DRAFT_POLICY.cuda),
        async (prompt, kind, at, token, unrelated, maxNewTokens, stopAt, policy) => {
          // The model's own output at a generous budget, with the stop token it ended on.
          const full = (await scriptedGenerate(prompt, { maxNewTokens: 80 })).result;
          const own = [...full.tokenIds];
          if (full.finishReason === 'stop_token') own.push(scriptedNext([...prompt, ...own]));
          const stopStrings =
            stopAt === null || full.text.length < 2
              ? []
              : [full.text.slice(stopAt % (full.text.length - 1), (stopAt % (full.text.length - 1)) + 2)];
          const plain = await scriptedGenerate(prompt, { maxNewTokens, stopStrings });
          const draft = editDraft(own, kind, at, token, unrelated);
          const fast = await scriptedGenerate(prompt, { maxNewTokens, stopStrings, draft }, vocabulary.size, policy);
          expect(comparable(fast.result)).toEqual(comparable(plain.result));
          expect(fast.passes).toBeLessThanOrEqual(plain.passes);
          expect(fast.result.forwardPasses).toBe(fast.passes);
        },
      ),
      { numRuns: 400, seed: 20211 },
    );
  });

  it('gives each sequence its plain greedy output when drafted and plain sequences share the batch', async () => {
    const request = fc.record({
      prompt: fc.array(fc.integer({ min: 2, max: 27 }), { minLength: 1, maxLength: 8 }),
      kind: fc.constantFrom('none', ...DRAFT_KINDS),
      at: fc.nat(),
      token: fc.integer({ min: 0, max: 27 }),
      maxNewTokens: fc.constantFrom(1, 4, 15, 60),
      late: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 2, maxLength: 5 }), async (requests) => {
        const plain = await Promise.all(
          requests.map((r) => scriptedGenerate(r.prompt, { maxNewTokens: r.maxNewTokens })),
        );
        const runner = new ScriptedRunner();
        const batcher = new DecodeBatcher(runner, { maxWaitMs: 0 });
        const sequences = await Promise.all(
          requests.map(async (r, i) => {
            const own = (await scriptedGenerate(r.prompt, { maxNewTokens: 80 })).result.tokenIds;
            const draft = r.kind === 'none' ? undefined : editDraft(own, r.kind, r.at, r.token, [3, 4, 5]);
            // Late requests join a batch that is already decoding.
            if (r.late) await new Promise((resolve) => setTimeout(resolve, 0));
            const sequence = new Sequence(
              r.prompt,
              { maxNewTokens: r.maxNewTokens, ...(draft ? { draft } : {}) },
              vocabulary,
              4096,
              false,
            );
            batcher.submit(sequence);
            return { sequence, i };
          }),
        );
        for (const { sequence, i } of sequences)
          expect(comparable(await sequence.result)).toEqual(
            comparable((plain[i] as { result: GenerationResult }).result),
          );
      }),
      { numRuns: 200, seed: 2022 },
    );
  });

  it('gives each sequence its own output when sequences with stop strings share several-step calls', async () => {
    // Rows leave mid-call on a stop string: the rows left are cut back to that step (the runner checks
    // every position it is fed afterwards) and go on to the tokens each gets alone.
    let cuts = 0;
    const request = fc.record({
      prompt: fc.array(fc.integer({ min: 2, max: 27 }), { minLength: 1, maxLength: 8 }),
      stopAt: fc.option(fc.nat(40)),
      maxNewTokens: fc.constantFrom(3, 15, 60),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 2, maxLength: 5 }), async (requests) => {
        const withStops = await Promise.all(
          requests.map(async (r) => {
            const full = (await scriptedGenerate(r.prompt, { maxNewTokens: r.maxNewTokens })).result.text;
            const at = r.stopAt === null || full.length < 2 ? null : r.stopAt % (full.length - 1);
            return { ...r, stopStrings: at === null ? [] : [full.slice(at, at + 2)] };
          }),
        );
        const alone = await Promise.all(withStops.map(async (r) => (await scriptedGenerate(r.prompt, r)).result));
        const runner = new ScriptedRunner();
        const batcher = new DecodeBatcher(runner, { maxWaitMs: 0 });
        const sequences = withStops.map((r) => {
          const sequence = new Sequence(r.prompt, r, vocabulary, 4096, false);
          batcher.submit(sequence);
          return sequence;
        });
        for (const [i, sequence] of sequences.entries())
          expect(comparable(await sequence.result)).toEqual(comparable(alone[i] as GenerationResult));
        cuts += runner.cuts;
      }),
      { numRuns: 200, seed: 2023 },
    );
    expect(cuts).toBeGreaterThan(0);
  });

  it('feeds no more positions than plain decoding on a CPU when nothing of the draft is ever accepted', async () => {
    // A prompt whose output runs to the budget, and a draft of a token the model never yields (28, beyond
    // its letters: the vocabulary is one larger).
    const prompt = Array.from({ length: 26 }, (_, i) => [2 + i, 3]).find((p) => scriptedNextRunsFor(p, 40)) as number[];
    expect(prompt).toBeDefined();
    const draft = new Array<number>(40).fill(28);
    const plain = await scriptedGenerate(prompt, { maxNewTokens: 40 }, 29);
    const cpu = await scriptedGenerate(prompt, { maxNewTokens: 40, draft }, 29, DRAFT_POLICY.cpu);
    const cuda = await scriptedGenerate(prompt, { maxNewTokens: 40, draft }, 29, DRAFT_POLICY.cuda);
    for (const fast of [cpu, cuda]) {
      expect(comparable(fast.result)).toEqual(comparable(plain.result));
      expect(fast.passes).toBe(plain.passes);
    }
    // After its first token left the draft the output looks unrelated: worth no position at a CPU's price,
    // two a pass at a GPU's, never the rest of the draft pass after pass (some 800 positions).
    expect(cpu.fed).toBe(plain.fed);
    expect(cuda.fed - plain.fed).toBeLessThanOrEqual(2 * plain.passes);
  });

  it('takes the draft policy it is given: cpu narrows proposals through an edited word, cuda keeps them wide', async () => {
    const prompt = Array.from({ length: 26 }, (_, i) => [2 + i, 3]).find((p) => scriptedNextRunsFor(p, 40)) as number[];
    const own = (await scriptedGenerate(prompt, { maxNewTokens: 40 })).result.tokenIds;
    // Three tokens after a followed prefix changed to a stop token the output never holds: three misses in
    // a row, through which a GPU's price still proposes wide and a CPU's narrows (on 26 letters
    // re-alignment also lands on stray copies).
    const draft = own.map((t, i) => (i >= 12 && i < 15 ? 0 : t));
    const cpu = await scriptedGenerate(prompt, { maxNewTokens: 40, draft }, vocabulary.size, DRAFT_POLICY.cpu);
    const cuda = await scriptedGenerate(prompt, { maxNewTokens: 40, draft }, vocabulary.size, DRAFT_POLICY.cuda);
    expect(cpu.result.tokenIds).toEqual(own);
    expect(cuda.result.tokenIds).toEqual(own);
    expect(cuda.fed).toBeGreaterThan(cpu.fed);
    expect(cuda.passes).toBeLessThanOrEqual(cpu.passes);
  });

  it('checks a fully accepted draft in one pass after the prompt; ignores drafts when sampling', async () => {
    const prompt = [5, 6, 7];
    const full = (await scriptedGenerate(prompt, { maxNewTokens: 200 })).result;
    expect(full.finishReason).toBe('stop_token');
    expect(full.tokenIds.length).toBeGreaterThan(3);
    const own = [...full.tokenIds, scriptedNext([...prompt, ...full.tokenIds])];
    const fast = await scriptedGenerate(prompt, { maxNewTokens: 200, draft: own });
    expect(fast.passes).toBe(2);
    expect(fast.result.tokenIds).toEqual(full.tokenIds);
    // Every token after the prompt's but the stop token, which is never proposed: the pass yields it anyway.
    expect(fast.result.draftTokensAccepted).toBe(own.length - 2);
    // At a 2^20 vocabulary a pass verifies 8 draft tokens at most (its logits stay within 32 MiB).
    const huge = await scriptedGenerate(prompt, { maxNewTokens: 200, draft: own }, 2 ** 20);
    expect(huge.result.tokenIds).toEqual(full.tokenIds);
    expect(huge.passes).toBe(1 + Math.ceil((own.length - 1) / 9));
    const sampled = await scriptedGenerate(prompt, { maxNewTokens: 200, draft: own, temperature: 1, seed: 1 });
    expect(sampled.result.draftTokensAccepted).toBeUndefined();
  });
});

describe('speculative greedy decoding with a draft, on a tiny ONNX model', () => {
  let dir: string;
  let generator: OnnxTextGenerator;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpr-spec-'));
    await makeTinyModel({ out: dir, seed: 11 });
    generator = await loadTextGenerator(dir, { maxWaitMs: 0 });
  });
  afterAll(async () => {
    await generator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const WORDS = 'she go to school every day we was late the cat sat on mat fix this sentence please a an of'.split(' ');
  const chat = (words: string[]): string =>
    generator.applyChatTemplate([{ role: 'user', content: `Fix: ${words.join(' ')}` }]);

  it('gives the plain greedy output token for token, for random prompts, drafts and budgets', async () => {
    const vocab = generator.vocabulary.size;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...DRAFT_KINDS),
        fc.nat(),
        fc.nat(vocab - 1),
        fc.array(fc.nat(vocab - 1), { minLength: 1, maxLength: 24 }),
        async (words, kind, at, token, unrelated) => {
          const prompt = chat(words);
          const full = await generator.generate(prompt, { maxNewTokens: 40 });
          const own = [...full.tokenIds];
          if (full.finishReason === 'stop_token') own.push(...generator.encodeAnswer('').slice(-1));
          const draft = editDraft(own, kind, at, token, unrelated);
          for (const maxNewTokens of [1, 2, 9, 40]) {
            const plain = await generator.generate(prompt, { maxNewTokens });
            const fast = await generator.generate(prompt, { maxNewTokens, draft });
            expect(comparable(fast)).toEqual(comparable(plain));
            expect(fast.forwardPasses).toBeLessThanOrEqual(plain.forwardPasses as number);
          }
        },
      ),
      { numRuns: 40, seed: 2021 },
    );
  });

  it('verifies a draft the model accepts whole in one pass after the prompt, two when it is longer than a first proposal on a CPU', async () => {
    const prompt = chat(['she', 'go', 'to', 'school']);
    const plain = await generator.generate(prompt, { maxNewTokens: 30 });
    expect(plain.forwardPasses).toBe(30);
    const fast = await generator.generate(prompt, { maxNewTokens: 30, draft: plain.tokenIds });
    expect(fast.tokenIds).toEqual(plain.tokenIds);
    expect(firstProposal(plain.tokenIds)).toBeLessThan(28);
    expect(fast.forwardPasses).toBe(3);
    // The budget still ends it: a draft longer than the budget is cut, not overrun.
    const longer = await generator.generate(prompt, { maxNewTokens: 12, draft: plain.tokenIds });
    expect(longer).toMatchObject({
      tokenIds: plain.tokenIds.slice(0, 12),
      finishReason: 'max_new_tokens',
      forwardPasses: 2,
    });
  });

  it('verifies the drafts of requests that share the batch, in one pass for all of them', async () => {
    const prompts = [
      ['she', 'go'],
      ['we', 'was', 'late'],
      ['the', 'cat', 'sat', 'on', 'a', 'mat'],
    ].map(chat);
    const plain: GenerationResult[] = [];
    for (const p of prompts) plain.push(await generator.generate(p, { maxNewTokens: 16 }));
    const batched = await loadTextGenerator(dir, { maxWaitMs: 20 });
    try {
      const own = await Promise.all(
        prompts.map((p, i) => batched.generate(p, { maxNewTokens: 16, draft: plain[i]?.tokenIds })),
      );
      expect(own.map((r) => r.tokenIds)).toEqual(plain.map((r) => r.tokenIds));
      // Prefilled together, then one verifying pass for the three rows.
      expect(own.map((r) => r.forwardPasses)).toEqual([2, 2, 2]);
      const wrong = await Promise.all(
        prompts.map((p, i) => batched.generate(p, { maxNewTokens: 16, draft: plain[i]?.tokenIds.toReversed() })),
      );
      expect(wrong.map((r) => r.tokenIds)).toEqual(plain.map((r) => r.tokenIds));
      const mixed = await Promise.all(
        prompts.map((p, i) =>
          batched.generate(p, { maxNewTokens: 16, ...(i === 1 ? { draft: plain[i]?.tokenIds } : {}) }),
        ),
      );
      expect(mixed.map((r) => r.tokenIds)).toEqual(plain.map((r) => r.tokenIds));
    } finally {
      await batched.close();
    }
  });

  it('gives every request its plain greedy output when drafted and plain requests join a running batch at random times', async () => {
    // Real caches this time: rows of different lengths and left padding, rows joining and leaving between
    // verifying passes, every row cut back by its own amount.
    const batched = await loadTextGenerator(dir, { maxWaitMs: 1 });
    const vocab = generator.vocabulary.size;
    const request = fc.record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 }),
      kind: fc.constantFrom('none', ...DRAFT_KINDS),
      at: fc.nat(),
      token: fc.nat(vocab - 1),
      maxNewTokens: fc.constantFrom(1, 5, 17, 32),
      delayMs: fc.constantFrom(0, 0, 2, 6, 15),
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(request, { minLength: 2, maxLength: 6 }), async (requests) => {
          const expected: GenerationResult[] = [];
          const drafts: (number[] | undefined)[] = [];
          for (const r of requests) {
            const prompt = chat(r.words);
            expected.push(await generator.generate(prompt, { maxNewTokens: r.maxNewTokens }));
            const full = await generator.generate(prompt, { maxNewTokens: 32 });
            const own = [
              ...full.tokenIds,
              ...(full.finishReason === 'stop_token' ? generator.encodeAnswer('').slice(-1) : []),
            ];
            drafts.push(r.kind === 'none' ? undefined : editDraft(own, r.kind, r.at, r.token, own.toReversed()));
          }
          const results = await Promise.all(
            requests.map(async (r, i) => {
              await new Promise((resolve) => setTimeout(resolve, r.delayMs));
              const draft = drafts[i];
              return batched.generate(chat(r.words), { maxNewTokens: r.maxNewTokens, ...(draft ? { draft } : {}) });
            }),
          );
          expect(results.map(comparable)).toEqual(expected.map(comparable));
        }),
        { numRuns: 15, seed: 42 },
      );
    } finally {
      await batched.close();
    }
  });
});

// The verifying pass reads its per-position argmax from wherever the graph puts it: logits trimmed by
// num_logits_to_keep, every position's logits (no such input), or the in-graph greedy_token_ids; and
// it cuts float16 caches as well as float32 ones. Each variant must still give the plain greedy output.
describe.each([
  { name: 'in-graph argmax (greedy_token_ids)', model: { greedyOutput: true } },
  { name: 'no num_logits_to_keep input', model: { logitsToKeepInput: false } },
  { name: 'float16 KV cache', model: { kvDtype: 'float16' as const } },
  { name: 'GroupQueryAttention graph (left-aligned cache)', model: { layout: 'genai' as const } },
  { name: 'main-thread runner', model: {}, thread: 'main' as const },
])('speculative greedy decoding on a tiny ONNX model: $name', ({ model, thread }) => {
  let dir: string;
  let generator: OnnxTextGenerator;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpr-spec-variant-'));
    await makeTinyModel({ out: dir, seed: 12, ...model });
    generator = await loadTextGenerator(dir, { maxWaitMs: 0, ...(thread ? { thread } : {}) });
  });
  afterAll(async () => {
    await generator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the plain greedy output for edited drafts, and verifies the own output in one pass', async () => {
    const vocab = generator.vocabulary.size;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('she', 'go', 'to', 'school', 'we', 'was', 'late', 'a', 'cat'), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom(...DRAFT_KINDS),
        fc.nat(),
        fc.nat(vocab - 1),
        async (words, kind, at, token) => {
          const prompt = generator.applyChatTemplate([{ role: 'user', content: `Fix: ${words.join(' ')}` }]);
          const plain = await generator.generate(prompt, { maxNewTokens: 24 });
          const own = [
            ...plain.tokenIds,
            ...(plain.finishReason === 'stop_token' ? generator.encodeAnswer('').slice(-1) : []),
          ];
          const whole = await generator.generate(prompt, { maxNewTokens: 24, draft: own });
          expect(comparable(whole)).toEqual(comparable(plain));
          // The prompt's pass, then one pass for the rest (none when the prompt's pass already stopped), or
          // two when the rest is longer than the first proposal (the prompt's token, the proposal, the pass's own).
          const rest = plain.tokenIds.length <= firstProposal(own) + 2 ? 1 : 2;
          expect(whole.forwardPasses).toBe(plain.tokenIds.length === 0 ? 1 : 1 + rest);
          const edited = await generator.generate(prompt, {
            maxNewTokens: 24,
            draft: editDraft(own, kind, at, token, own.toReversed()),
          });
          expect(comparable(edited)).toEqual(comparable(plain));
        },
      ),
      { numRuns: 12, seed: 7 },
    );
  });
});
