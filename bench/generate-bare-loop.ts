// The ceiling the runtime is measured against: greedy decoding with nothing between the steps but
// session.run and an argmax, no batcher, no worker thread, no streaming.
import { emptyKv, int64Tensor, type Feeds, type ModelSession } from '../models/src/backend/onnx.ts';
import { argmax } from '../models/src/generation/sampler.ts';

/** Greedy decode with nothing but session.run and argmax: the ceiling for this runtime. */
export async function bareLoop(
  session: ModelSession,
  prompt: number[],
  maxNew: number,
  stop: readonly number[],
): Promise<number[]> {
  const { io } = session;
  let feeds: Feeds = {};
  for (const name of [...io.pastKeyNames, ...io.pastValueNames])
    feeds[name] = emptyKv(io.kvDtype, 1, io.kvHeads, io.headDim);
  let input = prompt;
  let total = 0;
  const out: number[] = [];
  while (out.length < maxNew) {
    const S = input.length;
    total += S;
    feeds.input_ids = int64Tensor(BigInt64Array.from(input, BigInt), [1, S]);
    feeds.attention_mask = int64Tensor(new BigInt64Array(total).fill(1n), [1, total]);
    feeds.position_ids = int64Tensor(
      BigInt64Array.from(input, (_, i) => BigInt(total - S + i)),
      [1, S],
    );
    if (io.logitsToKeepInput) feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(1n), []);
    const result = await session.run(feeds);
    const logits = result.logits?.data as Float32Array;
    const vocab = result.logits?.dims[2] as number;
    const next = argmax(logits.subarray(logits.length - vocab));
    if (stop.includes(next)) break;
    out.push(next);
    input = [next];
    feeds = {};
    io.pastKeyNames.forEach((n, l) => {
      feeds[n] = result[io.presentKeyNames[l] as string] as Feeds[string];
    });
    io.pastValueNames.forEach((n, l) => {
      feeds[n] = result[io.presentValueNames[l] as string] as Feeds[string];
    });
  }
  return out;
}
