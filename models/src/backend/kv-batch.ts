// The KV cache of the running batch: per layer [batch, kvHeads, length, headDim] tensors straight from
// the session's `present.*` outputs, plus each row's count of left padding. Rows join (concatenate,
// padding the shorter cache on the left) and leave (select rows, trimming padding every row shares); a
// row can be cut back to a length (a rejected draft); plain decode steps never copy.
import { float16Tensor, float32Tensor, type DecoderIo, type OrtTensor } from './onnx.ts';

// float16 caches arrive as Uint16Array or Float16Array depending on the runtime; copies keep the type.
// (Float16Array is typed as Uint16Array here); copies keep the constructor, so values are never converted.
type KvData = Float32Array | Uint16Array;

export interface KvBatch {
  length: number;
  /** Left padding per row; a row's mask is padLeft zeros then ones. */
  padLeft: number[];
  keys: OrtTensor[];
  values: OrtTensor[];
}

export function kvFromOutputs(outputs: Record<string, OrtTensor>, io: DecoderIo, padLeft: number[]): KvBatch {
  const keys = io.presentKeyNames.map((n) => outputs[n] as OrtTensor);
  const values = io.presentValueNames.map((n) => outputs[n] as OrtTensor);
  return { length: keys[0]?.dims[2] ?? 0, padLeft, keys, values };
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
  /** Newest time steps of the row to leave out (rejected draft tokens); 0 keeps them all. */
  drop?: number;
}

function gather(rows: RowSource[], length: number, io: DecoderIo): KvBatch {
  // A row's steps end at `end` in its source; they are placed so that every row ends at `length` (the
  // batch stays right-aligned, left padding absorbs the difference), keeping the newest steps that fit.
  const end = ({ batch, drop = 0 }: RowSource): number => batch.length - drop;
  const build = (pick: (b: KvBatch) => OrtTensor[]): OrtTensor[] =>
    Array.from({ length: io.layers }, (_, layer) => {
      const sample = pick(rows[0]?.batch as KvBatch)[layer] as OrtTensor;
      const data = allocLike(sample, rows.length * io.kvHeads * length * io.headDim);
      rows.forEach((source, dstRow) => {
        const to = end(source);
        copyRow(
          pick(source.batch)[layer] as OrtTensor,
          source.row,
          Math.max(0, to - length),
          to,
          data,
          dstRow,
          length,
          Math.max(0, length - to),
          io,
        );
      });
      return wrap(sample, data, [rows.length, io.kvHeads, length, io.headDim]);
    });
  const padLeft = rows.map((source) => (source.batch.padLeft[source.row] as number) + length - end(source));
  return { length, padLeft, keys: build((b) => b.keys), values: build((b) => b.values) };
}

/** The rows of `a` followed by the rows of `b`, padded on the left to a common length. */
export function concatKv(a: KvBatch, b: KvBatch, io: DecoderIo): KvBatch {
  const rows: RowSource[] = [
    ...a.padLeft.map((_, row) => ({ batch: a, row })),
    ...b.padLeft.map((_, row) => ({ batch: b, row })),
  ];
  return gather(rows, Math.max(a.length, b.length), io);
}

/** Keeps `rows` (in order) and drops the left padding that all of them share. */
export function selectKv(batch: KvBatch, rows: number[], io: DecoderIo): KvBatch {
  const sharedPad = Math.min(...rows.map((r) => batch.padLeft[r] as number));
  return gather(
    rows.map((row) => ({ batch, row })),
    batch.length - sharedPad,
    io,
  );
}

/**
 * Cuts every row back to its first `lengths[row]` real time steps (positions 0..length-1), as after
 * drafts the model rejected. The batch stays right-aligned (a row cut more gains left padding, which the
 * attention mask hides) and loses the padding every row then shares. One copy, none when nothing is cut.
 */
export function truncateRows(batch: KvBatch, lengths: readonly number[], io: DecoderIo): KvBatch {
  if (lengths.length !== batch.padLeft.length)
    throw new RangeError(`${lengths.length} lengths for ${batch.padLeft.length} rows`);
  const rows: RowSource[] = batch.padLeft.map((pad, row) => {
    const length = lengths[row] as number;
    const drop = batch.length - pad - length;
    if (length < 0 || drop < 0)
      throw new RangeError(`row ${row} has ${batch.length - pad} steps; cannot keep ${length}`);
    return { batch, row, drop };
  });
  if (rows.every((source) => source.drop === 0)) return batch;
  return gather(rows, Math.max(...lengths), io);
}

/** Cuts `row` back to its first `length` real time steps; the other rows keep theirs (see truncateRows). */
export function truncateRow(batch: KvBatch, row: number, length: number, io: DecoderIo): KvBatch {
  const pad = batch.padLeft[row];
  if (pad === undefined) throw new RangeError(`no row ${row} in a batch of ${batch.padLeft.length}`);
  return truncateRows(
    batch,
    batch.padLeft.map((p, r) => (r === row ? length : batch.length - p)),
    io,
  );
}
