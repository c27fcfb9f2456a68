// Wiring of jw3: an engine (chosen by the composition root) behind the DescriberService gRPC server, and
// its metrics port.
import type { Config } from '../../lib/config.ts';
import { loadMprProto, SERVICE_NAMES } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { startAgentServer, type RunningAgent } from '../shared/agent-server.ts';
import type { DescriberEngine } from './engine.ts';
import { createDescriberHandlers } from './service.ts';
import { resolveTask } from './task-resolver.ts';
import { validateDocument } from './tasks/index.ts';

export type RunningDescriber = RunningAgent;

export async function startDescriber(
  config: Config,
  engine: DescriberEngine,
  logger: Logger,
  loadSeconds = 0,
): Promise<RunningDescriber> {
  return startAgentServer({
    config,
    component: 'jw3-describer',
    agent: 'describer',
    host: config.host,
    grpcPort: config.describerPort,
    metricsPort: config.describerMetricsPort,
    serviceName: SERVICE_NAMES.describer,
    definition: loadMprProto().proto.mpr.v1.DescriberService.service,
    engine: engine.info,
    loadSeconds,
    logger,
    maxInflight: config.agentMaxInflight,
    handlers: (metrics) =>
      createDescriberHandlers(engine, {
        maxTextBytes: config.maxTextBytes,
        resolveTask,
        validate: validateDocument,
        metrics,
      }),
  });
}
