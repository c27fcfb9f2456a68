// Wiring of jw3: an engine (chosen by the composition root) behind the DescriberService gRPC server, and
// its metrics port.
import type * as grpc from '@grpc/grpc-js';
import type { Config } from '../../lib/config.ts';
import { loadMprProto, SERVICE_NAMES, startGrpcServer, type RunningGrpcServer } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { startAgentObservability } from '../shared/agent-observability.ts';
import type { DescriberEngine } from './engine.ts';
import { createDescriberHandlers } from './service.ts';
import { resolveTask } from './task-resolver.ts';
import { validateDocument } from './tasks/index.ts';

export interface RunningDescriber extends RunningGrpcServer {
  readonly metricsPort: number;
}

export async function startDescriber(config: Config, engine: DescriberEngine, logger: Logger, loadSeconds = 0): Promise<RunningDescriber> {
  const { proto } = loadMprProto();
  const observability = await startAgentObservability({
    component: 'jw3-describer',
    agent: 'describer',
    host: config.host,
    metricsPort: config.describerMetricsPort,
    engine: engine.info,
    loadSeconds,
    logger,
  });
  const handlers = createDescriberHandlers(engine, { maxTextBytes: config.maxTextBytes, resolveTask, validate: validateDocument, metrics: observability.model });
  const server = await startGrpcServer(
    config.host,
    config.describerPort,
    [{ name: SERVICE_NAMES.describer, definition: proto.mpr.v1.DescriberService.service, implementation: handlers as unknown as grpc.UntypedServiceImplementation }],
    observability.instrumentation,
  ).catch(async (error: unknown) => {
    await observability.metricsServer.close();
    throw error;
  });
  logger.info({ port: server.port, metricsPort: observability.metricsServer.port, engine: engine.info }, 'describer jw3 listening');
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
