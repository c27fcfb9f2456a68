// IEEE 754 half floats as raw 16-bit patterns, the form onnxruntime-node reads and writes when the
// Float16Array global is hidden (see decoder-worker.ts). Decoding goes through a 64k-entry table built on
// first use; encoding rounds to nearest, ties to even, as numpy's float16 cast does.

let table: Float32Array | null = null;

function halfTable(): Float32Array {
  if (table) return table;
  table = new Float32Array(65_536);
  for (let bits = 0; bits < 65_536; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    if (exponent === 0) table[bits] = sign * mantissa * 2 ** -24;
    else if (exponent === 31) table[bits] = mantissa === 0 ? sign * Infinity : Number.NaN;
    else table[bits] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return table;
}

/**
 * Half floats as float32 values. Accepts the Uint16Array bit patterns onnxruntime hands out without a
 * Float16Array global, or any array of numbers (a Float16Array where the global exists).
 */
export function float16ToFloat32(
  half: Uint16Array | ArrayLike<number>,
  out: Float32Array = new Float32Array(half.length),
): Float32Array {
  if (!(half instanceof Uint16Array)) {
    for (let i = 0; i < half.length; i++) out[i] = half[i] as number;
    return out;
  }
  const values = halfTable();
  for (let i = 0; i < half.length; i++) out[i] = values[half[i] as number] as number;
  return out;
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The half-float bit pattern nearest to `value` (ties to even; overflow to ±Infinity). */
export function float32ToFloat16Bits(value: number): number {
  scratch[0] = value;
  const bits = scratchBits[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 31) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half (or zero): shift the full significand into place, rounding ties to even.
    if (halfExponent < -10) return sign;
    const significand = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    const rounded = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return sign | (rounded + (rest > halfway || (rest === halfway && rounded & 1) ? 1 : 0));
  }
  const rounded = (halfExponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to Infinity).
  return sign | (rounded + (rest > 0x1000 || (rest === 0x1000 && rounded & 1) ? 1 : 0));
}

export function float32ToFloat16(values: ArrayLike<number>, out = new Uint16Array(values.length)): Uint16Array {
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i] as number);
  return out;
}

/** `value` rounded to the nearest half float, as a number. */
export function roundToFloat16(value: number): number {
  return halfTable()[float32ToFloat16Bits(value)] as number;
}
