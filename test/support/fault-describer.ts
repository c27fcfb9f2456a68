// Fault injection for the describer: wraps the real default describer engine and, on command, makes it
// hang after reporting the first piece of its JSON text, until the call is cancelled. It records
// cancellations and calls in flight, so tests can prove that a streaming caller who goes away stops the
// work downstream and frees the agent's slot.
import type { DescribeInput, DescribeResult, DescriberEngine } from '../../services/describer/engine.ts';
import { createDefaultDescriberEngine } from '../../services/describer/engines/default/index.ts';

export interface FaultyDescriberEngine extends DescriberEngine {
  mode: 'healthy' | 'hang';
  readonly calls: number;
  readonly cancelled: number;
  readonly inFlight: number;
}

function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')), {
      once: true,
    });
  });
}

export function createFaultyDescriberEngine(): FaultyDescriberEngine {
  const inner = createDefaultDescriberEngine();
  let calls = 0;
  let cancelled = 0;
  let inFlight = 0;
  const engine: FaultyDescriberEngine = {
    mode: 'healthy',
    info: inner.info,
    get calls() {
      return calls;
    },
    get cancelled() {
      return cancelled;
    },
    get inFlight() {
      return inFlight;
    },
    describe: async (input: DescribeInput): Promise<DescribeResult> => {
      calls++;
      inFlight++;
      try {
        if (engine.mode === 'hang') {
          // Like a model that has begun its document: the stream has started when the work stalls.
          input.onJsonDelta?.('{');
          try {
            await untilAborted(input.signal);
          } catch (error) {
            cancelled++;
            throw error;
          }
        }
        return await inner.describe(input);
      } finally {
        inFlight--;
      }
    },
  };
  return engine;
}
