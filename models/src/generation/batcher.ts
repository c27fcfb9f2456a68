// Dynamic batching over one decoder session. Requests queue up; the loop admits them (after a short
// wait when idle, so concurrent arrivals share a prefill), prefills newcomers left-padded, merges their
// KV cache into the running batch, and decodes every running sequence in one session.run per step.
// Finished rows leave the batch at once. session.run is asynchronous, so the event loop stays free.
import { MprError, errorMessage } from '../../../lib/errors.ts';
import { emptyKv, int64Tensor, type Feeds, type ModelSession, type OrtTensor } from '../backend/onnx.ts';
import { concatKv, kvFromOutputs, selectKv, type KvBatch } from './kv-batch.ts';
import type { Sequence } from './sequence.ts';

export interface BatcherOptions {
  /** Sequences decoded together at most (default 16). */
  maxBatchSize?: number;
  /** How long an idle batcher waits for company before prefilling (default 2 ms). */
  maxWaitMs?: number;
  /** Token id placed in left padding (masked out). */
  padTokenId?: number;
}

export class DecodeBatcher {
  private readonly session: ModelSession;
  private readonly maxBatchSize: number;
  private readonly maxWaitMs: number;
  private readonly padTokenId: bigint;
  private readonly waiting: Sequence[] = [];
  private active: Sequence[] = [];
  private kv: KvBatch | null = null;
  private loop: Promise<void> | null = null;
  private wakeWaiter: (() => void) | null = null;

  constructor(session: ModelSession, options: BatcherOptions = {}) {
    this.session = session;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 16);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 2);
    this.padTokenId = BigInt(options.padTokenId ?? 0);
  }

  get runningCount(): number {
    return this.active.length;
  }

  submit(sequence: Sequence): void {
    if (sequence.done) return;
    this.waiting.push(sequence);
    if (this.waiting.length >= this.maxBatchSize) this.wake();
    this.ensureRunning();
  }

  private ensureRunning(): void {
    if (this.loop) return;
    this.loop = this.run().finally(() => {
      this.loop = null;
      if (this.waiting.length > 0) this.ensureRunning();
    });
  }

  /** Resolves once nothing is queued or running. */
  async drain(): Promise<void> {
    while (this.loop) await this.loop;
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
        const room = this.maxBatchSize - this.active.length;
        const newcomers = this.waiting.splice(0, room).filter((s) => !this.cancelIfAborted(s));
        if (newcomers.length > 0) await this.prefill(newcomers);
        this.dropFinished();
        if (this.active.length > 0) await this.decodeStep();
        this.dropFinished();
      } catch (error) {
        const failure = error instanceof MprError ? error : new MprError('model_error', `generation failed: ${errorMessage(error)}`, { cause: error });
        for (const s of this.active) s.fail(failure);
        this.active = [];
        this.kv = null;
      }
    }
  }

  private cancelIfAborted(sequence: Sequence): boolean {
    if (sequence.signal?.aborted) sequence.finish('cancelled');
    return sequence.done;
  }

  private pastFeeds(kv: KvBatch | null, batch: number): Feeds {
    const { io } = this.session;
    const feeds: Feeds = {};
    io.pastKeyNames.forEach((name, l) => {
      feeds[name] = kv ? (kv.keys[l] as OrtTensor) : emptyKv(io.kvDtype, batch, io.kvHeads, io.headDim);
    });
    io.pastValueNames.forEach((name, l) => {
      feeds[name] = kv ? (kv.values[l] as OrtTensor) : emptyKv(io.kvDtype, batch, io.kvHeads, io.headDim);
    });
    return feeds;
  }

  private async forward(inputIds: BigInt64Array, padLeft: number[], positions: BigInt64Array, seqLength: number, kv: KvBatch | null): Promise<Record<string, OrtTensor>> {
    const { io } = this.session;
    const batch = padLeft.length;
    const total = (kv?.length ?? 0) + seqLength;
    const feeds = this.pastFeeds(kv, batch);
    feeds.input_ids = int64Tensor(inputIds, [batch, seqLength]);
    if (io.hasAttentionMask) {
      const mask = new BigInt64Array(batch * total);
      padLeft.forEach((pad, b) => mask.fill(1n, b * total + pad, (b + 1) * total));
      feeds.attention_mask = int64Tensor(mask, [batch, total]);
    }
    if (io.hasPositionIds) feeds.position_ids = int64Tensor(positions, [batch, seqLength]);
    if (io.logitsToKeepInput) feeds[io.logitsToKeepInput] = int64Tensor(BigInt64Array.of(1n), []);
    return this.session.run(feeds);
  }

  /** Hands each row's last-position logits to its sequence. */
  private sampleRows(outputs: Record<string, OrtTensor>, sequences: Sequence[]): void {
    const logits = outputs.logits as OrtTensor;
    const [, positions, vocab] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    sequences.forEach((s, b) => {
      const start = (b * positions + positions - 1) * vocab;
      s.step(data.subarray(start, start + vocab));
    });
  }

  private async prefill(newcomers: Sequence[]): Promise<void> {
    const lengths = newcomers.map((s) => s.promptIds.length);
    const width = Math.max(...lengths);
    const padLeft = lengths.map((l) => width - l);
    const ids = new BigInt64Array(newcomers.length * width).fill(this.padTokenId);
    const positions = new BigInt64Array(newcomers.length * width);
    newcomers.forEach((s, b) => {
      s.promptIds.forEach((id, i) => {
        ids[b * width + (padLeft[b] as number) + i] = BigInt(id);
        positions[b * width + (padLeft[b] as number) + i] = BigInt(i);
      });
    });
    const started = performance.now();
    let outputs: Record<string, OrtTensor>;
    try {
      outputs = await this.forward(ids, padLeft, positions, width, null);
    } catch (error) {
      const failure = new MprError('model_error', `prefill failed: ${errorMessage(error)}`, { cause: error });
      for (const s of newcomers) s.fail(failure);
      return;
    }
    const ended = performance.now();
    for (const s of newcomers) s.markPrefill(started, ended);
    this.sampleRows(outputs, newcomers);
    const fresh = kvFromOutputs(outputs, this.session.io, padLeft);
    this.kv = this.kv ? concatKv(this.kv, fresh, this.session.io) : fresh;
    this.active.push(...newcomers);
  }

  private async decodeStep(): Promise<void> {
    const batch = this.active.length;
    const ids = new BigInt64Array(batch);
    const positions = new BigInt64Array(batch);
    this.active.forEach((s, b) => {
      ids[b] = BigInt(s.pendingToken);
      positions[b] = BigInt(s.nextPosition);
    });
    const kv = this.kv as KvBatch;
    const outputs = await this.forward(ids, kv.padLeft, positions, 1, kv);
    for (const s of this.active) s.nextPosition++;
    this.kv = kvFromOutputs(outputs, this.session.io, kv.padLeft);
    this.sampleRows(outputs, this.active);
  }

  /** Removes finished and cancelled rows from the batch and its KV cache. */
  private dropFinished(): void {
    for (const s of this.active) this.cancelIfAborted(s);
    if (!this.active.some((s) => s.done)) return;
    const keep = this.active.flatMap((s, row) => (s.done ? [] : [row]));
    this.active = keep.map((row) => this.active[row] as Sequence);
    this.kv = keep.length > 0 && this.kv ? selectKv(this.kv, keep, this.session.io) : null;
  }
}
