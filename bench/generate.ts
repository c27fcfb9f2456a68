// npm run bench:generate — the generation runtime side by side with its limits, in one run on one tiny
// model (hidden 256, 4 layers, 32k vocab: one CPU decode step takes a few ms):
//   ours at batch 1 | a bare session.run greedy loop | transformers.js generate | throughput at 1/4/16
//   concurrent requests | host ms per token at a 128k vocabulary, with the argmax on the host and with it
//   in the graph (greedy_token_ids output) | speculative greedy decoding with a draft (input-guided
//   aggressive decoding): the draft is the model's own greedy output (a clean sentence the model keeps)
//   or that output with one token changed in the middle, or unrelated to it (the worst case), against
//   plain greedy decoding of the same prompt;
//   and 4 concurrent requests drafted with their own outputs (verified together) against 4 plain ones |
//   forward passes per sentence on real edits: JFLEG dev replayed through the draft cursor under the cpu
//   and the cuda policy side by side, with their CPU cost, no model (`node bench/generate.ts --replay`
//   runs only that, in seconds).
// Rates are medians over interleaved rounds, ratios medians of per-round ratios (the machine may be
// shared; the load average is printed). Ends with one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AutoModelForCausalLM, env as hf, Tensor } from '@huggingface/transformers';
import { createModelSession } from '../models/src/backend/onnx.ts';
import { loadTextGenerator, type OnnxTextGenerator } from '../models/src/generation/text-generator.ts';
import { makeTinyModel } from '../models/tools/index.ts';
import { bareLoop } from './generate-bare-loop.ts';
import { jflegDraftReplay } from './generate-draft-replay.ts';
import { hostPerToken } from './generate-host-work.ts';
import { describeJflegReplay, reportGenerateRun } from './generate-report.ts';

const NEW_TOKENS = 64;
const ROUNDS = 9;

/** `node bench/generate.ts --replay`: only the JFLEG replay (seconds), on the benchmark model's tokenizer. */
async function replayOnly(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mpr-bench-replay-'));
  try {
    // The tokenizer depends on the vocabulary size and seed only; a one-layer model is quick to write.
    const model = await makeTinyModel({
      out: join(root, 'tiny'),
      hidden: 32,
      layers: 1,
      heads: 2,
      kvHeads: 1,
      vocabSize: 32000,
      seed: 1,
    });
    const generator = await loadTextGenerator(model.dir, {});
    const replay = jflegDraftReplay((text) => generator.encodeAnswer(text), generator.vocabulary.stopTokenIds);
    console.log(
      replay ? describeJflegReplay(replay).join('\n') : 'JFLEG dev replay skipped: no data at ../shared/data/jfleg',
    );
    await generator.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function concurrent(
  generator: OnnxTextGenerator,
  prompts: string[],
  drafts?: number[][],
): Promise<{ tokens: number; ms: number }> {
  const start = performance.now();
  const results = await Promise.all(
    prompts.map((p, i) =>
      generator.generate(p, { maxNewTokens: NEW_TOKENS, ...(drafts ? { draft: drafts[i] as number[] } : {}) }),
    ),
  );
  return { tokens: results.reduce((n, r) => n + r.tokenIds.length, 0), ms: performance.now() - start };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mpr-bench-gen-'));
  try {
    const model = await makeTinyModel({
      out: join(root, 'tiny'),
      hidden: 256,
      layers: 4,
      heads: 8,
      kvHeads: 2,
      vocabSize: 32000,
      seed: 1,
    });
    const bigOptions = {
      hidden: 64,
      layers: 1,
      heads: 4,
      kvHeads: 1,
      vocabSize: 128_256,
      seed: 2,
      maxPositionEmbeddings: 4096,
    };
    const big = await makeTinyModel({ out: join(root, 'tiny128k'), ...bigOptions });
    const bigGreedy = await makeTinyModel({ out: join(root, 'tiny128k-greedy'), ...bigOptions, greedyOutput: true });
    const generator = await loadTextGenerator(model.dir, { maxBatchSize: 16, maxWaitMs: 2 });
    const prompts = Array.from({ length: 16 }, (_, i) =>
      generator.applyChatTemplate([
        { role: 'user', content: `Fix: request number ${i} have a error in it, and the text go on for a while.` },
      ]),
    );
    const prompt = prompts[0] as string;
    const promptIds = generator.encodePrompt(prompt);
    const stop = generator.vocabulary.stopTokenIds;

    // Warm up every path once.
    await generator.generate(prompt, { maxNewTokens: 8 });
    const bareSession = await createModelSession(join(model.dir, 'onnx', 'model.onnx'));
    await bareLoop(bareSession, promptIds, 8, stop);
    hf.allowRemoteModels = false;
    hf.localModelPath = root;
    hf.useFSCache = false;
    const tjs = await AutoModelForCausalLM.from_pretrained('tiny', { dtype: 'fp32', device: 'cpu' });
    const tjsInputs = {
      input_ids: new Tensor('int64', BigInt64Array.from(promptIds, BigInt), [1, promptIds.length]),
      attention_mask: new Tensor('int64', new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]),
    };
    await tjs.generate({ ...tjsInputs, max_new_tokens: 8, do_sample: false });

    // Drafts for the speculative rows: the model's own greedy output, and the same with its middle token
    // changed (one edit). The passes each variant took are recorded per run.
    const own = (await generator.generate(prompt, { maxNewTokens: NEW_TOKENS })).tokenIds;
    const middle = Math.floor(own.length / 2);
    const oneEdit = own.map((t, i) => (i === middle ? (t + 1) % generator.vocabulary.size : t));
    // The worst case: a draft that has nothing to do with the output (a rewrite, or a preamble the model
    // adds), where every verifying pass is refused and only costs compute.
    const unrelated = own.map((t) => (t + 7) % generator.vocabulary.size);
    const passes: Record<'plain' | 'clean' | 'oneEdit' | 'unrelated', { passes: number; tokens: number }> = {
      plain: { passes: 0, tokens: 0 },
      clean: { passes: 0, tokens: 0 },
      oneEdit: { passes: 0, tokens: 0 },
      unrelated: { passes: 0, tokens: 0 },
    };
    const counted = async (key: keyof typeof passes, draft?: number[]): Promise<number[]> => {
      const result = await generator.generate(prompt, { maxNewTokens: NEW_TOKENS, ...(draft ? { draft } : {}) });
      passes[key].passes += result.forwardPasses ?? 0;
      passes[key].tokens += result.tokenIds.length;
      return result.tokenIds;
    };
    await counted('clean', own);
    // Four concurrent requests, each drafted with its own greedy output: verified together in the batch.
    const ownOf4 = await Promise.all(
      prompts.slice(0, 4).map(async (p) => (await generator.generate(p, { maxNewTokens: NEW_TOKENS })).tokenIds),
    );
    passes.clean = { passes: 0, tokens: 0 };

    // Interleaved rounds with a rotating order: load from other processes on this shared machine hits
    // every variant alike. Ratios are medians of per-round ratios; rates are medians.
    const variants = {
      ours: () => counted('plain'),
      specClean: () => counted('clean', own),
      specOneEdit: () => counted('oneEdit', oneEdit),
      specUnrelated: () => counted('unrelated', unrelated),
      bare: () => bareLoop(bareSession, promptIds, NEW_TOKENS, stop),
      transformersJs: async () => {
        const out = (await tjs.generate({ ...tjsInputs, max_new_tokens: NEW_TOKENS, do_sample: false })) as Tensor;
        return Array.from(out.data as BigInt64Array, Number)
          .slice(promptIds.length)
          .filter((t) => !stop.includes(t));
      },
      c1: async () => concurrent(generator, prompts.slice(0, 1)),
      c4: async () => concurrent(generator, prompts.slice(0, 4)),
      c4SpecClean: async () => concurrent(generator, prompts.slice(0, 4), ownOf4),
      c16: async () => concurrent(generator, prompts.slice(0, 16)),
    };
    type Name = keyof typeof variants;
    const names = Object.keys(variants) as Name[];
    const rates: Record<Name, number[]> = {
      ours: [],
      specClean: [],
      specOneEdit: [],
      specUnrelated: [],
      bare: [],
      transformersJs: [],
      c1: [],
      c4: [],
      c4SpecClean: [],
      c16: [],
    };
    const tokenIds: Partial<Record<Name, number[]>> = {};
    // One monitor per measured run (re-enabling a monitor would count the pause as one delay); the
    // worst run's max and p99 are reported.
    const lag = { max: 0, p99: 0 };
    let monitor = monitorEventLoopDelay({ resolution: 1 });
    let loadedMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length] as Name;
        if (name === 'c16') {
          monitor = monitorEventLoopDelay({ resolution: 1 });
          monitor.enable();
        }
        const start = performance.now();
        const out = await variants[name]();
        const ms = performance.now() - start;
        if (name === 'c16') {
          monitor.disable();
          lag.max = Math.max(lag.max, monitor.max / 1e6);
          lag.p99 = Math.max(lag.p99, monitor.percentile(99) / 1e6);
          loadedMs += ms;
        }
        const tokens = Array.isArray(out) ? out.length : out.tokens;
        if (Array.isArray(out)) tokenIds[name] = out;
        rates[name].push((tokens * 1000) / ms);
      }
    }
    if (tokenIds.ours?.join() !== tokenIds.bare?.join() || tokenIds.ours?.join() !== tokenIds.transformersJs?.join()) {
      console.log('warning: the three paths produced different tokens');
    }
    if (
      (['specClean', 'specOneEdit', 'specUnrelated'] as const).some(
        (name) => tokenIds[name]?.join() !== tokenIds.ours?.join(),
      )
    ) {
      console.log('warning: speculative decoding produced different tokens than plain greedy decoding');
    }
    // The same delay measurement with nothing to do: what preemption by other processes alone costs.
    const idleLag = monitorEventLoopDelay({ resolution: 1 });
    idleLag.enable();
    await new Promise((resolve) => setTimeout(resolve, loadedMs));
    idleLag.disable();
    const host = await hostPerToken(big.dir);
    const hostGreedy = await hostPerToken(bigGreedy.dir);
    const jfleg = jflegDraftReplay((text) => generator.encodeAnswer(text), generator.vocabulary.stopTokenIds);

    await reportGenerateRun({
      newTokens: NEW_TOKENS,
      rounds: ROUNDS,
      rates,
      passes,
      lag,
      idleLag,
      host,
      hostGreedy,
      jfleg,
    });
    await tjs.dispose();
    await bareSession.release();
    await generator.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv.includes('--replay')) await replayOnly();
else await main();
