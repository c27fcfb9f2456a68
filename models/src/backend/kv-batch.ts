// The KV cache of the running batch: per layer [batch, kvHeads, length, headDim] tensors straight from
// the session's `present.*` outputs, plus each row's count of left padding. Rows join (concatenate,
// padding the shorter cache on the left) and leave (select rows, trimming padding every row shares);
// plain decode steps never copy.
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
  return tensor.type === 'float16' ? float16Tensor(data as Uint16Array, dims) : float32Tensor(data as Float32Array, dims);
}

/** Copies row `srcRow` (time steps from `skip` on) of src into row `dstRow` of dst, starting at time `at`. */
function copyRow(src: OrtTensor, srcRow: number, skip: number, dst: KvData, dstRow: number, dstLength: number, at: number, io: DecoderIo): void {
  const { kvHeads, headDim } = io;
  const srcLength = src.dims[2] as number;
  const data = src.data as KvData;
  for (let h = 0; h < kvHeads; h++) {
    const from = ((srcRow * kvHeads + h) * srcLength + skip) * headDim;
    const to = ((srcRow * kvHeads + h) * srcLength + srcLength) * headDim;
    dst.set(data.subarray(from, to), ((dstRow * kvHeads + h) * dstLength + at) * headDim);
  }
}

interface RowSource {
  batch: KvBatch;
  row: number;
}

function gather(rows: RowSource[], length: number, io: DecoderIo): KvBatch {
  const padLeft: number[] = [];
  const build = (pick: (b: KvBatch) => OrtTensor[]): OrtTensor[] =>
    Array.from({ length: io.layers }, (_, layer) => {
      const sample = pick(rows[0]?.batch as KvBatch)[layer] as OrtTensor;
      const data = allocLike(sample, rows.length * io.kvHeads * length * io.headDim);
      rows.forEach(({ batch, row }, dstRow) => {
        // Keep the newest `length` steps; the row's start shifts right when the batch is longer.
        const skip = Math.max(0, batch.length - length);
        copyRow(pick(batch)[layer] as OrtTensor, row, skip, data, dstRow, length, Math.max(0, length - batch.length), io);
      });
      return wrap(sample, data, [rows.length, io.kvHeads, length, io.headDim]);
    });
  for (const { batch, row } of rows) padLeft.push((batch.padLeft[row] as number) + length - batch.length);
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
