// Dynamic batching over one decoder. Requests queue up; the loop admits them (after a short wait when
// idle, so concurrent arrivals share a prefill), prefills newcomers together, appends them to the
// running batch, and advances every running sequence with one decode step (or, when greedy sequences
// have drafts, one pass verifying them). Finished rows leave the batch at once. The decoder runs in a
// worker thread or in this one (see decoder-runner.ts); this loop only samples from logits rows.
import { MprError, errorMessage } from '../../../lib/errors.ts';
import type { DecoderRunner, RowMasks, StepLogits } from '../backend/decoder-runner.ts';
import { NO_ALLOWED_TOKEN } from '../backend/decoder-state.ts';
import type { Sequence } from './sequence.ts';

export interface BatcherOptions {
  /** Sequences decoded together at most (default 16). */
  maxBatchSize?: number;
  /** How long an idle batcher waits for company before prefilling (default 2 ms). */
  maxWaitMs?: number;
  /**
   * Let the decoder start a predictable next step while the loop samples (see backend/run-ahead.ts).
   * Default: when the decoder runs in a worker; in this thread the step could not overlap the loop anyway.
   */
  runAhead?: boolean;
}

export class DecodeBatcher {
  private readonly runner: DecoderRunner;
  private readonly maxBatchSize: number;
  private readonly maxWaitMs: number;
  private readonly runAhead: boolean;
  /** The last decode let the decoder run the next step ahead (it may be running now). */
  private aheadAsked = false;
  private readonly waiting: Sequence[] = [];
  private active: Sequence[] = [];
  private loop: Promise<void> | null = null;
  private wakeWaiter: (() => void) | null = null;

  constructor(runner: DecoderRunner, options: BatcherOptions = {}) {
    this.runner = runner;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 16);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 2);
    this.runAhead = options.runAhead ?? runner.thread === 'worker';
  }

  submit(sequence: Sequence): void {
    if (sequence.done) return;
    this.waiting.push(sequence);
    if (this.waiting.length >= this.maxBatchSize) this.wake();
    this.ensureRunning();
  }

  /** Resolves once nothing is queued or running. */
  async drain(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private ensureRunning(): void {
    if (this.loop) return;
    this.loop = this.run().finally(() => {
      this.loop = null;
      if (this.waiting.length > 0) this.ensureRunning();
    });
  }

  private wake(): void {
    const wake = this.wakeWaiter;
    this.wakeWaiter = null;
    wake?.();
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0 || this.active.length > 0) {
      if (this.active.length === 0 && this.waiting.length < this.maxBatchSize && this.maxWaitMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.maxWaitMs);
          this.wakeWaiter = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      try {
        // The decoder is already running the next step of the running rows: take it before newcomers
        // join (their prefill would wait for it anyway, and joining first would throw it away).
        if (this.aheadAsked && this.active.length > 0) {
          await this.decodeStep();
          await this.dropFinished();
        }
        const room = this.maxBatchSize - this.active.length;
        const newcomers = this.waiting.splice(0, room).filter((s) => !this.cancelIfAborted(s));
        if (newcomers.length > 0) await this.prefill(newcomers);
        await this.dropFinished();
        if (this.active.length > 0) await this.decodeStep();
        await this.dropFinished();
      } catch (error) {
        const failure =
          error instanceof MprError
            ? error
            : new MprError('model_error', `generation failed: ${errorMessage(error)}`, { cause: error });
        for (const s of this.active) s.fail(failure);
        this.active = [];
        await this.runner.keepRows([]).catch(() => undefined);
      }
    }
  }

  private cancelIfAborted(sequence: Sequence): boolean {
    if (sequence.signal?.aborted) sequence.finish('cancelled');
    return sequence.done;
  }

  /** Hands each row's argmax or logits to its sequence. */
  private sample(step: StepLogits, sequences: Sequence[]): void {
    const { logits, vocab, greedyTokens } = step;
    sequences.forEach((s, row) => {
      if (s.done) return;
      const token = greedyTokens[row] as number;
      if (token >= 0) s.stepGreedy(token);
      else if (token === NO_ALLOWED_TOKEN) s.fail(new MprError('model_error', 'no token is allowed by the logits'));
      else if (logits) s.step(logits.subarray(row * vocab, (row + 1) * vocab));
      else s.fail(new MprError('model_error', 'the decoder returned no logits for a sampled row'));
    });
  }

  private async prefill(newcomers: Sequence[]): Promise<void> {
    const started = performance.now();
    let step: StepLogits;
    try {
      step = await this.runner.prefill(
        newcomers.map((s) => [...s.promptIds]),
        newcomers.map((s) => !s.needsLogits),
        rowMasks(newcomers),
        newcomers.map((s) => s.adapterSlot),
      );
    } catch (error) {
      const failure =
        error instanceof MprError
          ? error
          : new MprError('model_error', `prefill failed: ${errorMessage(error)}`, { cause: error });
      for (const s of newcomers) s.fail(failure);
      return;
    }
    const ended = performance.now();
    for (const s of newcomers) {
      s.markPrefill(started, ended);
      s.forwardPasses++;
    }
    this.active.push(...newcomers);
    this.sample(step, newcomers);
  }

  private async decodeStep(): Promise<void> {
    // When every row only needs its argmax (greedy, unconstrained) and some row has a draft, one pass
    // verifies every row's draft; a row without one feeds its pending token alone (it gets the token a
    // plain step would give, at the price of the pass's width in compute).
    const proposals = this.active.every((s) => !s.needsLogits)
      ? this.active.map((s) => s.draftProposal(this.active.length))
      : [];
    this.aheadAsked = false;
    if (proposals.some((p) => p.length > 0)) {
      const rows = this.active.map((s, r) => [s.pendingToken, ...(proposals[r] as number[])]);
      const verdicts = await this.runner.verifyDrafts(
        rows,
        this.active.map((s) => s.nextPosition),
      );
      this.active.forEach((s, r) => {
        s.forwardPasses++;
        s.stepVerified(
          verdicts.greedyTokens.subarray(r * verdicts.width, (r + 1) * verdicts.width),
          verdicts.accepted[r] as number,
        );
      });
      return;
    }
    const tokens = this.active.map((s) => s.pendingToken);
    const positions = this.active.map((s) => s.nextPosition);
    // With nobody waiting to join and every row's next step predictable, the decoder may start that
    // step while this loop samples (see backend/run-ahead.ts), and may run several such steps in one call.
    const predictable = this.waiting.length === 0 && this.active.every((s) => s.nextStepPredictable);
    const runAhead = this.runAhead && predictable;
    if (predictable) {
      await this.decodeGreedySteps(tokens, positions, runAhead);
      return;
    }
    this.aheadAsked = runAhead;
    const step = await this.runner.decode(
      tokens,
      positions,
      this.active.map((s) => !s.needsLogits),
      rowMasks(this.active),
      runAhead,
    );
    for (const s of this.active) {
      s.nextPosition++;
      s.forwardPasses++;
    }
    this.sample(step, this.active);
  }

  /**
   * Every row greedy, unconstrained and without a draft: several steps in one decoder call (see
   * DecoderRunner.decodeGreedy), handed to the sequences one step at a time as single steps would be.
   */
  private async decodeGreedySteps(tokens: number[], positions: number[], runAhead: boolean): Promise<void> {
    // No row is given more tokens than its budget takes.
    const maxSteps = Math.min(...this.active.map((s) => s.tokensLeft));
    const run = await this.runner.decodeGreedy(tokens, positions, maxSteps, runAhead);
    this.aheadAsked = runAhead && run.steps < maxSteps;
    const rows = this.active.length;
    // Every row took part in every step, including steps after its end that it never reads.
    for (const s of this.active) s.forwardPasses += run.steps;
    for (let i = 0; i < run.steps; i++) {
      for (const s of this.active) s.nextPosition++;
      const greedyTokens = run.tokens.subarray(i * rows, (i + 1) * rows);
      this.sample({ logits: null, greedyTokens, vocab: 0, runMs: 0, stepMs: 0 }, this.active);
      if (i < run.steps - 1 && this.active.some((s) => s.done)) {
        // A row ended before the call's last step (a stop string). Single steps would have dropped it
        // before the next one, so the other rows' later steps ran in a different batch: they are cut
        // from the cache and decoded again without it, to the same tokens single steps give.
        this.aheadAsked = false;
        if (this.active.some((s) => !s.done)) await this.runner.truncateRows(this.active.map((s) => s.nextPosition));
        return;
      }
    }
  }

  /** Removes finished and cancelled rows from the batch and from the decoder's KV cache. */
  private async dropFinished(): Promise<void> {
    for (const s of this.active) this.cancelIfAborted(s);
    if (!this.active.some((s) => s.done)) return;
    const keep = this.active.flatMap((s, row) => (s.done ? [] : [row]));
    this.active = keep.map((row) => this.active[row] as Sequence);
    await this.runner.keepRows(keep);
  }
}

/**
 * Masks for the decoder's greedy constrained rows, worked out before the step from each constraint's
 * state; a row whose mask failed (its sequence is done) gets an empty mask and its token is ignored.
 */
function rowMasks(sequences: readonly Sequence[]): RowMasks {
  if (!sequences.some((s) => s.masksInDecoder)) return [];
  return sequences.map((s) => (s.masksInDecoder ? (s.decoderMask() ?? { kind: 'none' }) : null));
}
