// Just enough of the WebAssembly binary format to assemble one small module by hand (see simd-argmax.ts):
// LEB128 numbers, vectors, sections and the opcodes that module uses. Writing the bytes here keeps the
// program reviewable as source, with no prebuilt binary and no compiler in the dependency tree.
// Reference: https://webassembly.github.io/spec/core/binary/ and the fixed-width SIMD proposal.

export type Bytes = readonly number[];

export const valueType = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;

/** Block type of a block/loop/if that takes and leaves nothing. */
export const EMPTY_BLOCK = 0x40;

export const op = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  f32Load: 0x2a,
  i32Const: 0x41,
  f32Const: 0x43,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  f32Eq: 0x5b,
  f32Gt: 0x5e,
  i32Ctz: 0x68,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  i32ShrU: 0x76,
} as const;

/** SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128. */
export const simd = {
  v128Load: 0x00,
  f32x4Splat: 0x13,
  f32x4ExtractLane: 0x1f,
  f32x4Eq: 0x41,
  v128Or: 0x50,
  v128AnyTrue: 0x53,
  i32x4Bitmask: 0xa4,
  /** Pseudo-maximum: pmax(a, b) = a < b ? b : a, so a NaN in b never replaces a. */
  f32x4Pmax: 0xeb,
} as const;

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

export function vector(items: readonly Bytes[]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

export function section(id: number, content: Bytes): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

export const sectionId = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;

// Instructions with immediates.
export const i32Const = (value: number): number[] => [op.i32Const, ...signedLeb(value)];
export const f32Const = (value: number): number[] => [op.f32Const, ...new Uint8Array(Float32Array.of(value).buffer)];
export const localGet = (index: number): number[] => [op.localGet, ...unsignedLeb(index)];
export const localSet = (index: number): number[] => [op.localSet, ...unsignedLeb(index)];
export const localTee = (index: number): number[] => [op.localTee, ...unsignedLeb(index)];
/** Memory access immediates: log2 of the alignment, then the constant byte offset. */
const memarg = (alignLog2: number, offset: number): number[] => [...unsignedLeb(alignLog2), ...unsignedLeb(offset)];
export const f32Load = (offset = 0): number[] => [op.f32Load, ...memarg(2, offset)];
export const simdOp = (code: number): number[] => [0xfd, ...unsignedLeb(code)];
export const v128Load = (offset = 0): number[] => [...simdOp(simd.v128Load), ...memarg(4, offset)];
export const f32x4ExtractLane = (lane: number): number[] => [...simdOp(simd.f32x4ExtractLane), lane];

/** A function body: local declarations (one entry per local, grouped by the encoder) then the code. */
export function functionBody(locals: readonly number[], code: Bytes): number[] {
  const groups: Bytes[] = [];
  for (let i = 0; i < locals.length; ) {
    let j = i;
    while (j < locals.length && locals[j] === locals[i]) j++;
    groups.push([...unsignedLeb(j - i), locals[i] as number]);
    i = j;
  }
  const body = [...vector(groups), ...code, op.end];
  return [...unsignedLeb(body.length), ...body];
}
