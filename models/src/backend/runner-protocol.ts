// Messages between the generation loop (main thread) and the decoder worker that owns the session and
// the KV cache. Logits travel as transferred buffers; KV tensors never cross threads.
import type { DraftVerdicts, GreedyRun, StepLogits } from './decoder-state.ts';
import type { DecoderIo, ExecutionProvider, SessionConfig } from './onnx.ts';

export type WorkerSessionConfig = Omit<SessionConfig, 'logger'>;

/** A row's mask on the wire: a `list` mask names its list by the id it was registered under. */
export type WireMask =
  | { kind: 'none' }
  | { kind: 'only'; ids: readonly number[] }
  | { kind: 'list'; listId: number; size: number; keep: readonly number[]; drop: readonly number[] };

/**
 * Mask lists the worker holds: `forget` drops ids first, then `add` registers lists sent for the first
 * time. The main thread decides what the worker holds (bounded), so ids never go stale.
 */
export interface MaskListUpdate {
  forget: number[];
  add: Array<{ id: number; allowed: Int32Array; disallowed: Int32Array | null }>;
}

export interface RowMaskFields {
  masks: (WireMask | null)[];
  lists: MaskListUpdate;
}

export type RunnerCommand =
  | ({ id: number; type: 'prefill'; prompts: number[][]; greedyRows: boolean[]; adapters: number[] } & RowMaskFields)
  | ({
      id: number;
      type: 'decode';
      tokens: number[];
      positions: number[];
      greedyRows: boolean[];
      runAhead: boolean;
    } & RowMaskFields)
  | { id: number; type: 'greedy'; tokens: number[]; positions: number[]; maxSteps: number; runAhead: boolean }
  | { id: number; type: 'verify'; rows: number[][]; positions: number[] }
  | { id: number; type: 'truncate'; lengths: number[] }
  | { id: number; type: 'keep'; rows: number[] }
  | { id: number; type: 'adapters'; slots: (string | null)[] }
  | { id: number; type: 'release' };

export interface RunnerInit {
  modelPath: string;
  config: WorkerSessionConfig;
  padTokenId: number;
  stopTokenIds: number[];
}

export interface RunnerReady {
  type: 'ready';
  executionProvider: ExecutionProvider;
  fallbackReason: string | null;
  io: DecoderIo;
}

export interface WireError {
  code: string;
  message: string;
}

export type RunnerEvent =
  | RunnerReady
  | { type: 'init-error'; error: WireError }
  | { type: 'log'; level: 'info' | 'warn'; obj: object; msg: string }
  | { type: 'reply'; id: number; ok: true; step?: StepLogits; verdicts?: DraftVerdicts; run?: GreedyRun }
  | { type: 'reply'; id: number; ok: false; error: WireError };
