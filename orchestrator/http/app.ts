// jw1's HTTP gateway (fastify). Routes only translate: JSON in -> pipeline call with a deadline and a
// cancellation signal -> JSON out (or Server-Sent Events, see event-stream.ts). Body parsing is strict
// UTF-8 JSON with a nesting limit; who may call and how often is decided by the access gate (./access.ts)
// before the body is read.
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
import { assertJsonDepth } from '../../lib/json-limits.ts';
import { checkInlineSchema } from '../../lib/schema-limits.ts';
import { decodeUtf8Strict } from '../../lib/text-input.ts';
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
import { adapterOf as describerAdapterOf } from '../auth/index.ts';
import type { CallBudget } from '../clients/call-budget.ts';
import type { Pipeline, ProcessModeName } from '../pipeline.ts';
import {
  admissionOf,
  admitRequest,
  clientErrorHandler,
  type GatewayLimits,
  refuseEncodedBody,
  slowClientOptions,
} from './access.ts';
import { sendError } from './errors.ts';
import { REQUEST_ID_HEADER, TIMEOUT_HEADER } from './headers.ts';
import { sentenceReporter } from '../streaming/sentence-events.ts';
import { eventStreamOf } from './event-stream.ts';
import { cleanView, describeView, paraphraseView, sentenceView } from './json-views.ts';
import { registerApiDocs } from './openapi.ts';
import { registerPlayground } from './playground.ts';
import { batchBody, cleanBody, describeBody, paraphraseBody, processBody } from './schemas.ts';
import { cleanStreamResponse, describeStreamResponse } from './stream-schemas.ts';

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

type Body = Record<string, unknown> & { text?: unknown };

function budgetOf(request: FastifyRequest, reply: FastifyReply, defaultTimeoutMs: number): CallBudget {
  const asked = Number(request.headers[TIMEOUT_HEADER]);
  const timeoutMs = Number.isFinite(asked) && asked > 0 ? Math.min(asked, defaultTimeoutMs) : defaultTimeoutMs;
  const controller = new AbortController();
  // The caller went away before we answered: cancel the downstream calls made for it.
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new DOMException('client disconnected', 'AbortError'));
  });
  return { deadline: Date.now() + timeoutMs, signal: controller.signal };
}

function generationOf(body: Body) {
  return body.generation === undefined ? {} : { generation: body.generation as Record<string, number> };
}

/** The describer fields of a body, once the caller may use its task and its inline schema is within the limits. */
function describeFields(request: FastifyRequest, body: Body, limits: GatewayLimits, access?: AccessControl) {
  const task = typeof body.task === 'string' ? body.task : '';
  const admission = admissionOf(request);
  if (access && admission) access.authorizeAdapter(admission, describerAdapterOf(task, body.schema !== undefined));
  const schemaJson = body.schema === undefined ? '' : JSON.stringify(body.schema);
  if (schemaJson) checkInlineSchema(schemaJson, limits.schema);
  return {
    task,
    schemaJson,
    instructions: typeof body.instructions === 'string' ? body.instructions : '',
    referenceDate: typeof body.referenceDate === 'string' ? body.referenceDate : '',
    ...generationOf(body),
  };
}

/** A LoRA adapter named by the caller (absent: the agent's default), once the caller's key may use it. */
function namedAdapter(request: FastifyRequest, adapter: unknown, access?: AccessControl): { adapter?: string } {
  if (typeof adapter !== 'string' || adapter === '') return {};
  const admission = admissionOf(request);
  if (access && admission) access.authorizeAdapter(admission, adapter);
  return { adapter };
}

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

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      const text = decodeUtf8Strict(body as Buffer);
      if (text.trim() === '') throw new MprError('malformed_json', 'request body is empty');
      assertJsonDepth(text, limits.jsonMaxDepth);
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        error instanceof MprError
          ? error
          : new MprError('malformed_json', `request body is not valid JSON: ${(error as Error).message}`),
      );
    }
  });
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
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Ready = accepting traffic, once each agent has answered SERVING at least once since start. The latch
  // keeps a misconfigured pod (wrong agent address) out of a rollout, while a later agent outage leaves
  // readiness alone: every jw1 replica shares the same agents, so turning unready would take all of jw1
  // out of the Service, and callers would get refused connections instead of typed 503s or the degraded
  // answer. The agents' current health is in the body for people and dashboards.
  app.get('/readyz', async (_request, reply) => {
    const [cleaner, describer] = await Promise.all([
      options.agents.health('cleaner', 500),
      options.agents.health('describer', 500),
    ]);
    const agentsReachedOnce = options.agents.reachedOnce('cleaner') && options.agents.reachedOnce('describer');
    const accepting = options.isAccepting();
    const ready = accepting && agentsReachedOnce;
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', accepting, agentsReachedOnce, agents: { cleaner, describer } });
  });

  // JSON, or with `Accept: text/event-stream` Server-Sent Events (format in event-stream.ts): `sentence`
  // (clean) or `delta` (describe) events as the work goes, then `result` (the JSON answer's body) or
  // `error` ({code, message}). Errors before the first event are the ordinary JSON error.
  const streamable = { sse: 'dual' } as const;
  app.post(
    '/v1/clean',
    { schema: { body: cleanBody, response: cleanStreamResponse }, ...streamable },
    async (request, reply) => {
      const body = request.body as Body;
      const cleanRequest = {
        text: body.text as string,
        language: (body.language as string) ?? '',
        requestId: request.id,
        ...generationOf(body),
        ...namedAdapter(request, body.adapter, access),
      };
      const budget = budgetOf(request, reply, options.requestTimeoutMs);
      const stream = eventStream(request, reply, 'clean');
      if (!stream) return cleanView(await pipeline.clean(cleanRequest, budget));
      return stream.answer(async (emit) => {
        const onSentence = sentenceReporter((sentence) => emit('sentence', sentenceView(sentence)));
        return cleanView(await pipeline.clean(cleanRequest, budget, onSentence));
      });
    },
  );

  app.post(
    '/v1/describe',
    { schema: { body: describeBody, response: describeStreamResponse }, ...streamable },
    async (request, reply) => {
      const body = request.body as Body;
      const describeRequest = {
        text: body.text as string,
        requestId: request.id,
        ...describeFields(request, body, limits, access),
        ...namedAdapter(request, body.adapter, access),
      };
      const budget = budgetOf(request, reply, options.requestTimeoutMs);
      const stream = eventStream(request, reply, 'describe');
      if (!stream) return describeView(await pipeline.describe(describeRequest, budget));
      return stream.answer(async (emit) =>
        describeView(await pipeline.describe(describeRequest, budget, (jsonDelta) => emit('delta', { jsonDelta }))),
      );
    },
  );

  app.post('/v1/paraphrase', { schema: { body: paraphraseBody } }, async (request, reply) => {
    const body = request.body as Body;
    const response = await pipeline.paraphrase(
      {
        text: body.text as string,
        language: (body.language as string) ?? '',
        requestId: request.id,
        ...generationOf(body),
        ...namedAdapter(request, body.adapter, access),
      },
      budgetOf(request, reply, options.requestTimeoutMs),
    );
    return paraphraseView(response);
  });

  app.post('/v1/process', { schema: { body: processBody } }, async (request, reply) => {
    const body = request.body as Body;
    const mode = (body.mode as ProcessModeName | undefined) ?? 'clean_then_describe';
    // A process without a describer part uses no describer task, so the key's task adapters do not apply.
    const describeAccess = mode === 'clean' || mode === 'paraphrase' ? undefined : access;
    const adapters = (body.adapters ?? {}) as { clean?: string; describe?: string; paraphrase?: string };
    const output = await pipeline.process(
      {
        text: body.text as string,
        mode,
        clean: {
          language: (body.language as string) ?? '',
          requestId: request.id,
          ...generationOf(body),
          ...namedAdapter(request, adapters.clean, access),
        },
        describe: {
          requestId: request.id,
          ...describeFields(request, body, limits, describeAccess),
          ...namedAdapter(request, adapters.describe, access),
        },
        paraphrase: namedAdapter(request, adapters.paraphrase, access),
      },
      budgetOf(request, reply, options.requestTimeoutMs),
    );
    return {
      requestId: request.id,
      ...(output.clean ? { clean: cleanView(output.clean) } : {}),
      ...(output.describe ? { describe: describeView(output.describe) } : {}),
      ...(output.paraphrase ? { paraphrase: paraphraseView(output.paraphrase) } : {}),
    };
  });

  // `::` is fastify's escape for a literal colon (Google-style custom method).
  app.post(
    '/v1/clean::batch',
    { schema: { body: batchBody }, bodyLimit: bodyLimit * options.maxBatchItems },
    async (request, reply) => {
      const items = (request.body as { items: unknown[] }).items;
      // onRequest charged one request before the items could be counted.
      const admission = admissionOf(request);
      if (access && admission && items.length <= options.maxBatchItems) await access.charge(admission, items.length, 1);
      const requests = items.map((item) => {
        const entry = (typeof item === 'object' && item !== null ? item : {}) as Body;
        return { text: entry.text as string, language: typeof entry.language === 'string' ? entry.language : '' };
      });
      const results = await pipeline.cleanBatch(requests, budgetOf(request, reply, options.requestTimeoutMs));
      return {
        items: results.map((result) => ('ok' in result ? { ok: cleanView(result.ok) } : { error: result.error })),
      };
    },
  );

  return app;
}
