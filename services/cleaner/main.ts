// Wiring of jw2: an engine (chosen by the composition root) behind the CleanerService gRPC server, and
// its metrics port.
import type { Config } from '../../lib/config.ts';
import { loadMprProto, SERVICE_NAMES } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { startAgentServer, type RunningAgent } from '../shared/agent-server.ts';
import type { CleanerEngine } from './engine.ts';
import { createCleanerHandlers } from './service.ts';

export type RunningCleaner = RunningAgent;

export async function startCleaner(
  config: Config,
  engine: CleanerEngine,
  logger: Logger,
  loadSeconds = 0,
): Promise<RunningCleaner> {
  return startAgentServer({
    config,
    component: 'jw2-cleaner',
    agent: 'cleaner',
    host: config.host,
    grpcPort: config.cleanerPort,
    metricsPort: config.cleanerMetricsPort,
    serviceName: SERVICE_NAMES.cleaner,
    definition: loadMprProto().proto.mpr.v1.CleanerService.service,
    engine: engine.info,
    loadSeconds,
    logger,
    maxInflight: config.agentMaxInflight,
    handlers: (metrics) => createCleanerHandlers(engine, { maxTextBytes: config.maxTextBytes, metrics }),
  });
}
