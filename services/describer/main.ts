// Wiring of jw3: an engine (chosen by the composition root) behind the DescriberService gRPC server.
import type * as grpc from '@grpc/grpc-js';
import type { Config } from '../../lib/config.ts';
import { loadMprProto, SERVICE_NAMES, startGrpcServer, type RunningGrpcServer } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { DescriberEngine } from './engine.ts';
import { createDescriberHandlers } from './service.ts';
import { resolveTask } from './task-resolver.ts';
import { validateDocument } from './tasks/index.ts';

export async function startDescriber(config: Config, engine: DescriberEngine, logger: Logger): Promise<RunningGrpcServer> {
  const { proto } = loadMprProto();
  const handlers = createDescriberHandlers(engine, { maxTextBytes: config.maxTextBytes, resolveTask, validate: validateDocument });
  const server = await startGrpcServer(config.host, config.describerPort, [
    {
      name: SERVICE_NAMES.describer,
      definition: proto.mpr.v1.DescriberService.service,
      implementation: handlers as unknown as grpc.UntypedServiceImplementation,
    },
  ]);
  logger.info({ port: server.port, engine: engine.info }, 'describer jw3 listening');
  return server;
}
