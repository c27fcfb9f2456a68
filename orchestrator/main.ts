// Wiring of jw1: agent clients -> pipeline -> HTTP gateway + gRPC service. No decisions here.
import type { Server as TlsServer } from 'node:tls';
import type * as grpc from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { agentTargets, type Config } from '../lib/config.ts';
import { loadMprProto, SERVICE_NAMES, startGrpcServer } from '../lib/grpc/index.ts';
import type { Logger } from '../lib/logger.ts';
import {
  createMetricsRegistry,
  grpcServerMetrics,
  httpMetrics,
  pipelineMetrics,
  streamMetrics,
} from '../lib/metrics/index.ts';
import {
  agentClientCertificates,
  followRotations,
  serverCertificates,
  tlsMode,
  tlsServerOptions,
} from '../lib/tls/index.ts';
import { createResultCache } from './cache.ts';
import { createClientRateLimiter } from './client-rate-limiter.ts';
import { createAgentClients } from './clients/agent-clients.ts';
import { createAgentGuard } from './clients/guard.ts';
import { createOrchestratorHandlers } from './grpc-service.ts';
import { buildGateway } from './http/app.ts';
import { createPipeline } from './pipeline.ts';

const COMPONENT = 'jw1-orchestrator';

/** Closes the gateway, waiting for in-flight requests at most graceMs before cutting connections. */
async function closeWithin(gateway: FastifyInstance, graceMs: number): Promise<void> {
  const force = setTimeout(() => gateway.server.closeAllConnections(), graceMs);
  try {
    await gateway.close();
  } finally {
    clearTimeout(force);
  }
}

export interface RunningOrchestrator {
  httpPort: number;
  grpcPort: number;
  /** Readiness goes false first, then both servers drain for at most graceMs. */
  shutdown(graceMs: number): Promise<void>;
}

export async function startOrchestrator(config: Config, logger: Logger): Promise<RunningOrchestrator> {
  // Unusable TLS files stop jw1 here, before it opens any port.
  const serverTls = serverCertificates(config, logger);
  const agentTls = agentClientCertificates(config, logger);
  const agents = createAgentClients(agentTargets(config), {
    ...(agentTls ? { tls: agentTls } : {}),
    dnsMinIntervalMs: config.agentDnsMinIntervalMs,
  });
  const guardConfig = {
    maxConcurrent: config.agentMaxConcurrency,
    maxQueue: config.agentMaxQueue,
    breakerResetMs: config.breakerResetMs,
    breakerStallMs: config.breakerStallMs,
  };
  const guards = {
    cleaner: createAgentGuard('cleaner', guardConfig),
    describer: createAgentGuard('describer', guardConfig),
  };
  const registry = createMetricsRegistry(COMPONENT);
  const decisions = pipelineMetrics(registry);
  const streaming = streamMetrics(registry);
  for (const [agent, guard] of Object.entries(guards)) {
    decisions.watchQueueDepth(agent, () => guard.stats().queued);
    decisions.watchCircuit(agent, () => guard.stats().breaker);
    guard.onRejected = (reason) => decisions.rejection(agent, reason);
  }
  const cache = createResultCache({ maxEntries: config.cacheMaxEntries, maxBytes: config.cacheMaxBytes });
  const pipeline = createPipeline(
    { agents, guards, observer: decisions, ...(cache ? { cache } : {}) },
    {
      maxTextBytes: config.maxTextBytes,
      maxBatchItems: config.maxBatchItems,
      degradedMode: config.degradedMode,
      skipGate: { minLetters: config.skipGateMinLetters, cheapChecker: config.skipGateChecker },
      sentenceParallelism: config.sentenceParallelism,
      batchParallelism: config.agentMaxConcurrency,
    },
  );
  // Per-client refusals happen before any agent is chosen; they are counted under the gateway itself.
  const rateLimiter = createClientRateLimiter({ rps: config.rateLimitRps, burst: config.rateLimitBurst }, () =>
    decisions.rejection('gateway', 'rate_limited'),
  );
  let accepting = true;
  const gateway = await buildGateway({
    pipeline,
    agents,
    logger,
    maxTextBytes: config.maxTextBytes,
    maxBatchItems: config.maxBatchItems,
    requestTimeoutMs: config.requestTimeoutMs,
    isAccepting: () => accepting,
    ...(rateLimiter ? { rateLimiter } : {}),
    metrics: { registry, http: httpMetrics(registry), streaming },
    ...(serverTls ? { https: tlsServerOptions(serverTls) } : {}),
  });
  if (serverTls) followRotations(gateway.server as unknown as TlsServer, serverTls);
  await gateway.listen({ host: config.host, port: config.httpPort });
  const address = gateway.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;

  const { proto } = loadMprProto();
  const grpcServer = await startGrpcServer(
    config.host,
    config.grpcPort,
    [
      {
        name: SERVICE_NAMES.orchestrator,
        definition: proto.mpr.v1.Orchestrator.service,
        implementation: createOrchestratorHandlers(
          pipeline,
          config.requestTimeoutMs,
          rateLimiter,
          streaming,
        ) as unknown as grpc.UntypedServiceImplementation,
      },
    ],
    {
      instrumentation: { component: COMPONENT, onCallStart: grpcServerMetrics(registry), logger },
      ...(serverTls ? { tls: serverTls } : {}),
      maxConnectionAgeMs: config.grpcMaxConnectionAgeMs,
      maxConnectionAgeGraceMs: config.grpcMaxConnectionAgeGraceMs,
    },
  );
  logger.info(
    {
      httpPort,
      grpcPort: grpcServer.port,
      targets: agentTargets(config),
      transport: { server: tlsMode(serverTls), agents: tlsMode(agentTls, 'client') },
    },
    'orchestrator jw1 listening',
  );

  return {
    httpPort,
    grpcPort: grpcServer.port,
    shutdown: async (graceMs) => {
      accepting = false;
      await Promise.all([grpcServer.shutdown(graceMs), closeWithin(gateway, graceMs)]);
      agents.close();
      serverTls?.close();
      agentTls?.close();
      await rateLimiter?.close();
    },
  };
}
