// `mpr serve [all|orchestrator|cleaner|describer]`: starts components and stops them gracefully on
// SIGTERM/SIGINT (readiness false first, then a bounded drain), as Kubernetes expects. SIGHUP, or a change
// of the model manifest file, reloads the agents' LoRA adapter sets without a restart.
import type { Config } from '../lib/config.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { startTelemetry } from '../lib/telemetry/index.ts';
import { startCleaner } from '../services/cleaner/main.ts';
import { startDescriber } from '../services/describer/main.ts';
import { startOrchestrator } from '../orchestrator/main.ts';
import { existsSync, watch } from 'node:fs';
import { DEFAULT_MANIFEST_PATH } from '../models/index.ts';
import { loadCleanerEngine, loadDescriberEngine, reloadAgentAdapters } from '../services/engine-factory.ts';

export const COMPONENTS = ['all', 'orchestrator', 'cleaner', 'describer'] as const;
export type Component = (typeof COMPONENTS)[number];

interface Stoppable {
  name: string;
  shutdown(graceMs: number): Promise<void>;
  /** Re-reads the manifest's adapters for this agent. */
  reloadAdapters?(): Promise<void>;
}

export interface RunningSystem {
  stop(): Promise<void>;
  /** Gives every agent the adapters the manifest lists now; running requests keep the adapter they started with. */
  reloadAdapters(): Promise<void>;
  /** Ports actually bound (useful with port 0). */
  ports: {
    http?: number;
    grpc?: number;
    cleaner?: number;
    describer?: number;
    cleanerMetrics?: number;
    describerMetrics?: number;
  };
}

async function timed<T>(load: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await load();
  return [value, (performance.now() - started) / 1000];
}

export async function startComponents(component: Component, config: Config, logger?: Logger): Promise<RunningSystem> {
  const log = (name: string) =>
    logger?.child({ component: name }) ?? createLogger({ level: config.logLevel, component: name });
  const started: Stoppable[] = [];
  const ports: RunningSystem['ports'] = {};
  let effective = config;
  try {
    if (component === 'all' || component === 'cleaner') {
      const agentLog = log('jw2-cleaner');
      const [engine, loadSeconds] = await timed(() => loadCleanerEngine(config, agentLog));
      const server = await startCleaner(config, engine, agentLog, loadSeconds).catch(async (error: unknown) => {
        await engine.close?.();
        throw error;
      });
      started.push({
        name: 'cleaner',
        shutdown: async (grace) => {
          await server.shutdown(grace);
          await engine.close?.();
        },
        reloadAdapters: () => reloadAgentAdapters('cleaner', engine, config, agentLog),
      });
      ports.cleaner = server.port;
      ports.cleanerMetrics = server.metricsPort;
    }
    if (component === 'all' || component === 'describer') {
      const agentLog = log('jw3-describer');
      const [engine, loadSeconds] = await timed(() => loadDescriberEngine(config, agentLog));
      const server = await startDescriber(config, engine, agentLog, loadSeconds).catch(async (error: unknown) => {
        await engine.close?.();
        throw error;
      });
      started.push({
        name: 'describer',
        shutdown: async (grace) => {
          await server.shutdown(grace);
          await engine.close?.();
        },
        reloadAdapters: () => reloadAgentAdapters('describer', engine, config, agentLog),
      });
      ports.describer = server.port;
      ports.describerMetrics = server.metricsPort;
    }
    if (component === 'all' || component === 'orchestrator') {
      // All-in-one with port 0: point jw1 at the ports the agents really got.
      if (component === 'all') {
        effective = {
          ...config,
          cleanerAddr: config.cleanerAddr || `127.0.0.1:${ports.cleaner}`,
          describerAddr: config.describerAddr || `127.0.0.1:${ports.describer}`,
        };
      }
      const orchestrator = await startOrchestrator(effective, log('jw1-orchestrator'));
      started.unshift({ name: 'orchestrator', shutdown: (grace) => orchestrator.shutdown(grace) });
      ports.http = orchestrator.httpPort;
      ports.grpc = orchestrator.grpcPort;
    }
  } catch (error) {
    await Promise.allSettled(started.map((part) => part.shutdown(0)));
    throw error;
  }
  return {
    ports,
    // The orchestrator drains first so that it can still reach the agents for in-flight requests.
    stop: async () => {
      for (const part of started) await part.shutdown(config.shutdownGraceMs);
    },
    reloadAdapters: async () => {
      for (const part of started) await part.reloadAdapters?.();
    },
  };
}

const SERVICE_NAME: Record<Component, string> = {
  all: 'mpr',
  orchestrator: 'jw1-orchestrator',
  cleaner: 'jw2-cleaner',
  describer: 'jw3-describer',
};

/** Longest wait for the last spans to be exported at exit. */
const TELEMETRY_FLUSH_MS = 3_000;

function withinMs(ms: number, work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    work
      .then(
        () => resolve(),
        () => resolve(),
      )
      .finally(() => clearTimeout(timer));
  });
}

export async function serveUntilSignal(component: Component, config: Config): Promise<void> {
  const telemetry = startTelemetry(SERVICE_NAME[component]);
  const root = createLogger({ level: config.logLevel });
  const system = await startComponents(component, config, root);
  const logger = root.child({ component: 'mpr' });
  logger.info({ tracing: telemetry.tracing }, 'telemetry started');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: readiness off, draining in-flight requests');
    system.stop().then(
      // Spans still buffered by the batch processor go out before the process ends, but an unreachable
      // collector must not hold the exit past the pod's termination grace period.
      () => withinMs(TELEMETRY_FLUSH_MS, telemetry.shutdown()).finally(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A failed reload (a manifest that does not parse, an adapter that cannot load) keeps the set in use.
  const reload = (cause: string) => {
    if (stopping) return;
    system.reloadAdapters().then(
      () => logger.info({ cause }, 'model manifest reloaded'),
      (error: unknown) =>
        logger.error({ err: error, cause }, 'model manifest reload failed; the previous adapters stay'),
    );
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  const manifest = config.modelManifest || (existsSync(DEFAULT_MANIFEST_PATH) ? DEFAULT_MANIFEST_PATH : null);
  if (manifest) {
    // Editors write a file in several events; one reload after they settle.
    let timer: NodeJS.Timeout | null = null;
    watch(manifest, { persistent: false }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => reload('manifest changed'), 200);
      timer.unref();
    }).on('error', (error) => logger.warn({ err: error, manifest }, 'cannot watch the model manifest'));
  }
}
