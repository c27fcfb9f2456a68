// The server half of trace propagation over gRPC: wraps each unary and server-streaming handler of a
// service so that it runs inside a SERVER span whose parent is the caller's `traceparent`, with the
// component and request id in context (for logs and nested spans). Metrics hook in through `onCallStart`.
import * as grpc from '@grpc/grpc-js';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';
import { watchServerStream } from '../grpc/server-stream.ts';
import { ERROR_CODE_KEY } from '../grpc/status.ts';
import type { Logger } from '../logger.ts';
import { REQUEST_ID_HEADER, withScope } from './scope.ts';
import { tracerFor } from './spans.ts';

const metadataGetter: TextMapGetter<grpc.Metadata> = {
  keys: (metadata) => Object.keys(metadata.getMap()),
  get: (metadata, key) => {
    const values = metadata.get(key).filter((value): value is string => typeof value === 'string');
    return values.length === 0 ? undefined : values;
  },
};

/** Called when a call starts; the function it returns is called with the final gRPC status code. */
export type CallObserver = (service: string, method: string) => (code: grpc.status) => void;

export interface ServerInstrumentation {
  /** Component serving the calls, e.g. "jw2-cleaner". */
  component: string;
  onCallStart?: CallObserver;
  /** Gets one debug line per call (method, status, duration) carrying the call's trace ids. */
  logger?: Logger;
}

function requestIdOf(call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>) {
  const fromMetadata = call.metadata.get(REQUEST_ID_HEADER)[0];
  if (typeof fromMetadata === 'string' && fromMetadata) return fromMetadata;
  const fromRequest = (call.request as { requestId?: unknown } | null)?.requestId;
  return typeof fromRequest === 'string' && fromRequest ? fromRequest : undefined;
}

interface TracedCall {
  /** The context the handler runs in: the SERVER span active, component and request id in scope. */
  active: Context;
  /** Ends the span, the metrics and the debug line with the call's final status. */
  finish(code: grpc.status, error?: Partial<grpc.StatusObject> | null): void;
}

/** Opens the SERVER span of one call (unary or streaming) under the caller's trace context. */
function startCall(
  service: string,
  method: string,
  call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>,
  options: ServerInstrumentation,
): TracedCall {
  const done = options.onCallStart?.(service, method);
  const requestId = requestIdOf(call);
  const parent = withScope(propagation.extract(context.active(), call.metadata, metadataGetter), {
    component: options.component,
    ...(requestId ? { requestId } : {}),
  });
  const span = tracerFor(options.component).startSpan(
    `${service}/${method}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': service,
        'rpc.method': method,
        'mpr.component': options.component,
        ...(requestId ? { 'mpr.request_id': requestId } : {}),
      },
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  const started = performance.now();
  return {
    active,
    finish: (code, error) => {
      span.setAttribute('rpc.grpc.status_code', code);
      if (code !== grpc.status.OK) {
        const mprCode = error?.metadata?.get(ERROR_CODE_KEY)[0];
        if (typeof mprCode === 'string') span.setAttribute('mpr.error_code', mprCode);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error?.details ?? grpc.status[code] });
      }
      if (options.logger?.isLevelEnabled('debug')) {
        const fields = {
          rpc: `${service}/${method}`,
          code: grpc.status[code],
          ms: Math.round((performance.now() - started) * 100) / 100,
        };
        context.with(active, () => options.logger?.debug(fields, 'rpc handled'));
      }
      span.end();
      done?.(code);
    },
  };
}

function instrumentUnary(
  service: string,
  method: string,
  handler: grpc.handleUnaryCall<unknown, unknown>,
  options: ServerInstrumentation,
): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const traced = startCall(service, method, call, options);
    const finish: grpc.sendUnaryData<unknown> = (error, value, trailer, flags) => {
      traced.finish(error ? (error.code ?? grpc.status.UNKNOWN) : grpc.status.OK, error);
      callback(error, value, trailer, flags);
    };
    context.with(traced.active, () => handler(call, finish));
  };
}

function instrumentServerStreaming(
  service: string,
  method: string,
  handler: grpc.handleServerStreamingCall<unknown, unknown>,
  options: ServerInstrumentation,
): grpc.handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    const traced = startCall(service, method, call, options);
    watchServerStream(call, traced.finish);
    context.with(traced.active, () => handler(call));
  };
}

/** The implementation with every unary and server-streaming handler instrumented (others pass through). */
export function instrumentService(
  definition: grpc.ServiceDefinition,
  implementation: grpc.UntypedServiceImplementation,
  options: ServerInstrumentation,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = { ...implementation };
  for (const [name, method] of Object.entries(definition)) {
    const handler = implementation[name];
    if (!handler || method.requestStream) continue;
    const [service, methodName] = method.path.split('/').slice(1) as [string, string];
    wrapped[name] = method.responseStream
      ? instrumentServerStreaming(
          service,
          methodName,
          handler as grpc.handleServerStreamingCall<unknown, unknown>,
          options,
        )
      : instrumentUnary(service, methodName, handler as grpc.handleUnaryCall<unknown, unknown>, options);
  }
  return wrapped;
}
