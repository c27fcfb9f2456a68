// npm run bench:adapters — LoRA adapters at run time and the export layouts, on tiny models (hidden 256,
// 4 layers, 8 heads / 4 KV heads, 32k vocabulary: a CPU decode step takes a few ms):
//   memory: a merged copy of the model per adapter against the adapter's factors at run time (the bench
//   model, and Llama 3.2 3B / Llama 3.1 8B worked out from their sizes: rank 16 on q/k/v/o);
//   adapter_switch_ms: the first request on an adapter just added to the set (read, stacked, first run)
//   against a request on an adapter already loaded;
//   mixed_vs_single_batch16: 16 concurrent requests over 4 adapters against 16 on one adapter;
//   adapter_vs_base: one request on the prepared graph with an adapter against the unprepared base;
//   per layout (fp32, fp16, int4, gqa, external_data, qwen2): decode tokens/s of the runtime against a
//   bare session.run loop on the same graph (goal >= 0.9), and the bytes crossing between host and
//   session per decode step (every input and output: what a CUDA run without IO binding copies); and the
//   process CPU time per generated token of both (every thread: the loop, the worker, onnxruntime's pool),
//   which a loaded machine moves less than wall time: `cpu_vs_bare` is bare's CPU per token over ours.
//   "Ours" is what an agent runs (the decoder in a worker thread); `main_thread_tok_s_vs_bare` is the
//   same runtime with the decoder in the calling thread (`thread: 'main'`, for a CLI or offline eval).
// Rates are medians over interleaved rounds, ratios medians of per-round ratios; the load average is
// printed (the machine may be shared, and on a loaded one the ratios move by tens of percent). Each
// timed run starts after a full collection of this thread's heap, so it pays for its own garbage only,
// not for what the run before it left (weights of the model just written, a bare loop's spent caches).
// Ends with one JSON line. For iteration: `--layouts-only` skips the adapter figures, `--layout NAME`
// (repeatable) runs only those layouts, `--rounds N` changes the number of rounds; none of them records.
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelSession, emptyKv, int64Tensor, type Feeds, type ModelSession } from '../models/src/backend/onnx.ts';
import { float16ToFloat32 } from '../models/src/kernels/float16.ts';
import { maxIndex } from '../models/src/kernels/max-index.ts';
import { loadTextGenerator, type OnnxTextGenerator } from '../models/src/generation/text-generator.ts';
import { addAdapterInputs, makeTinyAdapter, makeTinyModel, type TinyModelOptions } from '../models/tools/index.ts';
import { reportFigures, wantsRecord } from '../eval/measurements.ts';

// The bare loop feeds float16 caches back from the main thread: onnxruntime-node 1.30 reads them as
// Uint16Array only (see decoder-worker.ts). Set before the first tensor is made.
Reflect.set(globalThis, 'Float16Array', undefined);

// A full garbage collection on demand (the flag exposes `gc` to contexts created after it is set).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const SIZES: TinyModelOptions = { hidden: 256, layers: 4, heads: 8, kvHeads: 4, vocabSize: 32_768, seed: 3 };
const NEW_TOKENS = 48;
/** Generations each side runs before the timed rounds. */
const WARM_UP = 4;
const argValues = (flag: string): string[] =>
  process.argv.flatMap((arg, i) => (arg === flag && process.argv[i + 1] ? [process.argv[i + 1] as string] : []));
const ROUNDS = Number(argValues('--rounds')[0] ?? 5);
const LAYOUTS_ONLY = process.argv.includes('--layouts-only');
const CHOSEN_LAYOUTS = argValues('--layout');
const PARTIAL = LAYOUTS_ONLY || CHOSEN_LAYOUTS.length > 0 || ROUNDS !== 5;
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const bytesOf = (tensors: Iterable<{ data: unknown }>): number => {
  let total = 0;
  for (const t of tensors) total += (t.data as ArrayBufferView).byteLength;
  return total;
};

const LAYOUTS: Record<string, TinyModelOptions> = {
  fp32: {},
  fp16: { dtype: 'float16' },
  int4: { dtype: 'int4' },
  gqa: { layout: 'genai', logitsToKeepInput: true },
  external_data: { externalData: true },
  qwen2: { architecture: 'qwen2' },
};

/**
 * Greedy decode with nothing but session.run and argmax: tokens, milliseconds after the first token (the
 * one-token steps, as the runtime's decodeTokensPerSecond counts them) and the bytes of its last step.
 */
async function bareLoop(
  session: ModelSession,
  prompt: number[],
  maxNew: number,
): Promise<{ tokens: number; decodeMs: number; stepBytes: number }> {
  const { io } = session;
  let past: Feeds = {};
  for (const name of [...io.pastKeyNames, ...io.pastValueNames])
    past[name] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
  let input = prompt;
  let total = 0;
  let tokens = 0;
  let stepBytes = 0;
  let firstAt = 0;
  while (tokens < maxNew) {
    const S = input.length;
    total += S;
    const feeds: Feeds = {
      ...past,
      input_ids: int64Tensor(BigInt64Array.from(input, BigInt), [1, S]),
      attention_mask: int64Tensor(new BigInt64Array(total).fill(1n), [1, total]),
    };
    if (io.hasPositionIds)
      feeds.position_ids = int64Tensor(
        BigInt64Array.from(input, (_, i) => BigInt(total - S + i)),
        [1, S],
      );
    if (io.logitsToKeepInput) feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(1n), []);
    const result = await session.run(feeds);
    const logits = result.logits;
    if (!logits) throw new Error('no logits');
    const vocab = logits.dims[2] as number;
    const last =
      logits.type === 'float16' ? float16ToFloat32(logits.data as Uint16Array) : (logits.data as Float32Array);
    const next = maxIndex(last.subarray(last.length - vocab));
    stepBytes = bytesOf(Object.values(feeds)) + bytesOf(Object.values(result));
    tokens++;
    if (tokens === 1) firstAt = performance.now();
    input = [next];
    past = {};
    io.pastKeyNames.forEach((n, l) => {
      past[n] = result[io.presentKeyNames[l] as string] as Feeds[string];
    });
    io.pastValueNames.forEach((n, l) => {
      past[n] = result[io.presentValueNames[l] as string] as Feeds[string];
    });
  }
  return { tokens, decodeMs: performance.now() - firstAt, stepBytes };
}

/** Process CPU milliseconds (all threads) that `work` took, with its result. */
async function withCpu<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  collectGarbage();
  const before = process.cpuUsage();
  const value = await work();
  const spent = process.cpuUsage(before);
  return { value, cpuMs: (spent.user + spent.system) / 1000 };
}

/** Decode tokens/s of one generate call (prefill excluded: the result's own decode rate). */
async function oursRate(generator: OnnxTextGenerator, prompt: string, adapter?: string): Promise<number> {
  const result = await generator.generate(prompt, {
    maxNewTokens: NEW_TOKENS,
    stopStrings: ['\u0000never'],
    ...(adapter ? { adapter } : {}),
  });
  return result.timings.decodeTokensPerSecond;
}

async function bareRate(session: ModelSession, prompt: number[]): Promise<{ rate: number; stepBytes: number }> {
  const run = await bareLoop(session, prompt, NEW_TOKENS);
  return { rate: ((run.tokens - 1) * 1000) / Math.max(run.decodeMs, 1e-3), stepBytes: run.stepBytes };
}

async function main(): Promise<void> {
  if (PARTIAL && wantsRecord())
    throw new Error('--record needs the full run (no --layouts-only, --layout or --rounds)');
  const root = await mkdtemp(join(tmpdir(), 'mpr-bench-adapters-'));
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  try {
    // --- Layouts: the runtime against a bare loop on the same graph.
    const layouts: Record<
      string,
      {
        tok_s_vs_bare: number;
        copy_bytes_per_step: number;
        ours_tok_s: number;
        bare_tok_s: number;
        cpu_vs_bare: number;
        ours_cpu_ms_per_token: number;
        bare_cpu_ms_per_token: number;
        main_thread_tok_s_vs_bare: number;
      }
    > = {};
    for (const [name, options] of Object.entries(LAYOUTS)) {
      if (CHOSEN_LAYOUTS.length > 0 && !CHOSEN_LAYOUTS.includes(name)) continue;
      const info = await makeTinyModel({ out: join(root, name), ...SIZES, ...options });
      // What an agent runs (the worker), and the calling-thread runner a CLI or offline eval may choose.
      const generator = await loadTextGenerator(info.dir, { maxWaitMs: 0 });
      const inPlace = await loadTextGenerator(info.dir, { maxWaitMs: 0, thread: 'main' });
      const session = await createModelSession(join(info.dir, info.onnxFile));
      const prompt = generator.applyChatTemplate([{ role: 'user', content: 'Fix: she go to school every days.' }]);
      const ids = generator.encodePrompt(prompt);
      // Warm-up to a steady state on every side: a fresh worker isolate compiles the decoder's code anew,
      // and its first generations run slower while the model just written is still being collected.
      for (let i = 0; i < WARM_UP; i++) {
        await oursRate(generator, prompt);
        await bareLoop(session, ids, NEW_TOKENS);
        await oursRate(inPlace, prompt);
      }
      const ours: number[] = [];
      const bare: number[] = [];
      const oursCpu: number[] = [];
      const bareCpu: number[] = [];
      const inPlaceRates: number[] = [];
      let stepBytes = 0;
      const runOurs = async () => {
        const { value, cpuMs } = await withCpu(() => oursRate(generator, prompt));
        ours.push(value);
        oursCpu.push(cpuMs / NEW_TOKENS);
      };
      // Alternating which goes first, so neither side always runs right after the other.
      for (let r = 0; r < ROUNDS; r++) {
        if (r % 2 === 0) await runOurs();
        const { value: b, cpuMs } = await withCpu(() => bareRate(session, ids));
        bare.push(b.rate);
        bareCpu.push(cpuMs / NEW_TOKENS);
        stepBytes = b.stepBytes;
        if (r % 2 === 1) await runOurs();
        collectGarbage();
        inPlaceRates.push(await oursRate(inPlace, prompt));
      }
      await Promise.all([generator.close(), inPlace.close(), session.release()]);
      layouts[name] = {
        tok_s_vs_bare: round(median(ours.map((o, i) => o / (bare[i] as number)))),
        copy_bytes_per_step: stepBytes,
        ours_tok_s: round(median(ours), 1),
        bare_tok_s: round(median(bare), 1),
        cpu_vs_bare: round(median(bareCpu.map((b, i) => b / (oursCpu[i] as number)))),
        ours_cpu_ms_per_token: round(median(oursCpu), 3),
        bare_cpu_ms_per_token: round(median(bareCpu), 3),
        main_thread_tok_s_vs_bare: round(median(inPlaceRates.map((o, i) => o / (bare[i] as number)))),
      };
      console.log(
        `${name.padEnd(14)} ours ${median(ours).toFixed(1)} tok/s, bare ${median(bare).toFixed(1)} tok/s, ${stepBytes} bytes/step; CPU per token ours ${median(oursCpu).toFixed(3)} ms, bare ${median(bareCpu).toFixed(3)} ms`,
      );
    }

    if (LAYOUTS_ONLY) {
      console.log(JSON.stringify({ layouts, load_average: round(loadavg()[0] as number, 1) }));
      return;
    }

    // --- Adapters on the fp32 base: memory, switching, mixing.
    const base = await makeTinyModel({ out: join(root, 'base'), ...SIZES });
    const prepared = join(root, 'prepared');
    await cp(base.dir, prepared, { recursive: true, filter: (path) => !path.includes('.onnx') });
    await addAdapterInputs({
      input: join(base.dir, base.onnxFile),
      output: join(prepared, base.onnxFile),
      modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
    });
    const adapterDirs: Record<string, string> = {};
    let runtimeBytes = 0;
    for (let i = 0; i < 6; i++) {
      const dir = join(root, `adapter-${i}`);
      await makeTinyAdapter({ out: dir, config: base.config, seed: i + 1 });
      adapterDirs[`a${i}`] = dir;
    }
    const generator = await loadTextGenerator(prepared, {
      maxWaitMs: 2,
      adapters: {
        a0: adapterDirs.a0 as string,
        a1: adapterDirs.a1 as string,
        a2: adapterDirs.a2 as string,
        a3: adapterDirs.a3 as string,
      },
    });
    const plain = await loadTextGenerator(base.dir, { maxWaitMs: 2 });
    const { loadPeftAdapter } = await import('../models/src/adapters/peft-adapter.ts');
    runtimeBytes = (await loadPeftAdapter(adapterDirs.a0 as string)).bytes;
    const mergedBytes = base.onnxBytes;
    const prompt = generator.applyChatTemplate([{ role: 'user', content: 'Fix: we was late to the meeting.' }]);

    // Warm both, then interleave: adapter vs base, one request each.
    await oursRate(generator, prompt, 'a0');
    await oursRate(plain, prompt);
    const withAdapter: number[] = [];
    const withoutAdapter: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      withAdapter.push(await oursRate(generator, prompt, 'a0'));
      withoutAdapter.push(await oursRate(plain, prompt));
    }

    // Switching: a request on a loaded adapter, against adding one to the set and its first request.
    const request = async (adapter: string): Promise<number> => {
      const started = performance.now();
      await generator.generate(prompt, { maxNewTokens: 8, adapter });
      return performance.now() - started;
    };
    const warm: number[] = [];
    const cold: number[] = [];
    const loaded = {
      a0: adapterDirs.a0 as string,
      a1: adapterDirs.a1 as string,
      a2: adapterDirs.a2 as string,
      a3: adapterDirs.a3 as string,
    };
    for (let r = 0; r < ROUNDS; r++) {
      warm.push(await request('a1'));
      const fresh = `a${4 + (r % 2)}`;
      const started = performance.now();
      await generator.setAdapters({ ...loaded, [fresh]: adapterDirs[fresh] as string });
      await generator.generate(prompt, { maxNewTokens: 8, adapter: fresh });
      cold.push(performance.now() - started);
      await generator.setAdapters(loaded);
    }

    // Batch of 16: four adapters mixed, against one adapter for all.
    const batchRate = async (choose: (i: number) => string): Promise<number> => {
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          generator.generate(prompt, { maxNewTokens: NEW_TOKENS, stopStrings: ['\u0000never'], adapter: choose(i) }),
        ),
      );
      const tokens = results.reduce((n, r) => n + r.tokenIds.length, 0);
      // Equal work on both sides: a row that stops early would shrink the batch for the others.
      if (tokens !== 16 * NEW_TOKENS)
        throw new Error(`a request stopped early (${tokens} tokens); pick another prompt`);
      return (tokens / (performance.now() - started)) * 1000;
    };
    await batchRate(() => 'a0');
    const mixed: number[] = [];
    const single: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) mixed.push(await batchRate((i) => `a${i % 4}`));
      single.push(await batchRate(() => 'a0'));
      if (r % 2 === 1) mixed.push(await batchRate((i) => `a${i % 4}`));
    }
    await Promise.all([generator.close(), plain.close()]);
    const ratios = mixed.map((m, i) => m / (single[i] as number));
    console.log(
      `batch of 16: mixed ${mixed.map((x) => x.toFixed(0)).join(' ')} tok/s, single ${single.map((x) => x.toFixed(0)).join(' ')} tok/s`,
    );

    const dataBytes = (await stat(join(base.dir, base.onnxFile))).size;
    // Llama 3.2 3B (28 layers, hidden 3072, 24 heads / 8 KV heads of 128) and Llama 3.1 8B (32 layers,
    // hidden 4096, 32 / 8 heads of 128): rank 16 on q, k, v, o is r * (in + out) per projection.
    const loraParams = (layers: number, hidden: number, kv: number): number =>
      layers * 16 * (2 * (hidden + hidden) + 2 * (hidden + kv));
    const figures = {
      merged_bytes_per_adapter: mergedBytes,
      runtime_bytes_per_adapter: runtimeBytes,
      merged_vs_runtime_bytes: round(mergedBytes / runtimeBytes, 1),
      llama_3_2_3b: {
        merged_bytes_per_adapter_fp16: 6_425_000_000,
        runtime_bytes_per_adapter_fp16: loraParams(28, 3072, 1024) * 2,
      },
      llama_3_1_8b: {
        merged_bytes_per_adapter_fp16: 16_060_000_000,
        runtime_bytes_per_adapter_fp16: loraParams(32, 4096, 1024) * 2,
      },
      adapter_switch_ms: round(median(cold) - median(warm), 1),
      adapter_cold_ms: round(median(cold), 1),
      adapter_warm_ms: round(median(warm), 1),
      mixed_vs_single_batch16: round(median(ratios)),
      mixed_batch16_tok_s: round(median(mixed), 1),
      single_batch16_tok_s: round(median(single), 1),
      adapter_vs_base: round(median(withAdapter.map((w, i) => w / (withoutAdapter[i] as number)))),
      base_model_bytes: dataBytes,
      layouts,
      load_average: round(loadavg()[0] as number, 1),
    };
    await reportFigures(
      {
        name: 'adapters',
        title: 'Run-time LoRA adapters and export layouts',
        command: 'npm run bench:adapters',
        summary:
          'Memory of a merged copy per adapter against run-time factors; the cost of adding an adapter, of mixing 4 adapters in a batch of 16, of an adapter against the bare base; per export layout, decode speed and process CPU per token against a bare session.run loop, and host/session bytes per step.',
        goals: [
          { figure: 'mixed_vs_single_batch16', op: '>=', value: 0.8 },
          ...Object.keys(LAYOUTS).map((name) => ({
            figure: `layouts.${name}.tok_s_vs_bare`,
            op: '>=' as const,
            value: 0.9,
          })),
        ],
      },
      figures,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
