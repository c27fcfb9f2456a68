// Reads the safetensors format PEFT saves adapters in: an 8-byte little-endian header length, a JSON
// header naming each tensor's dtype, shape and byte range, then the raw little-endian data. Float tensors
// come back as float32 (F16 and BF16 widened exactly). No npm package for the format is kept up; it is
// small and fully specified.
import { readFile } from 'node:fs/promises';
import { MprError } from '../../../lib/errors.ts';
import { float16ToFloat32 } from '../kernels/float16.ts';

export interface FloatTensor {
  shape: number[];
  data: Float32Array;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

function widen(dtype: string, bytes: Uint8Array, count: number): Float32Array {
  // Copy into a buffer of its own first: a tensor may start at any byte offset of the file (and a Node
  // Buffer's slice() would not copy).
  const aligned = new Uint8Array(bytes);
  if (dtype === 'F32') return new Float32Array(aligned.buffer, 0, count);
  const halves = new Uint16Array(aligned.buffer, 0, count);
  if (dtype === 'F16') return float16ToFloat32(halves);
  // bfloat16 is the top half of a float32.
  const wide = new Uint32Array(count);
  for (let i = 0; i < count; i++) wide[i] = (halves[i] as number) << 16;
  return new Float32Array(wide.buffer);
}

export function decodeSafetensors(file: Uint8Array, source: string): Map<string, FloatTensor> {
  const fail = (why: string): never => {
    throw new MprError('model_error', `${source} is not a safetensors file: ${why}`);
  };
  if (file.byteLength < 8) fail('too short');
  const headerLength = Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
  if (8 + headerLength > file.byteLength) fail('header runs past the end');
  let header: Record<string, HeaderEntry | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength)));
  } catch {
    return fail('header is not JSON');
  }
  const data = file.subarray(8 + headerLength);
  const tensors = new Map<string, FloatTensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = entry as HeaderEntry;
    const size = BYTES[dtype];
    if (size === undefined) fail(`tensor ${name} has dtype ${dtype} (F32, F16 or BF16 expected)`);
    const count = (shape ?? []).reduce((a, b) => a * b, 1);
    const [start, end] = offsets ?? [0, -1];
    if (!(start >= 0 && end <= data.byteLength && end - start === count * (size as number))) {
      fail(`tensor ${name} has a byte range that does not fit its shape`);
    }
    tensors.set(name, { shape, data: widen(dtype, data.subarray(start, end), count) });
  }
  return tensors;
}

export async function readSafetensors(path: string): Promise<Map<string, FloatTensor>> {
  let file: Uint8Array;
  try {
    file = await readFile(path);
  } catch (error) {
    throw new MprError('not_found', `cannot read ${path}`, { cause: error });
  }
  return decodeSafetensors(file, path);
}

/** The safetensors encoding of float32 tensors (what make-tiny-model writes adapters with). */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, FloatTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, tensor] of tensors) {
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  // The data starts 8-byte aligned, as the reference implementation pads the header with spaces.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const tensor of tensors.values()) {
    out.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), at);
    at += tensor.data.byteLength;
  }
  return out;
}
