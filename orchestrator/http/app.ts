// jw1's HTTP gateway (fastify). Routes only translate (pipeline-routes.ts): JSON in -> pipeline call with
// a deadline and a cancellation signal -> JSON out (or Server-Sent Events, see event-stream.ts). Body
// parsing is strict UTF-8 JSON with a nesting limit (json-body.ts); who may call and how often is decided
// by the access gate (./access.ts) before the body is read.
import { randomUUID } from 'node:crypto';
import { fastifySSE } from '@fastify/sse';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { SETTINGS } from '../../lib/config.ts';
import { MprError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  registerHttpMetrics,
  registerMetricsRoute,
  type HttpMetrics,
  type Registry,
  type StreamMetrics,
  type StreamOperation,
} from '../../lib/metrics/index.ts';
import { traceHttpServer } from '../../lib/telemetry/index.ts';
import type { AgentClients } from '../clients/agent-clients.ts';
import type { AccessControl } from '../access-control.ts';
import type { Pipeline } from '../pipeline.ts';
import {
  admitRequest,
  clientErrorHandler,
  type GatewayLimits,
  refuseEncodedBody,
  slowClientOptions,
} from './access.ts';
import { sendError } from './errors.ts';
import { REQUEST_ID_HEADER } from './headers.ts';
import { eventStreamOf } from './event-stream.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { registerApiDocs } from './openapi.ts';
import { registerPipelineRoutes } from './pipeline-routes.ts';
import { registerPlayground } from './playground.ts';

export interface GatewayOptions {
  pipeline: Pipeline;
  agents: AgentClients;
  logger: Logger;
  maxTextBytes: number;
  maxBatchItems: number;
  requestTimeoutMs: number;
  /** False once shutdown starts, so that /readyz turns away new traffic before the drain. */
  isAccepting: () => boolean;
  /** Authentication, permissions, rate and quota; without it every request is admitted. */
  access?: AccessControl;
  /** Limits against abusive clients; the settings' defaults when absent. */
  limits?: GatewayLimits;
  /** Told of every connection refused before it became a request (request_timeout, headers_too_large, ...). */
  onClientError?: (code: string) => void;
  /** jw1's Prometheus registry (served on GET /metrics), its HTTP request and its streaming metrics. */
  metrics?: { registry: Registry; http: HttpMetrics; streaming?: StreamMetrics };
  /** Serves HTTPS with this certificate and key (rotated later through the server's setSecureContext). */
  https?: { cert: Buffer; key: Buffer };
}

export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  jsonMaxDepth: SETTINGS.jsonMaxDepth.defaultValue,
  schema: {
    maxBytes: SETTINGS.schemaMaxBytes.defaultValue,
    maxDepth: SETTINGS.jsonMaxDepth.defaultValue,
    maxRefs: SETTINGS.schemaMaxRefs.defaultValue,
    maxExpandedNodes: SETTINGS.schemaMaxExpandedNodes.defaultValue,
  },
  headersTimeoutMs: SETTINGS.httpHeadersTimeoutMs.defaultValue,
  bodyTimeoutMs: SETTINGS.httpBodyTimeoutMs.defaultValue,
};

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { pipeline, access } = options;
  const limits = options.limits ?? DEFAULT_GATEWAY_LIMITS;
  // JSON escapes can make a text up to 6x larger on the wire; the text limit itself is checked per field.
  const bodyLimit = options.maxTextBytes * 6 + 64 * 1024;
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // lib/telemetry logs one line per request instead, with its trace and request ids.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    ...slowClientOptions(limits),
    clientErrorHandler: clientErrorHandler(options.onClientError),
    // While draining, requests that still arrive on open keep-alive connections get jw1's own typed 503
    // (the onRequest hook below) instead of fastify's untyped one.
    return503OnClosing: false,
    genReqId: (request) => {
      const given = request.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    // An https.Server has the http.Server request API fastify uses; only the socket layer differs.
    ...((options.https ? { https: options.https } : {}) as object),
  });

  // Before any route: the OpenAPI document (/openapi.json, /docs) is collected as routes are declared.
  await registerApiDocs(app);
  // Before any route: the tracing hooks wrap the handlers of routes declared after them, and so does
  // @fastify/sse (Server-Sent Events for the routes marked `sse: 'dual'`; see event-stream.ts).
  traceHttpServer(app, 'jw1-orchestrator');
  await app.register(fastifySSE);
  if (options.metrics) {
    registerHttpMetrics(app, options.metrics.http);
    registerMetricsRoute(app, options.metrics.registry);
  }

  registerJsonBodyParser(app, bodyLimit, limits.jsonMaxDepth);
  app.setErrorHandler((error, request, reply) => sendError(reply, error, request));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new MprError('not_found', `no route ${request.method} ${request.url}`)),
  );
  /** Headers of every answer; an event stream sets them before its first event (onSend does not run). */
  const answerHeaders = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // While draining, tell keep-alive clients to reconnect elsewhere so idle sockets do not hold the close.
    if (!options.isAccepting()) reply.header('connection', 'close');
  };
  app.addHook('onSend', async (request, reply) => answerHeaders(request, reply));
  const eventStream = (request: FastifyRequest, reply: FastifyReply, operation: StreamOperation) =>
    eventStreamOf(request, reply, operation, () => answerHeaders(request, reply), options.metrics?.streaming);

  // Refusals that need no body run before it is read and parsed: shutting down, a compressed body, then
  // the access gate: credentials, task permission, rate and quota (one request here; a batch pays for
  // its other items once they are counted).
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v1/') && !request.routeOptions.url?.startsWith('/v1/')) return;
    if (!options.isAccepting()) throw new MprError('unavailable', 'jw1 is shutting down; retry on another replica');
    refuseEncodedBody(request);
    if (access) await admitRequest(request, access);
  });

  registerPlayground(app);
  registerHealthRoutes(app, options.agents, options.isAccepting);

  registerPipelineRoutes(app, {
    pipeline,
    access,
    limits,
    requestTimeoutMs: options.requestTimeoutMs,
    maxBatchItems: options.maxBatchItems,
    bodyLimit,
    eventStream,
  });

  return app;
}
