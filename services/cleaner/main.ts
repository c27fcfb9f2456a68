// Wiring of jw2: an engine (chosen by the composition root) behind the CleanerService gRPC server.
import type * as grpc from '@grpc/grpc-js';
import type { Config } from '../../lib/config.ts';
import { loadMprProto, SERVICE_NAMES, startGrpcServer, type RunningGrpcServer } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { CleanerEngine } from './engine.ts';
import { createCleanerHandlers } from './service.ts';

export async function startCleaner(config: Config, engine: CleanerEngine, logger: Logger): Promise<RunningGrpcServer> {
  const { proto } = loadMprProto();
  const server = await startGrpcServer(config.host, config.cleanerPort, [
    {
      name: SERVICE_NAMES.cleaner,
      definition: proto.mpr.v1.CleanerService.service,
      implementation: createCleanerHandlers(engine, { maxTextBytes: config.maxTextBytes }) as unknown as grpc.UntypedServiceImplementation,
    },
  ]);
  logger.info({ port: server.port, engine: engine.info }, 'cleaner jw2 listening');
  return server;
}
