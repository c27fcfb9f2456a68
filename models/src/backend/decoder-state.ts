// A decoder session plus the KV cache of its running batch. Rows are sequences: `prefill` appends rows,
// `decode` advances every row by one token, `verifyDraft` advances a lone row by as many draft tokens as
// the model agrees with, `keepRows` drops rows. Only the last position's logits of
// each row leave this object, as one [rows, vocab] array, so callers never touch KV tensors.
import { MprError } from '../../../lib/errors.ts';
import { emptyKv, float32Tensor, int64Tensor, type Feeds, type Fetches, type ModelSession, type OrtTensor } from './onnx.ts';
import { maskedMaxIndex } from '../constrained/mask-apply.ts';
import { LogitsArena } from '../generation/logits-arena.ts';
import { maxIndex } from '../generation/sampler.ts';
import type { LogitsMask } from '../generation/types.ts';
import { concatKv, kvFromOutputs, selectKv, truncateRow, type KvBatch } from './kv-batch.ts';

export interface StepLogits {
  /** [rows, vocab], last position of each row; null when every row asked for its argmax only. */
  logits: Float32Array | null;
  /** Per row: the (masked) argmax token for rows that asked for it (greedy rows, masked rows), else -1. */
  greedyTokens: Int32Array;
  vocab: number;
  /** Time spent inside session.run. */
  runMs: number;
  /** Time of the whole call (inputs, run, KV bookkeeping, logits extraction, greedy argmax). */
  stepMs: number;
}

/** What one forward pass over a row's pending token and its draft found (see `verifyDraft`). */
export interface DraftVerdict {
  /** The model's argmax after each fed token: [0] follows the pending token, [i] follows draft token i. */
  greedyTokens: Int32Array;
  /** Leading draft tokens equal to the model's own choice; the cache keeps the pending token and these. */
  accepted: number;
  runMs: number;
  stepMs: number;
}

/** `greedyTokens` value of a masked row whose mask left no token. */
export const NO_ALLOWED_TOKEN = -2;

/** Per row: a mask to apply before a greedy argmax in the decoder, or null/absent. */
export type RowMasks = readonly (LogitsMask | null | undefined)[];

export class DecoderState {
  readonly session: ModelSession;
  private readonly padTokenId: bigint;
  private kv: KvBatch | null = null;

  /** Outputs to fetch when every row is greedy and the graph has an argmax output: no logits. */
  private readonly greedyFetches: readonly string[];
  /** The KV outputs, allocated by the session (the logits go to the arena, see `forward`). */
  private readonly kvFetches: Record<string, null>;
  /**
   * WebAssembly memory the session writes one-position logits into, where the greedy and masked rows
   * take their SIMD argmax without a copy. Null when the graph's logits are not float32 of a fixed width.
   */
  private readonly arena: LogitsArena | null;
  /** The logits-to-keep input (1: the last position); inputs are only read, so one tensor serves every run. */
  private readonly lastPositionOnly = int64Tensor(BigInt64Array.of(1n), []);

  constructor(session: ModelSession, padTokenId: number) {
    this.session = session;
    this.padTokenId = BigInt(padTokenId);
    const { io } = session;
    this.greedyFetches = io.greedyTokensOutput ? [io.greedyTokensOutput, ...io.presentKeyNames, ...io.presentValueNames] : [];
    this.kvFetches = Object.fromEntries([...io.presentKeyNames, ...io.presentValueNames].map((name) => [name, null]));
    this.arena = io.logitsVocab ? new LogitsArena() : null;
  }

  get rows(): number {
    return this.kv?.padLeft.length ?? 0;
  }

  /** Runs the prompts (left-padded to a common width) and appends them as rows of the batch. */
  async prefill(prompts: readonly (readonly number[])[], greedyRows: readonly boolean[] = [], masks: RowMasks = []): Promise<StepLogits> {
    const started = performance.now();
    const width = Math.max(...prompts.map((p) => p.length));
    const padLeft = prompts.map((p) => width - p.length);
    const ids = new BigInt64Array(prompts.length * width).fill(this.padTokenId);
    const positions = new BigInt64Array(prompts.length * width);
    prompts.forEach((prompt, b) => {
      const offset = b * width + (padLeft[b] as number);
      prompt.forEach((id, i) => {
        ids[offset + i] = BigInt(id);
        positions[offset + i] = BigInt(i);
      });
    });
    const { outputs, arenaLogits, runMs } = await this.forward(ids, padLeft, positions, width, null, greedyRows);
    const fresh = kvFromOutputs(outputs, this.session.io, padLeft);
    this.kv = this.kv ? concatKv(this.kv, fresh, this.session.io) : fresh;
    return this.finish(outputs, arenaLogits, greedyRows, masks, runMs, started);
  }

  /** Feeds one token per row (at the given position ids) and returns the next-token logits. */
  async decode(tokens: readonly number[], positions: readonly number[], greedyRows: readonly boolean[] = [], masks: RowMasks = []): Promise<StepLogits> {
    const started = performance.now();
    const kv = this.kv;
    if (!kv || tokens.length !== kv.padLeft.length) throw new Error(`decode needs ${this.rows} tokens, got ${tokens.length}`);
    const { outputs, arenaLogits, runMs } = await this.forward(BigInt64Array.from(tokens, BigInt), kv.padLeft, BigInt64Array.from(positions, BigInt), 1, kv, greedyRows);
    this.kv = kvFromOutputs(outputs, this.session.io, kv.padLeft);
    return this.finish(outputs, arenaLogits, greedyRows, masks, runMs, started);
  }

  /**
   * Input-guided aggressive decoding: feeds the single row's pending token followed by draft tokens
   * (`tokens[0]` at `position`, the rest after it) in one pass, takes the argmax at every position, and
   * keeps in the cache only what greedy decoding would have fed too: the pending token and the draft
   * tokens the model agreed with, one by one from the start. Only for a row decoded alone: in a batch,
   * every row would pay for k positions, and rows would end at different lengths.
   */
  async verifyDraft(tokens: readonly number[], position: number): Promise<DraftVerdict> {
    const started = performance.now();
    const kv = this.kv;
    if (!kv || kv.padLeft.length !== 1) throw new Error(`verifyDraft needs a batch of one row, not ${this.rows}`);
    if (tokens.length === 0) throw new Error('verifyDraft needs the pending token');
    const k = tokens.length;
    const positions = BigInt64Array.from(tokens, (_, i) => BigInt(position + i));
    const { outputs, arenaLogits, runMs } = await this.forward(BigInt64Array.from(tokens, BigInt), kv.padLeft, positions, k, kv, [true], k);
    const greedyTokens = this.positionArgmax(outputs, arenaLogits, k);
    let accepted = 0;
    while (accepted < k - 1 && tokens[accepted + 1] === greedyTokens[accepted]) accepted++;
    const grown = kvFromOutputs(outputs, this.session.io, kv.padLeft);
    this.kv = truncateRow(grown, 0, position + accepted + 1, this.session.io);
    return { greedyTokens, accepted, runMs, stepMs: performance.now() - started };
  }

  /** The argmax at each of the last `k` positions of the single row. */
  private positionArgmax(outputs: Record<string, OrtTensor>, arenaLogits: Float32Array | null, k: number): Int32Array {
    const greedy = this.session.io.greedyTokensOutput;
    if (!outputs.logits && greedy) {
      const ids = outputs[greedy] as OrtTensor;
      const data = ids.data as BigInt64Array;
      return Int32Array.from({ length: k }, (_, i) => Number(data[data.length - k + i]));
    }
    const tensor = outputs.logits as OrtTensor;
    const vocab = tensor.dims[2] as number;
    const source = arenaLogits ?? (tensor.data as Float32Array);
    const first = source.length / vocab - k;
    return Int32Array.from({ length: k }, (_, i) => {
      const token = this.rowMaxIndex(source.subarray((first + i) * vocab, (first + i + 1) * vocab));
      if (token < 0) throw new MprError('model_error', 'no token is allowed by the logits');
      return token;
    });
  }

  /** Cuts `row` back to its first `length` tokens (see kv-batch.ts `truncateRow`). */
  truncateRow(row: number, length: number): void {
    if (!this.kv) throw new Error('truncateRow on an empty batch');
    this.kv = truncateRow(this.kv, row, length, this.session.io);
  }

  /** `maxIndex` of sampler.ts, by SIMD when the row lies in the arena. */
  private readonly rowMaxIndex = (logits: Float32Array): number => (this.arena?.holds(logits) ? this.arena.maxIndex(logits) : maxIndex(logits));

  private finish(
    outputs: Record<string, OrtTensor>,
    arenaLogits: Float32Array | null,
    greedyRows: readonly boolean[],
    masks: RowMasks,
    runMs: number,
    started: number,
  ): StepLogits {
    const stepMs = (): number => performance.now() - started;
    const greedy = this.session.io.greedyTokensOutput;
    if (!outputs.logits && greedy) {
      // Every row is greedy and the graph computed the argmax itself: no logits left the session.
      const ids = outputs[greedy] as OrtTensor;
      const [rows, positions] = ids.dims as [number, number];
      const data = ids.data as BigInt64Array;
      const greedyTokens = Int32Array.from({ length: rows }, (_, row) => Number(data[row * positions + positions - 1]));
      return { logits: null, greedyTokens, vocab: 0, runMs, stepMs: stepMs() };
    }
    const { logits, vocab } = lastLogits(outputs);
    const rows = logits.length / vocab;
    // Greedy and masked-greedy rows are settled here, next to the logits: the main thread then gets a
    // token id, not a row. They read the arena's copy of the logits when the session wrote one (the
    // same values), and a masked row may be masked in place there (nobody else reads it).
    const argmaxSource = arenaLogits ?? logits;
    const greedyTokens = new Int32Array(rows).fill(-1);
    let allGreedy = true;
    for (let row = 0; row < rows; row++) {
      const mask = masks[row];
      if (mask) {
        const rowLogits = argmaxSource.subarray(row * vocab, (row + 1) * vocab);
        // One row's empty mask fails that row only (as on the host path), not the whole batch.
        const token = maskedMaxIndex(rowLogits, mask, this.rowMaxIndex);
        greedyTokens[row] = token >= 0 ? token : NO_ALLOWED_TOKEN;
      } else if (greedyRows[row]) {
        const token = this.rowMaxIndex(argmaxSource.subarray(row * vocab, (row + 1) * vocab));
        if (token < 0) throw new MprError('model_error', 'no token is allowed by the logits');
        greedyTokens[row] = token;
      } else {
        allGreedy = false;
      }
    }
    return { logits: allGreedy ? null : logits, greedyTokens, vocab, runMs, stepMs: stepMs() };
  }

  /** Keeps only `rows` (in that order); an empty list clears the batch. */
  keepRows(rows: readonly number[]): void {
    this.kv = this.kv && rows.length > 0 ? selectKv(this.kv, [...rows], this.session.io) : null;
  }

  private async forward(
    inputIds: BigInt64Array,
    padLeft: readonly number[],
    positions: BigInt64Array,
    seqLength: number,
    kv: KvBatch | null,
    greedyRows: readonly boolean[],
    keepPositions = 1,
  ): Promise<{ outputs: Record<string, OrtTensor>; arenaLogits: Float32Array | null; runMs: number }> {
    const { io } = this.session;
    const batch = padLeft.length;
    const total = (kv?.length ?? 0) + seqLength;
    const feeds: Feeds = {};
    io.pastKeyNames.forEach((name, l) => {
      feeds[name] = kv ? (kv.keys[l] as OrtTensor) : emptyKv(io.kvDtype, batch, io.kvHeads, io.headDim);
    });
    io.pastValueNames.forEach((name, l) => {
      feeds[name] = kv ? (kv.values[l] as OrtTensor) : emptyKv(io.kvDtype, batch, io.kvHeads, io.headDim);
    });
    feeds.input_ids = int64Tensor(inputIds, [batch, seqLength]);
    if (io.hasAttentionMask) {
      const mask = new BigInt64Array(batch * total);
      padLeft.forEach((pad, b) => mask.fill(1n, b * total + pad, (b + 1) * total));
      feeds.attention_mask = int64Tensor(mask, [batch, total]);
    }
    if (io.hasPositionIds) feeds.position_ids = int64Tensor(positions, [batch, seqLength]);
    if (io.logitsToKeepInput) {
      feeds[io.logitsToKeepInput] = keepPositions === 1 ? this.lastPositionOnly : int64Tensor(BigInt64Array.of(BigInt(keepPositions)), []);
    }
    const allGreedy = greedyRows.length === batch && greedyRows.every(Boolean);
    let fetches: Fetches | undefined;
    let arenaLogits: Float32Array | null = null;
    if (allGreedy && io.greedyTokensOutput) {
      fetches = this.greedyFetches;
    } else if (this.arena && io.logitsVocab && (seqLength === keepPositions || io.logitsToKeepInput)) {
      // The logits have a known shape (one position per row, or a verified draft's k): the session
      // writes them into the arena, ready for the SIMD argmax.
      arenaLogits = this.arena.region(batch * keepPositions * io.logitsVocab);
      fetches = { ...this.kvFetches, logits: float32Tensor(arenaLogits, [batch, keepPositions, io.logitsVocab]) };
    }
    const started = performance.now();
    const outputs = await this.session.run(feeds, fetches);
    return { outputs, arenaLogits, runMs: performance.now() - started };
  }
}

/**
 * The last position of every row as one array that owns its buffer, so a worker can transfer it
 * without copying. With logits-to-keep (one position) that is the session's own output buffer.
 */
function lastLogits(outputs: Record<string, OrtTensor>): { logits: Float32Array; vocab: number } {
  const tensor = outputs.logits as OrtTensor;
  const [batch, positions, vocab] = tensor.dims as [number, number, number];
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
