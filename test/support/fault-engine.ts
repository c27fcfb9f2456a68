// Fault injection for resilience tests: wraps the real default cleaner engine and, on command, makes
// it slow, makes it hang until the call is cancelled, or makes calls fail. It records cancellations so
// tests can prove that work for a caller who has gone away is stopped downstream, and the most clean
// calls it ever had in flight at once so tests can prove that jw1 bounds its parallelism.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createDefaultCleanerEngine } from '../../services/cleaner/engines/default/index.ts';
import type { CleanerEngine, CleanOptions, CleanResult } from '../../services/cleaner/engine.ts';
import { MprError, type ErrorCode } from '../../lib/errors.ts';
import type { FlagValues } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { startCleaner } from '../../services/cleaner/main.ts';
import type { DescriberEngine } from '../../services/describer/engine.ts';
import { startDescriber } from '../../services/describer/main.ts';
import { startTestSystem, testConfig } from './system.ts';

export type FaultMode =
  | { kind: 'healthy' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  /** Calls whose text matches hang until cancelled, the others succeed (one stuck sentence of many). */
  | { kind: 'hang-matching'; pattern: RegExp }
  /** The next `count` calls fail with this error code, the later ones succeed. */
  | { kind: 'fail'; code: ErrorCode; count: number }
  /** Calls whose text matches fail with this error code, the others succeed (one bad sentence of many). */
  | { kind: 'fail-matching'; pattern: RegExp; code: ErrorCode };

export interface FaultyCleanerEngine extends CleanerEngine {
  mode: FaultMode;
  readonly calls: number;
  /** Cheap Check calls served (the skip-gate's). */
  readonly checks: number;
  readonly cancelled: number;
  /** Clean calls running now, and the most that ever ran at once since the last resetPeak(). */
  readonly inFlight: number;
  readonly peakInFlight: number;
  resetPeak(): void;
}

function waitOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = ms === Infinity ? undefined : setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

async function injectFault(mode: FaultMode, text: string, signal: AbortSignal | undefined): Promise<void> {
  if (mode.kind === 'fail') {
    if (mode.count > 0) {
      mode.count--;
      throw new MprError(mode.code, `injected ${mode.code}`);
    }
  } else if (mode.kind === 'fail-matching') {
    if (mode.pattern.test(text)) throw new MprError(mode.code, `injected ${mode.code}`);
  } else if (mode.kind === 'hang-matching') {
    if (mode.pattern.test(text)) await waitOrAbort(Infinity, signal);
  } else if (mode.kind !== 'healthy') {
    await waitOrAbort(mode.kind === 'slow' ? mode.delayMs : Infinity, signal);
  }
}

export async function createFaultyCleanerEngine(): Promise<FaultyCleanerEngine> {
  const inner = createDefaultCleanerEngine();
  await inner.warmup();
  let calls = 0;
  let cancelled = 0;
  let checks = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const engine: FaultyCleanerEngine = {
    mode: { kind: 'healthy' },
    info: inner.info,
    get calls() {
      return calls;
    },
    get cancelled() {
      return cancelled;
    },
    get checks() {
      return checks;
    },
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    resetPeak: () => {
      peakInFlight = inFlight;
    },
    check: (text, language) => {
      checks++;
      return inner.check(text, language);
    },
    clean: async (text: string, options?: CleanOptions): Promise<CleanResult> => {
      calls++;
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      try {
        try {
          await injectFault(engine.mode, text, options?.signal);
        } catch (error) {
          if (options?.signal?.aborted) cancelled++;
          throw error;
        }
        return await inner.clean(text, options);
      } finally {
        inFlight--;
      }
    },
  };
  return engine;
}

/** jw1 + jw3 in this process, with jw2 serving the given engine behind a real gRPC server. */
export interface SystemWithCleaner<Engine extends CleanerEngine> {
  engine: Engine;
  base: string;
  /** jw1's gRPC port (the Orchestrator service). */
  grpcPort: number;
  stop(): Promise<void>;
}

export type FaultySystem = SystemWithCleaner<FaultyCleanerEngine>;

export async function startSystemWithFaultyCleaner(orchestratorOverrides: FlagValues): Promise<FaultySystem> {
  return startSystemWithCleaner(await createFaultyCleanerEngine(), orchestratorOverrides);
}

/**
 * A faulty system shared by the tests of one suite: started before them, stopped after them, and its
 * engine back to healthy after each test so a failed test leaves no fault behind. Read the fields inside
 * tests or hooks only.
 */
export function useFaultySystem(orchestratorOverrides: FlagValues): {
  readonly system: FaultySystem;
  readonly engine: FaultyCleanerEngine;
  readonly base: string;
} {
  let system: FaultySystem | undefined;
  beforeAll(async () => {
    system = await startSystemWithFaultyCleaner(orchestratorOverrides);
  });
  afterAll(async () => system?.stop());
  afterEach(() => {
    if (system) system.engine.mode = { kind: 'healthy' };
  });
  const started = (): FaultySystem => {
    if (!system) throw new Error('the faulty system is read before beforeAll ran');
    return system;
  };
  return {
    get system() {
      return started();
    },
    get engine() {
      return started().engine;
    },
    get base() {
      return started().base;
    },
  };
}

/** `describerEngine`: jw3 serves it instead of its default engine. */
export async function startSystemWithCleaner<Engine extends CleanerEngine>(
  engine: Engine,
  orchestratorOverrides: FlagValues = {},
  describerEngine?: DescriberEngine,
): Promise<SystemWithCleaner<Engine>> {
  const silent = createLogger({ level: 'silent', component: 'test' });
  const cleaner = await startCleaner(testConfig(), engine, silent, 0);
  const describer = describerEngine
    ? await startDescriber(testConfig(), describerEngine, silent, 0).then((server) => ({
        ports: { describer: server.port },
        stop: () => server.shutdown(500),
      }))
    : await startTestSystem('describer');
  const orchestrator = await startTestSystem('orchestrator', {
    cleanerAddr: `127.0.0.1:${cleaner.port}`,
    describerAddr: `127.0.0.1:${describer.ports.describer}`,
    ...orchestratorOverrides,
  });
  return {
    engine,
    base: `http://127.0.0.1:${orchestrator.ports.http}`,
    grpcPort: orchestrator.ports.grpc!,
    stop: async () => {
      await orchestrator.stop();
      await describer.stop();
      await cleaner.shutdown(500);
    },
  };
}
