// Worker thread entry: owns one ONNX session and its KV cache. onnxruntime-node runs inference
// synchronously on the calling thread, so running it here keeps the main event loop free.
import { parentPort, workerData } from 'node:worker_threads';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import { DecoderState } from './decoder-state.ts';
import { MaskListStore } from './mask-wire.ts';
import { createModelSession } from './onnx.ts';
import type { RunnerCommand, RunnerEvent, RunnerInit, WireError } from './runner-protocol.ts';

if (!parentPort) throw new Error('decoder-worker must run in a worker thread');
// onnxruntime-common stores float16 tensors as Float16Array when the global exists (Node 24), but the
// native binding of onnxruntime-node 1.30 cannot read Float16Array inputs ("not enough space ... got 0"),
// so a float16 KV cache could never be fed back. Hiding the global in this thread (the check runs at the
// first tensor construction, after imports) keeps float16 data in Uint16Array, which the binding reads.
Reflect.set(globalThis, 'Float16Array', undefined);
const port = parentPort;
const init = workerData as RunnerInit;
const post = (event: RunnerEvent, transfer: ArrayBuffer[] = []): void => port.postMessage(event, transfer);
const wireError = (error: unknown): WireError => ({
  code: error instanceof MprError ? error.code : 'model_error',
  message: errorMessage(error),
});

const maskLists = new MaskListStore();

async function handle(state: DecoderState, command: RunnerCommand): Promise<void> {
  try {
    if (command.type === 'prefill' || command.type === 'decode') {
      const masks = maskLists.decode(command);
      const step =
        command.type === 'prefill'
          ? await state.prefill(command.prompts, command.greedyRows, masks, command.adapters)
          : await state.decode(command.tokens, command.positions, command.greedyRows, masks, command.runAhead);
      post({ type: 'reply', id: command.id, ok: true, step }, step.logits ? [step.logits.buffer as ArrayBuffer] : []);
    } else if (command.type === 'greedy') {
      const run = await state.decodeGreedy(command.tokens, command.positions, command.maxSteps, command.runAhead);
      post({ type: 'reply', id: command.id, ok: true, run });
    } else if (command.type === 'truncate') {
      state.truncateRows(command.lengths);
      post({ type: 'reply', id: command.id, ok: true });
    } else if (command.type === 'verify') {
      const verdicts = await state.verifyDrafts(command.rows, command.positions);
      post({ type: 'reply', id: command.id, ok: true, verdicts });
    } else if (command.type === 'adapters') {
      await state.setAdapterSlots(command.slots);
      post({ type: 'reply', id: command.id, ok: true });
    } else if (command.type === 'keep') {
      state.keepRows(command.rows);
      post({ type: 'reply', id: command.id, ok: true });
    } else {
      await state.session.release();
      post({ type: 'reply', id: command.id, ok: true });
      port.close();
    }
  } catch (error) {
    post({ type: 'reply', id: command.id, ok: false, error: wireError(error) });
  }
}

try {
  const session = await createModelSession(init.modelPath, {
    ...init.config,
    logger: {
      info: (obj, msg) => post({ type: 'log', level: 'info', obj, msg: msg ?? '' }),
      warn: (obj, msg) => post({ type: 'log', level: 'warn', obj, msg: msg ?? '' }),
    },
  });
  const state = new DecoderState(session, init.padTokenId, init.stopTokenIds);
  let queue = Promise.resolve();
  port.on('message', (command: RunnerCommand) => {
    queue = queue.then(() => handle(state, command));
  });
  post({
    type: 'ready',
    executionProvider: session.executionProvider,
    fallbackReason: session.fallbackReason,
    io: session.io,
  });
} catch (error) {
  post({ type: 'init-error', error: wireError(error) });
}
