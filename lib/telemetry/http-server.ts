// The HTTP entry of a trace: fastify hooks that open a SERVER span per request (parent: the caller's
// W3C `traceparent` header, if any), run the route handler inside it, and end it with the status code.
// Span names use the route template (`POST /v1/process`), never the raw URL.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
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
}

/** Adds the tracing hooks; call it before the routes are declared (onRoute sees later routes only). */
export function traceHttpServer(app: FastifyInstance, component: string): void {
  const traces = new WeakMap<FastifyRequest, RequestTrace>();

  app.addHook('onRequest', async (request, reply) => {
    const route = routeOf(request);
    const parent = withScope(propagation.extract(context.active(), request.headers), { component, requestId: request.id });
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
    const spanContext = span.spanContext();
    if (trace.isSpanContextValid(spanContext)) {
      // fastify's own per-request lines ("incoming request" aside) then carry the ids too.
      request.log = request.log.child({ trace_id: spanContext.traceId, span_id: spanContext.spanId });
      reply.log = request.log;
    }
    traces.set(request, { span, context: trace.setSpan(parent, span) });
  });

  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function tracedHandler(request, reply) {
      const active = traces.get(request);
      return active ? context.with(active.context, () => handler.call(this, request, reply)) : handler.call(this, request, reply);
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
    if (reply.statusCode >= 500) active.span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${reply.statusCode}` });
    active.span.end();
    traces.delete(request);
  });
}
