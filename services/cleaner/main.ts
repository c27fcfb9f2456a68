// Wiring of jw2: an engine (chosen by the composition root) behind the CleanerService gRPC server, and
// its metrics port.
import type * as grpc from '@grpc/grpc-js';
import type { Config } from '../../lib/config.ts';
import { loadMprProto, SERVICE_NAMES, startGrpcServer, type RunningGrpcServer } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { startAgentObservability } from '../shared/agent-observability.ts';
import type { CleanerEngine } from './engine.ts';
import { createCleanerHandlers } from './service.ts';

export interface RunningCleaner extends RunningGrpcServer {
  readonly metricsPort: number;
}

export async function startCleaner(config: Config, engine: CleanerEngine, logger: Logger, loadSeconds = 0): Promise<RunningCleaner> {
  const { proto } = loadMprProto();
  const observability = await startAgentObservability({
    component: 'jw2-cleaner',
    agent: 'cleaner',
    host: config.host,
    metricsPort: config.cleanerMetricsPort,
    engine: engine.info,
    loadSeconds,
    logger,
  });
  const handlers = createCleanerHandlers(engine, { maxTextBytes: config.maxTextBytes, metrics: observability.model });
  const server = await startGrpcServer(
    config.host,
    config.cleanerPort,
    [{ name: SERVICE_NAMES.cleaner, definition: proto.mpr.v1.CleanerService.service, implementation: handlers as unknown as grpc.UntypedServiceImplementation }],
    observability.instrumentation,
  ).catch(async (error: unknown) => {
    await observability.metricsServer.close();
    throw error;
  });
  logger.info({ port: server.port, metricsPort: observability.metricsServer.port, engine: engine.info }, 'cleaner jw2 listening');
  return {
    port: server.port,
    health: server.health,
    metricsPort: observability.metricsServer.port,
    shutdown: async (graceMs) => {
      await server.shutdown(graceMs);
      await observability.metricsServer.close();
    },
  };
}
