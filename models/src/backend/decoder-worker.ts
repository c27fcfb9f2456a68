// Worker thread entry: owns one ONNX session and its KV cache. onnxruntime-node runs inference
// synchronously on the calling thread, so running it here keeps the main event loop free.
import { parentPort, workerData } from 'node:worker_threads';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import { DecoderState, type RowMasks } from './decoder-state.ts';
import { FollowingMasks, MaskListStore } from './mask-wire.ts';
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
const followingMasks = new FollowingMasks();

/**
 * Wire masks to row masks as each message arrives, not when its command runs: list updates then apply
 * in the order the main thread encoded them, whether they came with a command or after it.
 */
function arrivedMasks(command: RunnerCommand): RowMasks | Error | null {
  if (command.type !== 'prefill' && command.type !== 'decode' && command.type !== 'masks') return null;
  if (command.type === 'decode' && command.masksFollow) return null;
  try {
    return maskLists.decode(command);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function handle(state: DecoderState, command: RunnerCommand, masks: RowMasks | Error | null): Promise<void> {
  try {
    if (masks instanceof Error) throw masks;
    if (command.type === 'prefill' || command.type === 'decode') {
      const step =
        command.type === 'prefill'
          ? await state.prefill(command.prompts, command.greedyRows, masks ?? [])
          : await state.decode(command.tokens, command.positions, command.greedyRows, command.masksFollow ? followingMasks.take(command.id) : (masks ?? []));
      post({ type: 'reply', id: command.id, ok: true, step }, step.logits ? [step.logits.buffer as ArrayBuffer] : []);
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
  const state = new DecoderState(session, init.padTokenId);
  let queue = Promise.resolve();
  port.on('message', (command: RunnerCommand) => {
    const masks = arrivedMasks(command);
    if (command.type === 'masks') {
      followingMasks.arrive(command.id, masks ?? []);
    } else if (command.type === 'masks-failed') {
      followingMasks.arrive(command.id, new MprError('model_error', command.error.message));
    } else {
      queue = queue.then(() => handle(state, command, masks));
    }
  });
  post({ type: 'ready', executionProvider: session.executionProvider, fallbackReason: session.fallbackReason, io: session.io });
} catch (error) {
  post({ type: 'init-error', error: wireError(error) });
}
