// The inputs of one decoder run, from what the batch holds: token ids, the attention mask over each
// row's cache steps (either alignment, see kv-batch.ts), position ids, the past KV and logits-to-keep.
import { ADAPTER_COLUMNS_INPUT, ADAPTER_INDEX_INPUT, siteInputA, siteInputB } from '../adapters/adapter-sites.ts';
import type { AdapterStack } from '../adapters/adapter-stack.ts';
import {
  emptyKv,
  float16Tensor,
  float32Tensor,
  int64Tensor,
  type DecoderIo,
  type Feeds,
  type OrtTensor,
} from './onnx.ts';
import type { KvBatch } from './kv-batch.ts';

export interface StepInputs {
  inputIds: BigInt64Array;
  /** Per row: unused cache slots before and after its steps (see KvBatch). */
  pads: { padLeft: readonly number[]; padRight: readonly number[] };
  positions: BigInt64Array;
  /** New tokens per row. */
  seqLength: number;
  kv: KvBatch | null;
  /** Positions whose logits the graph should compute, when it has a logits-to-keep input. */
  keepPositions: number;
  /** For a graph that takes adapters: each row's adapter slot (-1: none) and the stacked factors. */
  adapters: { rows: readonly number[]; factors: Feeds } | null;
}

/** The adapter factors as graph inputs (built once per adapter set, fed to every run). */
export function adapterFactorFeeds(io: DecoderIo, stack: AdapterStack): Feeds {
  const feeds: Feeds = { [ADAPTER_COLUMNS_INPUT]: int64Tensor(stack.columnAdapter, [stack.columns]) };
  for (const site of io.adapterSites ?? []) {
    const factors = stack.sites.get(site.site);
    if (!factors) throw new Error(`no adapter factors for ${site.site}`);
    const width = factors.a.length / site.inDim;
    const tensor = (data: Float32Array | Uint16Array, dims: number[]): OrtTensor =>
      factors.dtype === 'float16'
        ? float16Tensor(data as Uint16Array, dims)
        : float32Tensor(data as Float32Array, dims);
    feeds[siteInputA(site.site)] = tensor(factors.a, [site.inDim, width]);
    feeds[siteInputB(site.site)] = tensor(factors.b, [width, site.outDim]);
  }
  return feeds;
}

/**
 * The logits-to-keep input for one position; inputs are only read, so one tensor serves every run. Made
 * on first use: onnxruntime-common settles its float16 array type at the first tensor it constructs,
 * which must come after decoder-worker.ts hides the Float16Array global.
 */
let lastPositionOnly: OrtTensor | null = null;

export function stepFeeds(io: DecoderIo, step: StepInputs): Feeds {
  const { padLeft, padRight } = step.pads;
  const { kv, seqLength, keepPositions } = step;
  const batch = padLeft.length;
  const total = (kv?.length ?? 0) + seqLength;
  const feeds: Feeds = {};
  io.pastKeyNames.forEach((name, l) => {
    feeds[name] = kv ? (kv.keys[l] as OrtTensor) : emptyKv(io.kvDtype, batch, io.kvHeads, io.headDim);
  });
  io.pastValueNames.forEach((name, l) => {
    feeds[name] = kv ? (kv.values[l] as OrtTensor) : emptyKv(io.kvDtype, batch, io.kvHeads, io.headDim);
  });
  feeds.input_ids = int64Tensor(step.inputIds, [batch, seqLength]);
  if (io.hasAttentionMask) {
    // Ones over each row's steps: after its left padding, or (left-aligned) before its unused tail,
    // where the row sums tell GroupQueryAttention each row's length.
    const mask = new BigInt64Array(batch * total);
    padLeft.forEach((pad, b) => {
      mask.fill(1n, b * total + pad, (b + 1) * total - (padRight[b] as number));
    });
    feeds.attention_mask = int64Tensor(mask, [batch, total]);
  }
  if (io.hasPositionIds) feeds.position_ids = int64Tensor(step.positions, [batch, seqLength]);
  if (io.logitsToKeepInput) {
    if (keepPositions === 1) {
      lastPositionOnly ??= int64Tensor(BigInt64Array.of(1n), []);
      feeds[io.logitsToKeepInput] = lastPositionOnly;
    } else {
      feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(BigInt(keepPositions)), []);
    }
  }
  if (step.adapters) {
    Object.assign(feeds, step.adapters.factors);
    feeds[ADAPTER_INDEX_INPUT] = int64Tensor(BigInt64Array.from(step.adapters.rows, BigInt), [batch]);
  }
  return feeds;
}
