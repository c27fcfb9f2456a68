// What every agent process runs: its metrics port, then its gRPC service (with health, reflection and
// tracing) on its own port. Both agents' main.ts only say which service and which handlers.
import type * as grpc from '@grpc/grpc-js';
import { startGrpcServer, type RunningGrpcServer } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { limitInflight } from './admission.ts';
import { startAgentObservability, type AgentObservability } from './agent-observability.ts';
import type { EngineInfo } from './engine-types.ts';

export interface RunningAgent extends RunningGrpcServer {
  readonly metricsPort: number;
}

export interface AgentServerOptions {
  component: string;
  agent: 'cleaner' | 'describer';
  host: string;
  grpcPort: number;
  metricsPort: number;
  serviceName: string;
  definition: grpc.ServiceDefinition;
  engine: EngineInfo;
  loadSeconds: number;
  logger: Logger;
  /** Calls worked on at once; more are refused (see admission.ts). */
  maxInflight: number;
  handlers(metrics: AgentObservability['model']): object;
}

export async function startAgentServer(options: AgentServerOptions): Promise<RunningAgent> {
  const observability = await startAgentObservability({
    component: options.component,
    agent: options.agent,
    host: options.host,
    metricsPort: options.metricsPort,
    engine: options.engine,
    loadSeconds: options.loadSeconds,
    logger: options.logger,
  });
  const implementation = limitInflight(
    options.handlers(observability.model) as grpc.UntypedServiceImplementation,
    options.definition,
    options.maxInflight,
    options.agent,
  );
  const server = await startGrpcServer(
    options.host,
    options.grpcPort,
    [{ name: options.serviceName, definition: options.definition, implementation }],
    observability.instrumentation,
  ).catch(async (error: unknown) => {
    await observability.metricsServer.close();
    throw error;
  });
  options.logger.info(
    { port: server.port, metricsPort: observability.metricsServer.port, engine: options.engine },
    `${options.component} listening`,
  );
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
