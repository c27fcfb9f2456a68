// The KV cache of the running batch: per layer [batch, kvHeads, length, headDim] tensors straight from
// the session's `present.*` outputs, plus where each row's steps lie. Two alignments, as the graph reads
// them (DecoderIo.cacheAlignment): 'right' (Optimum graphs) keeps every row's steps ending at the last
// slot, left padding masked out; 'left' (GroupQueryAttention) keeps them starting at slot 0, as
// seqlens_k counts them, with unused slots after. Rows join (concatenate), leave (select rows, trimming
// what every row leaves unused) and can be cut back to a length (a rejected draft); plain decode steps
// never copy.
import { float16Tensor, float32Tensor, releaseTensor, type DecoderIo, type OrtTensor } from './onnx.ts';

// float16 caches arrive as Uint16Array or Float16Array depending on the runtime; copies keep the type.
// (Float16Array is typed as Uint16Array here); copies keep the constructor, so values are never converted.
type KvData = Float32Array | Uint16Array;

export interface KvBatch {
  length: number;
  /** Per row: unused slots before its steps (right alignment); all 0 when left-aligned. */
  padLeft: number[];
  /** Per row: unused slots after its steps (left alignment); all 0 when right-aligned. */
  padRight: number[];
  keys: OrtTensor[];
  values: OrtTensor[];
}

const leftAligned = (io: DecoderIo): boolean => io.cacheAlignment === 'left';

/** Steps row `row` holds. */
export const rowSteps = (batch: KvBatch, row: number): number =>
  batch.length - (batch.padLeft[row] as number) - (batch.padRight[row] as number);

export function kvFromOutputs(
  outputs: Record<string, OrtTensor>,
  io: DecoderIo,
  padLeft: number[],
  padRight: number[] = padLeft.map(() => 0),
): KvBatch {
  const keys = io.presentKeyNames.map((n) => outputs[n] as OrtTensor);
  const values = io.presentValueNames.map((n) => outputs[n] as OrtTensor);
  return { length: keys[0]?.dims[2] ?? 0, padLeft, padRight, keys, values };
}

/**
 * Frees a cache nobody reads any more (see onnx.ts `releaseTensor`): one a step has just extended into
 * new outputs. The caller must know that no other batch shares its tensors and no pending run reads it.
 */
export function releaseKv(batch: KvBatch): void {
  for (const tensor of [...batch.keys, ...batch.values]) releaseTensor(tensor);
}

function allocLike(tensor: OrtTensor, size: number): KvData {
  const Ctor = (tensor.data as KvData).constructor as new (length: number) => KvData;
  return new Ctor(size);
}

function wrap(tensor: OrtTensor, data: KvData, dims: number[]): OrtTensor {
  return tensor.type === 'float16'
    ? float16Tensor(data as Uint16Array, dims)
    : float32Tensor(data as Float32Array, dims);
}

/** Copies time steps [from, to) of row `srcRow` of src into row `dstRow` of dst, starting at time `at`. */
function copyRow(
  src: OrtTensor,
  srcRow: number,
  from: number,
  to: number,
  dst: KvData,
  dstRow: number,
  dstLength: number,
  at: number,
  io: DecoderIo,
): void {
  const { kvHeads, headDim } = io;
  const srcLength = src.dims[2] as number;
  const data = src.data as KvData;
  for (let h = 0; h < kvHeads; h++) {
    const base = (srcRow * kvHeads + h) * srcLength;
    dst.set(
      data.subarray((base + from) * headDim, (base + to) * headDim),
      ((dstRow * kvHeads + h) * dstLength + at) * headDim,
    );
  }
}

interface RowSource {
  batch: KvBatch;
  row: number;
  /** Newest steps of the row to leave out (rejected draft tokens); 0 keeps them all. */
  drop?: number;
}

function gather(rows: RowSource[], length: number, io: DecoderIo): KvBatch {
  // A row's kept steps are [start, end) in its source. Right-aligned, they are placed so that every row
  // ends at `length` (keeping the newest steps that fit); left-aligned, they start at slot 0.
  const span = ({ batch, row, drop = 0 }: RowSource): [number, number] => {
    const end = batch.length - (batch.padRight[row] as number) - drop;
    return [Math.max(batch.padLeft[row] as number, end - length), end];
  };
  const left = leftAligned(io);
  const build = (pick: (b: KvBatch) => OrtTensor[]): OrtTensor[] =>
    Array.from({ length: io.layers }, (_, layer) => {
      const sample = pick(rows[0]?.batch as KvBatch)[layer] as OrtTensor;
      const data = allocLike(sample, rows.length * io.kvHeads * length * io.headDim);
      rows.forEach((source, dstRow) => {
        const [from, to] = span(source);
        const at = left ? 0 : length - (to - from);
        copyRow(pick(source.batch)[layer] as OrtTensor, source.row, from, to, data, dstRow, length, at, io);
      });
      return wrap(sample, data, [rows.length, io.kvHeads, length, io.headDim]);
    });
  const unused = rows.map((source) => {
    const [from, to] = span(source);
    return length - (to - from);
  });
  const zeros = rows.map(() => 0);
  return {
    length,
    padLeft: left ? zeros : unused,
    padRight: left ? unused : zeros,
    keys: build((b) => b.keys),
    values: build((b) => b.values),
  };
}

/** The rows of `a` followed by the rows of `b`, padded to a common length. */
export function concatKv(a: KvBatch, b: KvBatch, io: DecoderIo): KvBatch {
  const rows: RowSource[] = [
    ...a.padLeft.map((_, row) => ({ batch: a, row })),
    ...b.padLeft.map((_, row) => ({ batch: b, row })),
  ];
  return gather(rows, Math.max(...rows.map(({ batch, row }) => rowSteps(batch, row))), io);
}

/** Keeps `rows` (in order) and drops the padding that all of them share. */
export function selectKv(batch: KvBatch, rows: number[], io: DecoderIo): KvBatch {
  return gather(
    rows.map((row) => ({ batch, row })),
    Math.max(...rows.map((row) => rowSteps(batch, row))),
    io,
  );
}

/**
 * Cuts every row back to its first `lengths[row]` real time steps (positions 0..length-1), as after
 * drafts the model rejected. Right-aligned, the batch is copied to stay so (a row cut more gains left
 * padding, which the attention mask hides) and loses the padding every row then shares. Left-aligned,
 * nothing moves: the cut steps become unused slots after the row, which seqlens_k no longer counts.
 */
export function truncateRows(batch: KvBatch, lengths: readonly number[], io: DecoderIo): KvBatch {
  if (lengths.length !== batch.padLeft.length)
    throw new RangeError(`${lengths.length} lengths for ${batch.padLeft.length} rows`);
  const rows: RowSource[] = batch.padLeft.map((_, row) => {
    const length = lengths[row] as number;
    const drop = rowSteps(batch, row) - length;
    if (length < 0 || drop < 0)
      throw new RangeError(`row ${row} has ${rowSteps(batch, row)} steps; cannot keep ${length}`);
    return { batch, row, drop };
  });
  if (rows.every((source) => source.drop === 0)) return batch;
  if (leftAligned(io)) {
    return { ...batch, padRight: rows.map(({ row, drop = 0 }) => (batch.padRight[row] as number) + drop) };
  }
  return gather(rows, Math.max(...lengths), io);
}

/** Cuts `row` back to its first `length` real time steps; the other rows keep theirs (see truncateRows). */
export function truncateRow(batch: KvBatch, row: number, length: number, io: DecoderIo): KvBatch {
  if (batch.padLeft[row] === undefined) throw new RangeError(`no row ${row} in a batch of ${batch.padLeft.length}`);
  return truncateRows(
    batch,
    batch.padLeft.map((_, r) => (r === row ? length : rowSteps(batch, r))),
    io,
  );
}
