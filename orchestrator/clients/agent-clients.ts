// gRPC clients of the two agents. Channels use round_robin so that a DNS name with several addresses
// (a Kubernetes headless Service) spreads calls over every replica.
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { loadMprProto, SERVICE_NAMES } from '../../lib/grpc/index.ts';
import { traceContextInterceptor } from '../../lib/telemetry/index.ts';
import { grpcChannelCredentials, type CertificateFiles } from '../../lib/tls/index.ts';
import type { CleanerServiceClient } from '../../proto/generated/mpr/v1/CleanerService.ts';
import type { DescriberServiceClient } from '../../proto/generated/mpr/v1/DescriberService.ts';
import type { CheckRequest } from '../../proto/generated/mpr/v1/CheckRequest.ts';
import type { CheckResponse__Output } from '../../proto/generated/mpr/v1/CheckResponse.ts';
import type { CleanRequest } from '../../proto/generated/mpr/v1/CleanRequest.ts';
import type { CleanResponse__Output } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeRequest } from '../../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse__Output } from '../../proto/generated/mpr/v1/DescribeResponse.ts';
import type { ParaphraseRequest } from '../../proto/generated/mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse__Output } from '../../proto/generated/mpr/v1/ParaphraseResponse.ts';
import type { CallBudget } from './call-budget.ts';
import { callServerStream } from './stream-call.ts';
import { callUnary } from './unary-call.ts';

// Retries (grpc-js implements gRFC A6: jittered exponential backoff, bounded by the call deadline) only
// for UNAVAILABLE, and only on these methods, which are all idempotent.
const RETRY_POLICY = {
  maxAttempts: 3,
  initialBackoff: '0.05s',
  maxBackoff: '0.5s',
  backoffMultiplier: 2,
  retryableStatusCodes: ['UNAVAILABLE'],
};

const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.service_config': JSON.stringify({
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: [
      { name: [{ service: SERVICE_NAMES.cleaner }, { service: SERVICE_NAMES.describer }], retryPolicy: RETRY_POLICY },
    ],
    // When failed attempts outnumber successes by 5 (every replica saturated or down), retries stop until
    // successes refill the budget: a retry storm would triple the load on agents that already refuse it
    // (gRFC A6). A success refills a whole token, so one saturated replica among free ones (half the
    // attempts refused, each retried on the next replica) keeps its retries.
    retryThrottling: { maxTokens: 10, tokenRatio: 1 },
  }),
  // Reconnect quickly after an agent restarts instead of grpc-js's default backoff of up to 120 s.
  'grpc.max_reconnect_backoff_ms': 2_000,
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.keepalive_time_ms': 30_000,
  // No channelz service is exposed, so its per-call bookkeeping would be kept for nobody.
  'grpc.enable_channelz': 0,
};

interface HealthCheckClient {
  check(
    request: { service: string },
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<{ status: string }>,
  ): grpc.ClientUnaryCall;
}

export type AgentName = 'cleaner' | 'describer';

export interface AgentClients {
  clean(request: CleanRequest, budget: CallBudget): Promise<CleanResponse__Output>;
  /** jw2's cheap checker, no model; with `adapter`, also whether jw2 holds that adapter (unknown_adapter). */
  check(request: CheckRequest, budget: CallBudget): Promise<CheckResponse__Output>;
  describe(request: DescribeRequest, budget: CallBudget): Promise<DescribeResponse__Output>;
  paraphrase(request: ParaphraseRequest, budget: CallBudget): Promise<ParaphraseResponse__Output>;
  /** Describe over jw3's DescribeStream: `onJsonDelta` gets the JSON text as it is generated. */
  describeStream(
    request: DescribeRequest,
    budget: CallBudget,
    onJsonDelta: (piece: string) => void,
  ): Promise<DescribeResponse__Output>;
  /** grpc.health.v1 status of one agent ("SERVING", "NOT_SERVING", or "UNREACHABLE"). */
  health(agent: AgentName, timeoutMs: number): Promise<string>;
  /** Whether the agent has answered a call (or a SERVING health check) at least once since start. */
  reachedOnce(agent: AgentName): boolean;
  close(): void;
}

export interface AgentChannelOptions {
  /** TLS toward the agents (CA, and a client certificate for mutual TLS); plaintext without. New
   * connections use the files' latest set, so a rotated client certificate is used from the next one on. */
  tls?: CertificateFiles;
  /** Least time between two DNS resolutions of an agent's name. A name is resolved again whenever a
   * connection to it ends (an agent's max connection age ends each one in turn), which is how agent
   * pods added after jw1 connected come to get calls. */
  dnsMinIntervalMs: number;
}

export function createAgentClients(
  targets: { cleaner: string; describer: string },
  options: AgentChannelOptions,
): AgentClients {
  const { proto } = loadMprProto();
  const credentials = grpcChannelCredentials(options.tls);
  const channelOptions: grpc.ChannelOptions = {
    ...CHANNEL_OPTIONS,
    'grpc.dns_min_time_between_resolutions_ms': options.dnsMinIntervalMs,
  };
  // The interceptor opens each call's client span and carries the trace context to the agent.
  const traced = (agent: AgentName) => ({ ...channelOptions, interceptors: [traceContextInterceptor(agent)] });
  const cleaner = new proto.mpr.v1.CleanerService(
    targets.cleaner,
    credentials,
    traced('cleaner'),
  ) as CleanerServiceClient;
  const describer = new proto.mpr.v1.DescriberService(
    targets.describer,
    credentials,
    traced('describer'),
  ) as DescriberServiceClient;
  const HealthClient = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, 'Health');
  const health = {
    cleaner: new HealthClient(targets.cleaner, credentials, channelOptions),
    describer: new HealthClient(targets.describer, credentials, channelOptions),
  };
  const serviceName = { cleaner: SERVICE_NAMES.cleaner, describer: SERVICE_NAMES.describer };
  const meta = (budget: CallBudget) => budget.metadata ?? new grpc.Metadata();

  const reached = new Set<AgentName>();
  const noting = <T>(agent: AgentName, answer: Promise<T>): Promise<T> =>
    reached.has(agent)
      ? answer
      : answer.then((value) => {
          reached.add(agent);
          return value;
        });

  return {
    clean: (request, budget) =>
      noting('cleaner', callUnary('cleaner', cleaner.Clean.bind(cleaner), request, budget, meta(budget))),
    check: (request, budget) =>
      noting('cleaner', callUnary('cleaner', cleaner.Check.bind(cleaner), request, budget, meta(budget))),
    describe: (request, budget) =>
      noting('describer', callUnary('describer', describer.Describe.bind(describer), request, budget, meta(budget))),
    paraphrase: (request, budget) =>
      noting('cleaner', callUnary('cleaner', cleaner.Paraphrase.bind(cleaner), request, budget, meta(budget))),
    describeStream: (request, budget, onJsonDelta) =>
      noting(
        'describer',
        callServerStream(
          'describer',
          describer.DescribeStream.bind(describer),
          request,
          budget,
          meta(budget),
          (event) => event.result ?? undefined,
          (event) => {
            if (event.jsonDelta) onJsonDelta(event.jsonDelta);
          },
        ),
      ),
    health: (agent, timeoutMs) => {
      const client = health[agent] as unknown as HealthCheckClient;
      return callUnary(
        'health',
        client.check.bind(client),
        { service: serviceName[agent] },
        { deadline: Date.now() + timeoutMs },
        new grpc.Metadata(),
      ).then(
        (response) => {
          if (response.status === 'SERVING') reached.add(agent);
          return response.status;
        },
        () => 'UNREACHABLE',
      );
    },
    reachedOnce: (agent) => reached.has(agent),
    close: () => {
      for (const client of [cleaner, describer, health.cleaner, health.describer]) client.close();
    },
  };
}
