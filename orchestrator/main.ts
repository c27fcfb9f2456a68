// Wiring of jw1: agent clients -> pipeline -> HTTP gateway + gRPC service. No decisions here.
import type { Server as TlsServer } from 'node:tls';
import type * as grpc from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { agentTargets, type Config } from '../lib/config.ts';
import { loadMprProto, type RunningGrpcServer, SERVICE_NAMES, startGrpcServer } from '../lib/grpc/index.ts';
import type { Logger } from '../lib/logger.ts';
import {
  accessMetrics,
  createMetricsRegistry,
  grpcServerMetrics,
  httpMetrics,
  pipelineMetrics,
  type Registry,
  type StreamMetrics,
  streamMetrics,
} from '../lib/metrics/index.ts';
import type { SchemaLimits } from '../lib/schema-limits.ts';
import {
  agentClientCertificates,
  followRotations,
  type CertificateFiles,
  serverCertificates,
  tlsMode,
  tlsServerOptions,
} from '../lib/tls/index.ts';
import { startAccessControl } from './access-setup.ts';
import { createResultCache } from './cache.ts';
import { createAgentClients } from './clients/agent-clients.ts';
import { createAgentGuard } from './clients/guard.ts';
import type { CallGuard } from './grpc-call.ts';
import { createOrchestratorHandlers } from './grpc-service.ts';
import { buildGateway } from './http/app.ts';
import { createPipeline, type Pipeline } from './pipeline.ts';

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

function startOrchestratorGrpc(
  config: Config,
  pipeline: Pipeline,
  guard: CallGuard,
  metrics: { registry: Registry; streaming: StreamMetrics },
  serverTls: CertificateFiles | undefined,
  logger: Logger,
): Promise<RunningGrpcServer> {
  const { proto } = loadMprProto();
  return startGrpcServer(
    config.host,
    config.grpcPort,
    [
      {
        name: SERVICE_NAMES.orchestrator,
        definition: proto.mpr.v1.Orchestrator.service,
        implementation: createOrchestratorHandlers(
          pipeline,
          config.requestTimeoutMs,
          guard,
          metrics.streaming,
        ) as unknown as grpc.UntypedServiceImplementation,
      },
    ],
    {
      instrumentation: { component: COMPONENT, onCallStart: grpcServerMetrics(metrics.registry), logger },
      ...(serverTls ? { tls: serverTls } : {}),
      maxConnectionAgeMs: config.grpcMaxConnectionAgeMs,
      maxConnectionAgeGraceMs: config.grpcMaxConnectionAgeGraceMs,
    },
  );
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
      adapterVouchTtlMs: config.skipGateAdapterTtlMs,
    },
  );
  // Per-client refusals happen before any agent is chosen; they are counted under the gateway itself.
  const access = accessMetrics(registry);
  const gate = startAccessControl(config, access, (reason) => decisions.rejection('gateway', reason), logger);
  const schemaLimits: SchemaLimits = {
    maxBytes: config.schemaMaxBytes,
    maxDepth: config.jsonMaxDepth,
    maxRefs: config.schemaMaxRefs,
    maxExpandedNodes: config.schemaMaxExpandedNodes,
  };
  let accepting = true;
  const gateway = await buildGateway({
    pipeline,
    agents,
    logger,
    maxTextBytes: config.maxTextBytes,
    maxBatchItems: config.maxBatchItems,
    requestTimeoutMs: config.requestTimeoutMs,
    isAccepting: () => accepting,
    access: gate.access,
    limits: {
      jsonMaxDepth: config.jsonMaxDepth,
      schema: schemaLimits,
      headersTimeoutMs: config.httpHeadersTimeoutMs,
      bodyTimeoutMs: config.httpBodyTimeoutMs,
    },
    onClientError: (code) => access.clientError(code),
    metrics: { registry, http: httpMetrics(registry), streaming },
    ...(serverTls ? { https: tlsServerOptions(serverTls) } : {}),
  });
  if (serverTls) followRotations(gateway.server as unknown as TlsServer, serverTls);
  let grpcServer: RunningGrpcServer;
  let httpPort: number;
  try {
    await gateway.listen({ host: config.host, port: config.httpPort });
    const address = gateway.server.address();
    httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
    grpcServer = await startOrchestratorGrpc(
      config,
      pipeline,
      { access: gate.access, schemaLimits },
      { registry, streaming },
      serverTls,
      logger,
    );
  } catch (error) {
    // A port in use: release what started (the Redis connection would keep the process alive).
    await gateway.close();
    agents.close();
    await gate.close();
    serverTls?.close();
    agentTls?.close();
    throw error;
  }
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
      await gate.close();
      serverTls?.close();
      agentTls?.close();
    },
  };
}
