// What every agent process runs: its metrics port, then its gRPC service (with health, reflection and
// tracing) on its own port. Both agents' main.ts only say which service and which handlers.
import type * as grpc from '@grpc/grpc-js';
import type { Config } from '../../lib/config.ts';
import { startGrpcServer, type RunningGrpcServer } from '../../lib/grpc/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { serverCertificates, tlsMode } from '../../lib/tls/index.ts';
import { limitInflight } from './admission.ts';
import { startAgentObservability, type AgentObservability } from './agent-observability.ts';
import type { EngineInfo } from './engine-types.ts';

export interface RunningAgent extends RunningGrpcServer {
  readonly metricsPort: number;
}

export interface AgentServerOptions {
  /** TLS files and connection age of the gRPC port. */
  config: Config;
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
  const { config } = options;
  // Unusable TLS files stop the agent here, before it opens any port.
  const tls = serverCertificates(config, options.logger);
  let grpcServer: RunningGrpcServer | undefined;
  const observability = await startAgentObservability({
    component: options.component,
    agent: options.agent,
    host: options.host,
    metricsPort: options.metricsPort,
    engine: options.engine,
    loadSeconds: options.loadSeconds,
    logger: options.logger,
    isReady: () => grpcServer?.serving() ?? false,
  }).catch((error: unknown) => {
    tls?.close();
    throw error;
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
    {
      instrumentation: observability.instrumentation,
      ...(tls ? { tls } : {}),
      maxConnectionAgeMs: config.grpcMaxConnectionAgeMs,
      maxConnectionAgeGraceMs: config.grpcMaxConnectionAgeGraceMs,
    },
  ).catch(async (error: unknown) => {
    tls?.close();
    await observability.metricsServer.close();
    throw error;
  });
  grpcServer = server;
  options.logger.info(
    {
      port: server.port,
      metricsPort: observability.metricsServer.port,
      engine: options.engine,
      transport: tlsMode(tls),
      maxConnectionAgeMs: config.grpcMaxConnectionAgeMs,
    },
    `${options.component} listening`,
  );
  return {
    port: server.port,
    health: server.health,
    serving: server.serving,
    metricsPort: observability.metricsServer.port,
    shutdown: async (graceMs) => {
      await server.shutdown(graceMs);
      tls?.close();
      await observability.metricsServer.close();
    },
  };
}
