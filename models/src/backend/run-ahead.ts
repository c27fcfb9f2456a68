// A decode step started before it was asked for. When every row of a step came out greedy (the decoder
// chose each row's token itself), the next step's inputs are already known here: those tokens, one
// position further. Starting it at once takes the hand-over to the generation loop and back (a message
// each way between threads, the loop's own work per token) off the critical path of decoding: the loop
// works while the session runs. The step is only taken by a decode call that asks for exactly it, on
// the cache it was computed from; anything else discards it, so results never depend on it.
import type { KvBatch } from './kv-batch.ts';
import type { OrtTensor } from './onnx.ts';

/** What one session run produced (see DecoderState's forward). */
export interface ForwardPass {
  outputs: Record<string, OrtTensor>;
  arenaLogits: Float32Array | null;
  runMs: number;
}

export interface AheadStep {
  /** The cache the step extends. */
  kv: KvBatch;
  tokens: Int32Array;
  positions: Int32Array;
  /** Rejections are kept here, not thrown: a discarded step must not fail anybody. */
  pass: Promise<ForwardPass | Error>;
  startedAt: number;
}

export function startAheadStep(
  kv: KvBatch,
  tokens: Int32Array,
  positions: Int32Array,
  run: () => Promise<ForwardPass>,
): AheadStep {
  const startedAt = performance.now();
  const pass = run().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  return { kv, tokens, positions, pass, startedAt };
}

/** Whether a decode call of these inputs is the step run ahead (greedy rows, no masks, same cache). */
export function isAheadStep(
  ahead: AheadStep,
  kv: KvBatch,
  tokens: readonly number[],
  positions: readonly number[],
  greedyRows: readonly boolean[],
  masked: boolean,
): boolean {
  if (ahead.kv !== kv || masked || tokens.length !== ahead.tokens.length) return false;
  for (let row = 0; row < tokens.length; row++) {
    if (tokens[row] !== ahead.tokens[row] || positions[row] !== ahead.positions[row] || !greedyRows[row]) return false;
  }
  return true;
}

/** The next step's inputs when every row has its greedy token and none is a stop token; else null. */
export function nextAheadInputs(
  greedyTokens: Int32Array,
  positions: readonly number[],
  stopTokenIds: ReadonlySet<number>,
): { tokens: Int32Array; positions: Int32Array } | null {
  for (const token of greedyTokens) if (token < 0 || stopTokenIds.has(token)) return null;
  return { tokens: greedyTokens.slice(), positions: Int32Array.from(positions, (position) => position + 1) };
}
