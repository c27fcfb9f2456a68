// The logits leaving a decoder step: float32 rows of the last position of each row (float16 logits
// decoded, so argmax and masks never compare half-float bits), and the joining of steps that ran one row
// at a time into one batch-shaped answer.
import { float16ToFloat32 } from '../kernels/float16.ts';
import type { LogitsArena } from '../kernels/logits-arena.ts';
import type { OrtTensor } from './onnx.ts';

/** The logits as float32: the session's own array, or float16 logits decoded (argmax must not compare half-float bits). */
export function floatLogits(tensor: OrtTensor): Float32Array {
  return tensor.type === 'float16' ? float16ToFloat32(tensor.data as Uint16Array) : (tensor.data as Float32Array);
}

/**
 * The last position of every row as one array that owns its buffer, so a worker can transfer it
 * without copying. With logits-to-keep (one position) that is the session's own output buffer, or for
 * float16 logits their float32 decoding (only the last positions are decoded). With `arena`, float16
 * logits are decoded into its memory instead (valid until its next use; never transferred).
 */
export function lastLogits(
  outputs: Record<string, OrtTensor>,
  arena?: LogitsArena | null,
): { logits: Float32Array; vocab: number } {
  const tensor = outputs.logits as OrtTensor;
  const [batch, positions, vocab] = tensor.dims as [number, number, number];
  if (tensor.type === 'float16') {
    const half = tensor.data as Uint16Array;
    const logits = arena ? arena.region(batch * vocab) : new Float32Array(batch * vocab);
    for (let b = 0; b < batch; b++) {
      const start = (b * positions + positions - 1) * vocab;
      float16ToFloat32(half.subarray(start, start + vocab), logits.subarray(b * vocab, (b + 1) * vocab));
    }
    return { logits, vocab };
  }
  const data = tensor.data as Float32Array;
  if (positions === 1) {
    const ownsBuffer = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    return { logits: ownsBuffer ? data : data.slice(), vocab };
  }
  const logits = new Float32Array(batch * vocab);
  for (let b = 0; b < batch; b++) {
    const start = (b * positions + positions - 1) * vocab;
    logits.set(data.subarray(start, start + vocab), b * vocab);
  }
  return { logits, vocab };
}

/** The parts of a step that one-row runs return and a batch answer joins. */
interface RowStep {
  logits: Float32Array | null;
  greedyTokens: Int32Array;
  vocab: number;
  runMs: number;
}

/**
 * One batch-shaped step from steps that each ran some rows (in order): greedy tokens side by side, and
 * the logits of every row when any part has them (rows of parts without logits stay zero: greedy rows,
 * which read their token instead).
 */
export function joinSteps(parts: readonly RowStep[]): RowStep {
  const rows = parts.reduce((n, part) => n + part.greedyTokens.length, 0);
  const vocab = parts.find((part) => part.logits)?.vocab ?? 0;
  const logits = vocab > 0 ? new Float32Array(rows * vocab) : null;
  const greedyTokens = new Int32Array(rows);
  let row = 0;
  for (const part of parts) {
    greedyTokens.set(part.greedyTokens, row);
    if (logits && part.logits) logits.set(part.logits, row * vocab);
    row += part.greedyTokens.length;
  }
  return { logits, greedyTokens, vocab, runMs: parts.reduce((ms, part) => ms + part.runMs, 0) };
}

/** Per-row draft verdicts joined into one [rows, width] answer (width: the widest part's). */
export function joinVerdicts(
  parts: readonly { width: number; greedyTokens: Int32Array; accepted: Int32Array; runMs: number }[],
): { width: number; greedyTokens: Int32Array; accepted: Int32Array; runMs: number } {
  const width = Math.max(...parts.map((part) => part.width));
  const rows = parts.reduce((n, part) => n + part.accepted.length, 0);
  const greedyTokens = new Int32Array(rows * width);
  const accepted = new Int32Array(rows);
  let row = 0;
  for (const part of parts) {
    for (let r = 0; r < part.accepted.length; r++, row++) {
      greedyTokens.set(part.greedyTokens.subarray(r * part.width, (r + 1) * part.width), row * width);
      accepted[row] = part.accepted[r] as number;
    }
  }
  return { width, greedyTokens, accepted, runMs: parts.reduce((ms, part) => ms + part.runMs, 0) };
}
