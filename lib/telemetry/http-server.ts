// The HTTP entry of a trace: fastify hooks that open a SERVER span per request (parent: the caller's
// W3C `traceparent` header, if any), run the route handler inside it, end it with the status code, and
// write one access-log line in it. Span names use the route template (`POST /v1/process`), never the URL.
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { MprError } from '../errors.ts';
import { withScope } from './scope.ts';
import { tracerFor } from './spans.ts';

/** Route label of requests that matched no route: keeps label sets bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}

interface RequestTrace {
  span: Span;
  context: Context;
  /** The request's current gateway phase outside the handler: reading it, or writing the response. */
  phase?: Span;
}

// Phases of the gateway's own work around the handler, so that the trace accounts for all of the
// request's time: body read, JSON parse, schema validation and rate limiting before; serialization
// and the write after (slow clients and a busy event loop show up here).
const READ_PHASE = 'http.read_request';
const WRITE_PHASE = 'http.write_response';

// By request, across gateways (a request belongs to one only).
const traces = new WeakMap<FastifyRequest, RequestTrace>();

/** Adds attributes to the request's SERVER span, from hooks that run outside its context (onRequest). */
export function setRequestSpanAttributes(request: FastifyRequest, attributes: Attributes): void {
  traces.get(request)?.span.setAttributes(attributes);
}

/** Adds the tracing hooks; call it before the routes are declared (onRoute sees later routes only). */
export function traceHttpServer(app: FastifyInstance, component: string): void {
  app.addHook('onRequest', async (request) => {
    const route = routeOf(request);
    const parent = withScope(propagation.extract(context.active(), request.headers), {
      component,
      requestId: request.id,
    });
    const span = tracerFor(component).startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0] ?? '',
          'mpr.component': component,
          'mpr.request_id': request.id,
        },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    // Phase spans only when the request's span records: non-recording phases would cost without showing.
    const phase = span.isRecording()
      ? tracerFor(component).startSpan(READ_PHASE, { attributes: { 'mpr.component': component } }, active)
      : undefined;
    traces.set(request, { span, context: active, ...(phase ? { phase } : {}) });
  });

  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function tracedHandler(request, reply) {
      const active = traces.get(request);
      if (!active) return handler.call(this, request, reply);
      active.phase?.end();
      const startWrite = () => {
        if (active.span.isRecording())
          active.phase = tracerFor(component).startSpan(
            WRITE_PHASE,
            { attributes: { 'mpr.component': component } },
            active.context,
          );
      };
      const result = context.with(active.context, () => handler.call(this, request, reply));
      if (result && typeof (result as PromiseLike<unknown>).then === 'function')
        (result as PromiseLike<unknown>).then(startWrite, startWrite);
      else startWrite();
      return result;
    };
  });

  app.addHook('onError', async (request, _reply, error) => {
    const active = traces.get(request);
    if (active && error instanceof MprError) active.span.setAttribute('mpr.error_code', error.code);
  });

  app.addHook('onResponse', async (request, reply) => {
    const active = traces.get(request);
    if (!active) return;
    active.span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500)
      active.span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${reply.statusCode}` });
    // The one access-log line per request (the gateway turns fastify's own two lines off), inside the
    // span so that it carries the trace and request ids.
    context.with(active.context, () =>
      request.log.info(
        {
          method: request.method,
          route: routeOf(request),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request completed',
      ),
    );
    active.phase?.end();
    active.span.end();
    traces.delete(request);
  });
}
