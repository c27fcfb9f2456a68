// Peak memory of a 2,000-token prefill at a 128k vocabulary, before and after the logits-to-keep
// rewrite (models/tools/logits-to-keep). Each measurement runs in a fresh child process so that the
// peak RSS belongs to that prefill alone.  Usage: node bench/generate-logits-memory.ts
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModelSession, emptyKv, int64Tensor, type Feeds } from '../models/src/backend/onnx.ts';
import { addLogitsToKeep, makeTinyModel } from '../models/tools/index.ts';
import { reportFigures } from '../eval/measurements.ts';

const PROMPT_TOKENS = 2000;
const VOCAB = 128_256;

interface Measurement {
  logitsShape: number[];
  logitsMiB: number;
  baselineMiB: number;
  peakMiB: number;
  prefillPeakDeltaMiB: number;
}

async function measure(modelPath: string): Promise<Measurement> {
  const session = await createModelSession(modelPath, { intraOpThreads: 1 });
  const { io } = session;
  const S = PROMPT_TOKENS;
  const feeds: Feeds = {
    input_ids: int64Tensor(
      BigInt64Array.from({ length: S }, (_, i) => BigInt((i * 7919) % 5000)),
      [1, S],
    ),
    attention_mask: int64Tensor(new BigInt64Array(S).fill(1n), [1, S]),
    position_ids: int64Tensor(
      BigInt64Array.from({ length: S }, (_, i) => BigInt(i)),
      [1, S],
    ),
  };
  for (const name of [...io.pastKeyNames, ...io.pastValueNames])
    feeds[name] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
  if (io.logitsToKeepInput) feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(1n), []);
  const mib = (kb: number): number => Math.round(kb / 1024);
  const baseline = process.resourceUsage().maxRSS;
  const out = await session.run(feeds);
  const peak = process.resourceUsage().maxRSS;
  const logits = out.logits;
  return {
    logitsShape: [...(logits?.dims ?? [])],
    logitsMiB: Math.round((((logits?.data as Float32Array | undefined)?.byteLength ?? 0) / 2 ** 20) * 10) / 10,
    baselineMiB: mib(baseline),
    peakMiB: mib(peak),
    prefillPeakDeltaMiB: mib(peak - baseline),
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    process.stdout.write(`${JSON.stringify(await measure(process.argv[3] as string))}\n`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'mpr-logits-mem-'));
  try {
    await makeTinyModel({
      out: dir,
      vocabSize: VOCAB,
      hidden: 64,
      heads: 4,
      kvHeads: 1,
      layers: 2,
      logitsToKeepInput: false,
      maxPositionEmbeddings: 4096,
    });
    const original = join(dir, 'onnx', 'model.onnx');
    const rewritten = join(dir, 'onnx', 'model-keep.onnx');
    await addLogitsToKeep({ input: original, output: rewritten });
    const run = (path: string): Measurement =>
      JSON.parse(
        execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path], { encoding: 'utf8' }),
      ) as Measurement;
    const before = run(original);
    const after = run(rewritten);
    console.log(`prefill of ${PROMPT_TOKENS} tokens, vocab ${VOCAB} (tiny Llama, hidden 64, 2 layers), CPU`);
    console.log(
      `before rewrite: logits ${before.logitsShape.join('x')} = ${before.logitsMiB} MiB, peak RSS ${before.peakMiB} MiB (+${before.prefillPeakDeltaMiB} MiB during prefill)`,
    );
    console.log(
      `after rewrite:  logits ${after.logitsShape.join('x')} = ${after.logitsMiB} MiB, peak RSS ${after.peakMiB} MiB (+${after.prefillPeakDeltaMiB} MiB during prefill)`,
    );
    await reportFigures(
      {
        name: 'logits-memory',
        title: 'Prefill memory at a 128k vocabulary: logits-to-keep rewrite',
        command: 'node bench/generate-logits-memory.ts',
        summary:
          'A long prefill on a tiny model with Llama 3.1-sized vocabulary, before and after the logits-to-keep graph rewrite: the logits tensor the session returns and the growth of peak RSS during prefill.',
      },
      {
        before_peak_delta_mib: before.prefillPeakDeltaMiB,
        after_peak_delta_mib: after.prefillPeakDeltaMiB,
        before_logits_mib: before.logitsMiB,
        after_logits_mib: after.logitsMiB,
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
