// The generation loop's handle on a decoder: prefill rows, decode all rows one token (or several greedy
// steps in one call), verify the rows' drafts, keep some rows.
// The session and KV cache live either in a worker thread (see decoder-worker.ts, the default) or in the
// calling thread ('main': no message passing, but inference blocks the event loop while a call runs).
// Services keep the worker: a step of a real model on a CPU takes tens to hundreds of milliseconds, and
// an agent's event loop must stay free for health checks, deadlines, cancellation and streaming. 'main'
// suits one caller that waits anyway (a CLI run, an offline eval). Each call to the worker is a message
// each way; greedy decoding takes several steps per call so that a small model does not pay one per
// token (bench:adapters measures both threads, docs/MEASUREMENTS.md#adapters).
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MprError, isErrorCode } from '../../../lib/errors.ts';
import { DecoderState, type DraftVerdicts, type GreedyRun, type RowMasks, type StepLogits } from './decoder-state.ts';
import { MaskListSender } from './mask-wire.ts';
import { createModelSession, type DecoderIo, type ExecutionProvider, type SessionConfig } from './onnx.ts';
import type { RunnerCommand, RunnerEvent, RunnerInit, WireError } from './runner-protocol.ts';

export type { DraftVerdicts, GreedyRun, RowMasks, StepLogits };

export interface DecoderRunnerOptions extends SessionConfig {
  /** Token id placed in left padding (masked out). */
  padTokenId?: number;
  /** Tokens that end a sequence: a decode step is never run ahead past one (see run-ahead.ts). */
  stopTokenIds?: readonly number[];
  /** 'worker' (default) keeps inference off the event loop; 'main' runs it in place (not for a float16 KV cache). */
  thread?: DecoderThread;
}

export type DecoderThread = 'worker' | 'main';

export interface DecoderRunner {
  /** Where the session runs; a step run ahead only overlaps the loop's own work in a worker (see run-ahead.ts). */
  readonly thread: DecoderThread;
  readonly executionProvider: ExecutionProvider;
  readonly fallbackReason: string | null;
  readonly io: DecoderIo;
  /**
   * `greedyRows[i]`: row i only needs its argmax (greedy, no constraint), so its logits need not travel.
   * `masks[i]`: row i needs its argmax after this mask (greedy, constrained); its logits need not travel either.
   */
  /** `adapters[i]`: prompt i's adapter slot (see `setAdapterSlots`); -1 or absent: the base model. */
  prefill(prompts: number[][], greedyRows?: boolean[], masks?: RowMasks, adapters?: number[]): Promise<StepLogits>;
  /**
   * `runAhead`: the caller will ask for the next step on these rows' greedy tokens unless something
   * changes (see run-ahead.ts); the decoder may start it at once. Results are the same either way.
   */
  decode(
    tokens: number[],
    positions: number[],
    greedyRows?: boolean[],
    masks?: RowMasks,
    runAhead?: boolean,
  ): Promise<StepLogits>;
  /**
   * Every row greedy and unconstrained: up to `maxSteps` decode steps in one call, each on the tokens the
   * last one chose, stopping after a stop token or when the next step would run past a short time
   * budget (see DecoderState.decodeGreedy). One call instead of a call per step: with a worker, one
   * message each way for all of them. `runAhead` as for `decode`, after the last step.
   */
  decodeGreedy(tokens: number[], positions: number[], maxSteps: number, runAhead?: boolean): Promise<GreedyRun>;
  /** Cuts every row back to its first `lengths[row]` tokens (steps a caller decided not to keep). */
  truncateRows(lengths: number[]): Promise<void>;
  /**
   * Every row greedy and unconstrained: feeds each row's tokens (its pending token, then draft tokens)
   * from its position on, in one pass, and keeps in the cache the prefix the model agrees with.
   */
  verifyDrafts(rows: number[][], positions: number[]): Promise<DraftVerdicts>;
  keepRows(rows: number[]): Promise<void>;
  /**
   * The adapters rows may use, by slot: PEFT directories (null: an empty slot). A row keeps the slot it
   * was prefilled with, so slots of running rows must stay as they are; others may change any time.
   */
  setAdapterSlots(slots: (string | null)[]): Promise<void>;
  release(): Promise<void>;
}

const toError = (error: WireError): MprError =>
  new MprError(isErrorCode(error.code) ? error.code : 'model_error', error.message);

async function mainThreadRunner(modelPath: string, options: DecoderRunnerOptions): Promise<DecoderRunner> {
  const session = await createModelSession(modelPath, options);
  // A float16 cache is only readable by the session with Float16Array hidden, which the worker does.
  if (session.io.kvDtype === 'float16' && typeof Reflect.get(globalThis, 'Float16Array') === 'function') {
    await session.release();
    throw new MprError('model_error', 'a float16 KV cache needs the worker-thread runner (see decoder-worker.ts)');
  }
  const state = new DecoderState(session, options.padTokenId ?? 0, options.stopTokenIds ?? []);
  return {
    thread: 'main',
    executionProvider: session.executionProvider,
    fallbackReason: session.fallbackReason,
    io: session.io,
    prefill: (prompts, greedyRows, masks, adapters) => state.prefill(prompts, greedyRows, masks, adapters),
    decode: (tokens, positions, greedyRows, masks, runAhead) =>
      state.decode(tokens, positions, greedyRows, masks, runAhead),
    decodeGreedy: (tokens, positions, maxSteps, runAhead) => state.decodeGreedy(tokens, positions, maxSteps, runAhead),
    truncateRows: async (lengths) => state.truncateRows(lengths),
    verifyDrafts: (rows, positions) => state.verifyDrafts(rows, positions),
    keepRows: async (rows) => state.keepRows(rows),
    setAdapterSlots: (slots) => state.setAdapterSlots(slots),
    release: () => session.release(),
  };
}

async function workerRunner(modelPath: string, options: DecoderRunnerOptions): Promise<DecoderRunner> {
  const { logger, thread: _thread, padTokenId, stopTokenIds, ...config } = options;
  const init: RunnerInit = { modelPath, config, padTokenId: padTokenId ?? 0, stopTokenIds: [...(stopTokenIds ?? [])] };
  const here = fileURLToPath(import.meta.url);
  const worker = new Worker(new URL(`./decoder-worker${extname(here)}`, import.meta.url), { workerData: init });
  const pending = new Map<number, { resolve: (event: RunnerEvent) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  const maskLists = new MaskListSender();

  const ready = new Promise<RunnerEvent>((resolve, reject) => {
    worker.on('message', (event: RunnerEvent) => {
      if (event.type === 'log') {
        logger?.[event.level](event.obj, event.msg);
      } else if (event.type === 'reply') {
        const waiter = pending.get(event.id);
        pending.delete(event.id);
        // An idle worker must not keep the process alive.
        if (pending.size === 0) worker.unref();
        waiter?.resolve(event);
      } else {
        resolve(event);
      }
    });
    worker.on('error', (error) => {
      dead = new MprError('model_error', `decoder worker failed: ${error.message}`, { cause: error });
      reject(dead);
      for (const waiter of pending.values()) waiter.reject(dead);
      pending.clear();
    });
  });
  const first = await ready;
  if (first.type === 'init-error') {
    await worker.terminate();
    throw toError(first.error);
  }
  if (first.type !== 'ready') throw new MprError('model_error', 'decoder worker did not start');
  worker.unref();

  const send = <T extends RunnerCommand['type']>(
    command: Omit<Extract<RunnerCommand, { type: T }>, 'id'>,
  ): Promise<RunnerEvent> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...command, id });
    });
  };
  const step = async (event: RunnerEvent): Promise<StepLogits> => {
    if (event.type !== 'reply') throw new MprError('model_error', 'unexpected worker message');
    if (!event.ok) throw toError(event.error);
    if (!event.step) throw new MprError('model_error', 'decoder worker replied without a step');
    return event.step;
  };

  return {
    thread: 'worker',
    executionProvider: first.executionProvider,
    fallbackReason: first.fallbackReason,
    io: first.io,
    prefill: async (prompts, greedyRows = [], masks = [], adapters = []) =>
      step(await send<'prefill'>({ type: 'prefill', prompts, greedyRows, adapters, ...maskLists.encode(masks) })),
    decode: async (tokens, positions, greedyRows = [], masks = [], runAhead = false) =>
      step(
        await send<'decode'>({ type: 'decode', tokens, positions, greedyRows, runAhead, ...maskLists.encode(masks) }),
      ),
    decodeGreedy: async (tokens, positions, maxSteps, runAhead = false) => {
      const event = await send<'greedy'>({ type: 'greedy', tokens, positions, maxSteps, runAhead });
      if (event.type !== 'reply') throw new MprError('model_error', 'unexpected worker message');
      if (!event.ok) throw toError(event.error);
      if (!event.run) throw new MprError('model_error', 'decoder worker replied without greedy steps');
      return event.run;
    },
    truncateRows: async (lengths) => {
      const event = await send<'truncate'>({ type: 'truncate', lengths });
      if (event.type === 'reply' && !event.ok) throw toError(event.error);
    },
    verifyDrafts: async (rows, positions) => {
      const event = await send<'verify'>({ type: 'verify', rows, positions });
      if (event.type !== 'reply') throw new MprError('model_error', 'unexpected worker message');
      if (!event.ok) throw toError(event.error);
      if (!event.verdicts) throw new MprError('model_error', 'decoder worker replied without verdicts');
      return event.verdicts;
    },
    keepRows: async (rows) => {
      const event = await send<'keep'>({ type: 'keep', rows });
      if (event.type === 'reply' && !event.ok) throw toError(event.error);
    },
    setAdapterSlots: async (slots) => {
      const event = await send<'adapters'>({ type: 'adapters', slots });
      if (event.type === 'reply' && !event.ok) throw toError(event.error);
    },
    release: async () => {
      if (!dead) await send<'release'>({ type: 'release' });
      await worker.terminate();
    },
  };
}

export async function startDecoderRunner(
  modelPath: string,
  options: DecoderRunnerOptions = {},
): Promise<DecoderRunner> {
  return options.thread === 'main' ? mainThreadRunner(modelPath, options) : workerRunner(modelPath, options);
}
