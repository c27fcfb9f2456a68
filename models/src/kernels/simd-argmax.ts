// A WebAssembly SIMD argmax over float32 logits, assembled here from its instructions (the module is
// ~500 bytes; see wasm-encoding.ts). At a 128k vocabulary the scalar JavaScript loop in max-index.ts
// costs ~0.1-0.2 ms per row, most of the host work of a greedy decode step; four f32x4 lanes times four
// independent accumulators bring it to a few tens of microseconds.
//
// Same result as `maxIndex` in max-index.ts, bit for bit: the index of the first logit equal (===) to the
// largest non-NaN logit, or -1 when there is none above -Infinity. NaN never wins: lanes use f32x4.pmax
// (a < b ? b : a), which keeps the accumulator when the new value is NaN, and scalar steps use `>`.
// Two passes: the maximum, then the first index holding it (a block of 16 at a time, then 4, then 1).
import {
  EMPTY_BLOCK,
  f32Const,
  f32Load,
  f32x4ExtractLane,
  functionBody,
  i32Const,
  localGet,
  localSet,
  localTee,
  name,
  op,
  section,
  sectionId,
  simd,
  simdOp,
  v128Load,
  valueType,
  vector,
  type Bytes,
} from './wasm-encoding.ts';

// Locals of max_index(ptr, n): parameters first, then the declared locals in this order.
const PTR = 0; // byte address of the first float
const N = 1; // number of floats
const P = 2; // cursor (byte address)
const END = 3; // ptr + 4n
const END16 = 4; // end of the whole blocks of 16 floats
const END4 = 5; // end of the whole blocks of 4 floats
const BITS = 6; // lanes of a block of 4 that hold the maximum
const ACC = [7, 8, 9, 10] as const; // four v128 running maxima (independent, so their pmax chains overlap)
const MAX = 11;
const VALUE = 12;
const LOCALS = [
  valueType.i32,
  valueType.i32,
  valueType.i32,
  valueType.i32,
  valueType.i32,
  valueType.v128,
  valueType.v128,
  valueType.v128,
  valueType.v128,
  valueType.f32,
  valueType.f32,
];

const pmax = simdOp(simd.f32x4Pmax);
const splat = simdOp(simd.f32x4Splat);
const eq4 = simdOp(simd.f32x4Eq);

/** ptr + (n & mask) * 4: the end of the whole blocks selected by `mask`. */
const blockEnd = (mask: number): Bytes => [
  ...localGet(PTR),
  ...localGet(N),
  ...i32Const(mask),
  op.i32And,
  ...i32Const(2),
  op.i32Shl,
  op.i32Add,
];
const advance = (bytes: number): Bytes => [...localGet(P), ...i32Const(bytes), op.i32Add, ...localSet(P)];
/** `while (p < limit) { body }` as block/loop: leave when p >= limit, loop at the end of the body. */
const whileBelow = (limit: number, body: Bytes): Bytes => [
  op.block,
  EMPTY_BLOCK,
  op.loop,
  EMPTY_BLOCK,
  ...localGet(P),
  ...localGet(limit),
  op.i32GeU,
  op.brIf,
  1,
  ...body,
  op.br,
  0,
  op.end,
  op.end,
];
/** MAX = VALUE > MAX ? VALUE : MAX, with VALUE on the stack (a NaN value leaves MAX as it was). */
const foldIntoMax: Bytes = [
  ...localTee(VALUE),
  ...localGet(MAX),
  ...localGet(VALUE),
  ...localGet(MAX),
  op.f32Gt,
  op.select,
  ...localSet(MAX),
];
/** return (p - ptr) / 4 + extra, with `extra` pushed by the given instructions. */
const returnIndexPlus = (extra: Bytes): Bytes => [
  ...localGet(P),
  ...localGet(PTR),
  op.i32Sub,
  ...i32Const(2),
  op.i32ShrU,
  ...extra,
  op.i32Add,
  op.return,
];
const equalsMaxIn4 = (offset: number): Bytes => [...localGet(P), ...v128Load(offset), ...localGet(ACC[0]), ...eq4];

const maxIndexCode: Bytes = [
  ...localGet(PTR),
  ...localGet(N),
  ...i32Const(2),
  op.i32Shl,
  op.i32Add,
  ...localSet(END),
  ...blockEnd(-16),
  ...localSet(END16),
  ...blockEnd(-4),
  ...localSet(END4),
  ...f32Const(-Infinity),
  ...splat,
  ...localTee(ACC[0]),
  ...localTee(ACC[1]),
  ...localTee(ACC[2]),
  ...localSet(ACC[3]),
  ...localGet(PTR),
  ...localSet(P),
  // Pass 1: lane-wise maxima over blocks of 16 floats.
  ...whileBelow(END16, [
    ...ACC.flatMap((acc, k) => [...localGet(acc), ...localGet(P), ...v128Load(16 * k), ...pmax, ...localSet(acc)]),
    ...advance(64),
  ]),
  ...localGet(ACC[0]),
  ...localGet(ACC[1]),
  ...pmax,
  ...localGet(ACC[2]),
  ...localGet(ACC[3]),
  ...pmax,
  ...pmax,
  ...localSet(ACC[0]),
  ...localGet(ACC[0]),
  ...f32x4ExtractLane(0),
  ...localSet(MAX),
  ...[1, 2, 3].flatMap((lane) => [...localGet(ACC[0]), ...f32x4ExtractLane(lane), ...foldIntoMax]),
  // The last n % 16 floats one by one.
  ...whileBelow(END, [...localGet(P), ...f32Load(), ...foldIntoMax, ...advance(4)]),
  // Nothing above -Infinity (or n = 0): no index.
  ...localGet(MAX),
  ...f32Const(-Infinity),
  op.f32Eq,
  op.if,
  EMPTY_BLOCK,
  ...i32Const(-1),
  op.return,
  op.end,
  // Pass 2: the first index holding MAX. Skip blocks of 16 without it, then narrow to 4, then to 1.
  ...localGet(MAX),
  ...splat,
  ...localSet(ACC[0]),
  ...localGet(PTR),
  ...localSet(P),
  ...whileBelow(END16, [
    ...equalsMaxIn4(0),
    ...equalsMaxIn4(16),
    ...simdOp(simd.v128Or),
    ...equalsMaxIn4(32),
    ...equalsMaxIn4(48),
    ...simdOp(simd.v128Or),
    ...simdOp(simd.v128Or),
    ...simdOp(simd.v128AnyTrue),
    op.brIf,
    1, // found in this block: leave the loop with p on it
    ...advance(64),
  ]),
  ...whileBelow(END4, [
    ...equalsMaxIn4(0),
    ...simdOp(simd.i32x4Bitmask),
    ...localTee(BITS),
    op.if,
    EMPTY_BLOCK,
    ...returnIndexPlus([...localGet(BITS), op.i32Ctz]),
    op.end,
    ...advance(16),
  ]),
  ...whileBelow(END, [
    ...localGet(P),
    ...f32Load(),
    ...localGet(MAX),
    op.f32Eq,
    op.if,
    EMPTY_BLOCK,
    ...returnIndexPlus(i32Const(0)),
    op.end,
    ...advance(4),
  ]),
  // MAX came from these floats, so pass 2 always returns before here.
  op.unreachable,
];

/** The module: imports `env.memory`, exports `max_index(ptr: i32, n: i32): i32`. */
export function argmaxModuleBytes(): Uint8Array {
  const maxIndexType = [0x60, ...vector([[valueType.i32], [valueType.i32]]), ...vector([[valueType.i32]])];
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 0x01]; // memory, limits: min 1 page, no max
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // "\0asm", version 1
    ...section(sectionId.type, vector([maxIndexType])),
    ...section(sectionId.import, vector([memoryImport])),
    ...section(sectionId.function, vector([[0x00]])),
    ...section(sectionId.export, vector([[...name('max_index'), 0x00, 0x00]])),
    ...section(sectionId.code, vector([functionBody(LOCALS, maxIndexCode)])),
  ]);
}
