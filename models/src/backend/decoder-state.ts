// A decoder session plus the KV cache of its running batch. Rows are sequences: `prefill` appends rows,
// `decode` advances every row by one token, `verifyDrafts` advances every row by as many of its draft
// tokens as the model agrees with, `keepRows` drops rows. Only the last position's logits of
// each row leave this object, as one [rows, vocab] array, so callers never touch KV tensors.
import { MprError } from '../../../lib/errors.ts';
import { float32Tensor, releaseTensor, type Feeds, type Fetches, type ModelSession, type OrtTensor } from './onnx.ts';
import { LogitsArena } from '../kernels/logits-arena.ts';
import type { LogitsMask } from '../kernels/logits-mask.ts';
import { maskedMaxIndex } from '../kernels/mask-apply.ts';
import { maxIndex } from '../kernels/max-index.ts';
import { AdapterLibrary } from '../adapters/adapter-library.ts';
import { NO_ADAPTER } from '../adapters/adapter-sites.ts';
import { stackAdapters } from '../adapters/adapter-stack.ts';
import { adapterFactorFeeds, stepFeeds } from './decoder-feeds.ts';
import { concatKv, kvFromOutputs, releaseKv, selectKv, truncateRow, truncateRows, type KvBatch } from './kv-batch.ts';
import { floatLogits, joinSteps, joinVerdicts, lastLogits } from './logits-rows.ts';
import { isAheadStep, nextAheadInputs, startAheadStep, type AheadStep, type ForwardPass } from './run-ahead.ts';

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

/** What one forward pass over each row's pending token and its draft found (see `verifyDrafts`). */
export interface DraftVerdicts {
  /** Fed positions per row (the longest row's tokens; shorter rows were padded on the right). */
  width: number;
  /**
   * [rows, width]: the model's argmax after each fed token of each row: [row * width] follows the
   * row's pending token, [row * width + i] its draft token i. Past a row's own tokens: meaningless.
   */
  greedyTokens: Int32Array;
  /** Per row: leading draft tokens equal to the model's own choice; the cache keeps the pending token and these. */
  accepted: Int32Array;
  runMs: number;
  stepMs: number;
}

/** Several greedy decode steps run back to back (see `DecoderState.decodeGreedy`). */
export interface GreedyRun {
  /** [steps, rows]: step i's token for each row. */
  tokens: Int32Array;
  steps: number;
  runMs: number;
  stepMs: number;
}

/**
 * How long one `decodeGreedy` call may keep running steps: another step starts only if it would end
 * within this much of the first one's start. It bounds how late a streamed token, a cancellation or a
 * request waiting to join is seen (one call at least one step), and spreads the cost of a hand-over
 * between the decoder and the loop (a message each way with a worker) over several steps of a small model.
 */
export const GREEDY_RUN_MS = 20;

/** `greedyTokens` value of a masked row whose mask left no token. */
export const NO_ALLOWED_TOKEN = -2;

/** Per row: a mask to apply before a greedy argmax in the decoder, or null/absent. */
export type RowMasks = readonly (LogitsMask | null | undefined)[];

export class DecoderState {
  readonly session: ModelSession;
  private readonly padTokenId: bigint;
  private kv: KvBatch | null = null;
  /** Per row: its adapter slot (-1: the base model), for graphs that take adapters. */
  private rowAdapters: number[] = [];
  private readonly adapterLibrary: AdapterLibrary;
  /** The current adapter set's factors as graph inputs; built on first use for a graph that takes adapters. */
  private adapterFactors: Feeds | null = null;

  /** Outputs to fetch when every row is greedy and the graph has an argmax output: no logits. */
  private readonly greedyFetches: readonly string[];
  /** The KV outputs, allocated by the session (the logits go to the arena, see `forward`). */
  private readonly kvFetches: Record<string, null>;
  /**
   * WebAssembly memory the session writes one-position logits into, where the greedy and masked rows
   * take their SIMD argmax without a copy. Null when the graph's logits are not float32 of a fixed width.
   */
  private readonly arena: LogitsArena | null;
  /** Tokens that end a sequence: no step is run ahead past one (see run-ahead.ts). */
  private readonly stopTokenIds: ReadonlySet<number>;
  /**
   * The decode step run ahead of its call, if any (see run-ahead.ts). Cutting or selecting rows does not
   * forget it: the next pass must wait for it (one pass at a time, one pass's logits in the arena), and
   * a decode takes it only if it extended the cache that decode reads.
   */
  private ahead: AheadStep | null = null;

  constructor(session: ModelSession, padTokenId: number, stopTokenIds: readonly number[] = []) {
    this.session = session;
    this.padTokenId = BigInt(padTokenId);
    this.stopTokenIds = new Set(stopTokenIds);
    const { io } = session;
    this.greedyFetches = io.greedyTokensOutput
      ? [io.greedyTokensOutput, ...io.presentKeyNames, ...io.presentValueNames]
      : [];
    this.kvFetches = Object.fromEntries([...io.presentKeyNames, ...io.presentValueNames].map((name) => [name, null]));
    this.arena = io.logitsVocab || io.logitsDtype === 'float16' ? new LogitsArena() : null;
    this.adapterLibrary = new AdapterLibrary(io.adapterSites, 'this model');
  }

  /**
   * Loads the adapters rows may use, by slot (PEFT directories; null: an empty slot). Rows keep their
   * slot numbers, so a caller that keeps the slots of running rows unchanged can swap the set any time.
   */
  async setAdapterSlots(slots: readonly (string | null)[]): Promise<void> {
    await this.settleAhead();
    const stack = await this.adapterLibrary.stack(slots);
    if (this.session.io.adapterSites) this.adapterFactors = adapterFactorFeeds(this.session.io, stack);
  }

  get rows(): number {
    return this.kv?.padLeft.length ?? 0;
  }

  /** Runs the prompts (left-padded to a common width) and appends them as rows of the batch. */
  async prefill(
    prompts: readonly (readonly number[])[],
    greedyRows: readonly boolean[] = [],
    masks: RowMasks = [],
    adapters: readonly number[] = [],
  ): Promise<StepLogits> {
    await this.settleAhead();
    const started = performance.now();
    if (this.session.io.cacheAlignment === 'left' && prompts.length > 1) {
      // Left-aligned prompts would be padded on the right, where a last-position logit is padding for
      // every shorter row: each prompt runs alone (a batch gains little in prefill anyway).
      const parts: StepLogits[] = [];
      for (const [i, prompt] of prompts.entries())
        parts.push(await this.prefill([prompt], [greedyRows[i] ?? false], [masks[i]], [adapters[i] ?? NO_ADAPTER]));
      return { ...joinSteps(parts), stepMs: performance.now() - started };
    }
    const rowAdapters = prompts.map((_, i) => adapters[i] ?? NO_ADAPTER);
    if (!this.session.io.adapterSites && rowAdapters.some((slot) => slot !== NO_ADAPTER))
      throw new MprError('unknown_adapter', 'this model takes no adapters');
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
    const pads = { padLeft, padRight: padLeft.map(() => 0) };
    const { outputs, arenaLogits, runMs } = await this.forward(
      ids,
      pads,
      positions,
      width,
      null,
      greedyRows,
      1,
      rowAdapters,
    );
    const fresh = kvFromOutputs(outputs, this.session.io, pads.padLeft, pads.padRight);
    this.kv = this.kv ? concatKv(this.kv, fresh, this.session.io) : fresh;
    this.rowAdapters.push(...rowAdapters);
    return this.finish(outputs, arenaLogits, greedyRows, masks, runMs, started);
  }

  /**
   * Feeds one token per row (at the given position ids) and returns the next-token logits. With
   * `runAhead`, when every row came out greedy, the next step starts at once on those tokens, for the
   * next call to take if it asks for exactly that step (see run-ahead.ts).
   */
  async decode(
    tokens: readonly number[],
    positions: readonly number[],
    greedyRows: readonly boolean[] = [],
    masks: RowMasks = [],
    runAhead = false,
  ): Promise<StepLogits> {
    const ahead = this.ahead;
    let pass = await this.settleAhead();
    let started = performance.now();
    const kv = this.kv;
    if (!kv || tokens.length !== kv.padLeft.length)
      throw new Error(`decode needs ${this.rows} tokens, got ${tokens.length}`);
    if (pass && ahead && isAheadStep(ahead, kv, tokens, positions, greedyRows, masks.some(Boolean))) {
      started = ahead.startedAt;
    } else {
      // A step run ahead that nobody takes: its outputs are read by nobody.
      if (pass) for (const tensor of Object.values(pass.outputs)) releaseTensor(tensor);
      pass = await this.forward(
        BigInt64Array.from(tokens, BigInt),
        kv,
        BigInt64Array.from(positions, BigInt),
        1,
        kv,
        greedyRows,
        1,
        this.rowAdapters,
      );
    }
    const { outputs, arenaLogits, runMs } = pass;
    // Right-aligned rows keep their left padding; left-aligned ones their unused tail (each row's new
    // step lands right after its own steps, and the buffer grows by one).
    this.kv = kvFromOutputs(outputs, this.session.io, kv.padLeft, kv.padRight);
    // The step's outputs hold the whole grown cache; the one it read is nobody's now (a step run ahead
    // on it has been settled above, and batches only share tensors with the batch they replace).
    releaseKv(kv);
    const step = this.finish(outputs, arenaLogits, greedyRows, masks, runMs, started);
    if (runAhead && !step.logits) this.startAhead(step.greedyTokens, positions);
    return step;
  }

  /**
   * Every row greedy and unconstrained: decodes up to `maxSteps` steps, each feeding the tokens the last
   * one chose at the next position, exactly as that many `decode` calls would. Stops early after a step
   * where some row chose a stop token, or when the next step would end past GREEDY_RUN_MS. With
   * `runAhead`, a call that stopped before `maxSteps` starts the step after its last (see run-ahead.ts).
   */
  async decodeGreedy(
    tokens: readonly number[],
    positions: readonly number[],
    maxSteps: number,
    runAhead = false,
  ): Promise<GreedyRun> {
    const started = performance.now();
    const greedy = tokens.map(() => true);
    const chosen: Int32Array[] = [];
    let at = [...positions];
    let step = await this.decode(tokens, at, greedy);
    let runMs = step.runMs;
    chosen.push(step.greedyTokens);
    while (chosen.length < maxSteps) {
      const next = nextAheadInputs(step.greedyTokens, at, this.stopTokenIds);
      if (!next || performance.now() + step.runMs - started > GREEDY_RUN_MS) break;
      at = Array.from(next.positions);
      step = await this.decode(Array.from(next.tokens), at, greedy);
      runMs += step.runMs;
      chosen.push(step.greedyTokens);
    }
    if (runAhead && chosen.length < maxSteps) this.startAhead(step.greedyTokens, at);
    const out = new Int32Array(chosen.length * tokens.length);
    chosen.forEach((row, i) => {
      out.set(row, i * tokens.length);
    });
    return { tokens: out, steps: chosen.length, runMs, stepMs: performance.now() - started };
  }

  /** Starts the step after one whose rows all came out greedy (see run-ahead.ts). */
  private startAhead(greedyTokens: Int32Array, positions: readonly number[]): void {
    const kv = this.kv;
    const next = kv ? nextAheadInputs(greedyTokens, positions, this.stopTokenIds) : null;
    if (!kv || !next) return;
    const greedy = Array.from(next.tokens, () => true);
    this.ahead = startAheadStep(kv, next.tokens, next.positions, () =>
      this.forward(
        BigInt64Array.from(next.tokens, BigInt),
        kv,
        BigInt64Array.from(next.positions, BigInt),
        1,
        kv,
        greedy,
        1,
        this.rowAdapters,
      ),
    );
  }

  /**
   * Waits for a step run ahead to end (the session runs one pass at a time, and the logits arena holds
   * one pass's logits) and forgets it; returns its pass when it succeeded.
   */
  private async settleAhead(): Promise<ForwardPass | null> {
    const ahead = this.ahead;
    if (!ahead) return null;
    this.ahead = null;
    const pass = await ahead.pass;
    return pass instanceof Error ? null : pass;
  }

  /**
   * Input-guided aggressive decoding: feeds every row's pending token followed by its draft tokens
   * (`rows[r][0]` at `positions[r]`, the rest after it; rows padded on the right to a common width) in
   * one pass, takes the argmax at every position, and keeps in the cache only what greedy decoding would
   * have fed too: each row's pending token and the draft tokens the model agreed with, one by one from
   * the start. Right padding is harmless: a position only sees earlier ones, and it is cut afterwards.
   * Every row must be greedy and unconstrained (its argmax is all it needs).
   */
  async verifyDrafts(rows: readonly (readonly number[])[], positions: readonly number[]): Promise<DraftVerdicts> {
    const started = performance.now();
    const kv = this.kv;
    if (!kv || rows.length !== kv.padLeft.length || positions.length !== rows.length) {
      throw new Error(`verifyDrafts needs tokens and a position for each of the ${this.rows} rows`);
    }
    if (rows.some((row) => row.length === 0)) throw new Error("verifyDrafts needs every row's pending token");
    await this.settleAhead();
    if (!this.session.io.multiTokenBatches && rows.length > 1) return this.verifyEachRow(kv, rows, positions, started);
    const width = Math.max(...rows.map((row) => row.length));
    const ids = new BigInt64Array(rows.length * width).fill(this.padTokenId);
    const ranks = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => {
      row.forEach((id, i) => {
        ids[r * width + i] = BigInt(id);
      });
      // Padding repeats the row's last position instead of running past it: its outputs are thrown away,
      // and a row near the context length must not ask a graph with a fixed RoPE table for positions
      // beyond it because another row's draft is longer.
      for (let i = 0; i < width; i++)
        ranks[r * width + i] = BigInt((positions[r] as number) + Math.min(i, row.length - 1));
    });
    const greedy = rows.map(() => true);
    const { outputs, arenaLogits, runMs } = await this.forward(
      ids,
      kv,
      ranks,
      width,
      kv,
      greedy,
      width,
      this.rowAdapters,
    );
    const greedyTokens = this.positionArgmax(outputs, arenaLogits, rows.length, width);
    const accepted = Int32Array.from(rows, (row, r) => {
      let n = 0;
      while (n < row.length - 1 && row[n + 1] === greedyTokens[r * width + n]) n++;
      return n;
    });
    const grown = kvFromOutputs(outputs, this.session.io, kv.padLeft, kv.padRight);
    this.kv = truncateRows(
      grown,
      rows.map((_, r) => (positions[r] as number) + (accepted[r] as number) + 1),
      this.session.io,
    );
    return { width, greedyTokens, accepted, runMs, stepMs: performance.now() - started };
  }

  /** `verifyDrafts` one row at a time, for graphs that take several new tokens with a past for one row only. */
  private async verifyEachRow(
    kv: KvBatch,
    rows: readonly (readonly number[])[],
    positions: readonly number[],
    started: number,
  ): Promise<DraftVerdicts> {
    const parts: DraftVerdicts[] = [];
    const caches: KvBatch[] = [];
    const adapters = this.rowAdapters;
    try {
      for (const [r, row] of rows.entries()) {
        this.kv = selectKv(kv, [r], this.session.io);
        this.rowAdapters = [adapters[r] ?? NO_ADAPTER];
        parts.push(await this.verifyDrafts([row], [positions[r] as number]));
        caches.push(this.kv);
      }
    } finally {
      this.rowAdapters = adapters;
    }
    this.kv = caches.reduce((joined, cache) => concatKv(joined, cache, this.session.io));
    return { ...joinVerdicts(parts), stepMs: performance.now() - started };
  }

  /** The argmax at each of the last `width` positions of every row, as [rows, width]. */
  private positionArgmax(
    outputs: Record<string, OrtTensor>,
    arenaLogits: Float32Array | null,
    rows: number,
    width: number,
  ): Int32Array {
    const greedy = this.session.io.greedyTokensOutput;
    if (!outputs.logits && greedy) {
      const ids = outputs[greedy] as OrtTensor;
      const kept = ids.dims[1] as number;
      const data = ids.data as BigInt64Array;
      return Int32Array.from({ length: rows * width }, (_, j) =>
        Number(data[Math.floor(j / width) * kept + kept - width + (j % width)]),
      );
    }
    const tensor = outputs.logits as OrtTensor;
    const [, kept, vocab] = tensor.dims as [number, number, number];
    const source = arenaLogits ?? floatLogits(tensor);
    return Int32Array.from({ length: rows * width }, (_, j) => {
      const at = Math.floor(j / width) * kept + kept - width + (j % width);
      const token = this.rowMaxIndex(source.subarray(at * vocab, (at + 1) * vocab));
      if (token < 0) throw new MprError('model_error', 'no token is allowed by the logits');
      return token;
    });
  }

  /** Cuts every row back to its first `lengths[row]` tokens (see kv-batch.ts `truncateRows`). */
  truncateRows(lengths: readonly number[]): void {
    if (!this.kv) throw new Error('truncateRows on an empty batch');
    this.kv = truncateRows(this.kv, lengths, this.session.io);
  }

  /** Cuts `row` back to its first `length` tokens (see kv-batch.ts `truncateRow`). */
  truncateRow(row: number, length: number): void {
    if (!this.kv) throw new Error('truncateRow on an empty batch');
    this.kv = truncateRow(this.kv, row, length, this.session.io);
  }

  /** `maxIndex` of kernels/max-index.ts, by SIMD when the row lies in the arena. */
  private readonly rowMaxIndex = (logits: Float32Array): number =>
    this.arena?.holds(logits) ? this.arena.maxIndex(logits) : maxIndex(logits);

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
    const rows = (outputs.logits as OrtTensor).dims[0] as number;
    const hostNeedsRows = Array.from({ length: rows }, (_, row) => !masks[row] && !greedyRows[row]).some(Boolean);
    // Float16 logits no row needs on the host are decoded into the arena (no new buffer per step), where
    // the argmax runs by SIMD; a row that travels needs a buffer of its own.
    const { logits, vocab } = lastLogits(outputs, hostNeedsRows ? undefined : this.arena);
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
    // The session's logits output is read by nobody past this point unless it is the array handed out.
    const handedOut = allGreedy ? null : logits;
    const output = outputs.logits as OrtTensor;
    if (handedOut?.buffer !== (output.data as ArrayBufferView).buffer) releaseTensor(output);
    return { logits: handedOut, greedyTokens, vocab, runMs, stepMs: stepMs() };
  }

  /** Keeps only `rows` (in that order); an empty list clears the batch. */
  keepRows(rows: readonly number[]): void {
    this.kv = this.kv && rows.length > 0 ? selectKv(this.kv, [...rows], this.session.io) : null;
    this.rowAdapters = this.kv ? rows.map((row) => this.rowAdapters[row] ?? NO_ADAPTER) : [];
  }

  private async forward(
    inputIds: BigInt64Array,
    pads: { padLeft: readonly number[]; padRight: readonly number[] },
    positions: BigInt64Array,
    seqLength: number,
    kv: KvBatch | null,
    greedyRows: readonly boolean[],
    keepPositions: number,
    rowAdapters: readonly number[],
  ): Promise<{ outputs: Record<string, OrtTensor>; arenaLogits: Float32Array | null; runMs: number }> {
    const { io } = this.session;
    const batch = pads.padLeft.length;
    if (io.adapterSites && !this.adapterFactors)
      this.adapterFactors = adapterFactorFeeds(io, stackAdapters(io.adapterSites, []));
    const adapters = this.adapterFactors ? { rows: rowAdapters, factors: this.adapterFactors } : null;
    const feeds = stepFeeds(io, { inputIds, pads, positions, seqLength, kv, keepPositions, adapters });
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
