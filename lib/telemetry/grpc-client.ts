// The client half of trace propagation over gRPC: a grpc-js interceptor that opens a CLIENT span for
// each call made by jw1 to an agent, writes its W3C `traceparent` (and the request id) into the call's
// metadata, and ends the span with the call's status.
import * as grpc from '@grpc/grpc-js';
import { context, propagation, SpanKind, SpanStatusCode, trace, type TextMapSetter } from '@opentelemetry/api';
import { ERROR_CODE_KEY } from '../grpc/status.ts';
import { currentComponent, currentRequestId, REQUEST_ID_HEADER } from './scope.ts';
import { tracerFor } from './spans.ts';

const metadataSetter: TextMapSetter<grpc.Metadata> = {
  set: (metadata, key, value) => metadata.set(key, value),
};

/** "/mpr.v1.CleanerService/Clean" -> ["mpr.v1.CleanerService", "Clean"]. */
export function splitMethodPath(path: string): [service: string, method: string] {
  const [, service = 'unknown', method = 'unknown'] = path.split('/');
  return [service, method];
}

/** `peer` names the called agent in the span (attribute mpr.agent), e.g. "cleaner". */
export function traceContextInterceptor(peer: string): grpc.Interceptor {
  return (options, nextCall) => {
    const parent = context.active();
    const [service, method] = splitMethodPath(options.method_definition.path);
    const component = currentComponent(parent);
    const span = tracerFor(component).startSpan(
      `${service}/${method}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'rpc.system': 'grpc',
          'rpc.service': service,
          'rpc.method': method,
          'mpr.agent': peer,
          ...(component ? { 'mpr.component': component } : {}),
        },
      },
      parent,
    );
    const requester: grpc.Requester = {
      start: (metadata, _listener, next) => {
        propagation.inject(trace.setSpan(parent, span), metadata, metadataSetter);
        const requestId = currentRequestId(parent);
        if (requestId && metadata.get(REQUEST_ID_HEADER).length === 0) metadata.set(REQUEST_ID_HEADER, requestId);
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            span.setAttribute('rpc.grpc.status_code', status.code);
            if (status.code !== grpc.status.OK) {
              const code = status.metadata.get(ERROR_CODE_KEY)[0];
              if (typeof code === 'string') span.setAttribute('mpr.error_code', code);
              span.setStatus({ code: SpanStatusCode.ERROR, message: `${grpc.status[status.code]}: ${status.details}` });
            }
            span.end();
            nextStatus(status);
          },
        });
      },
    };
    return new grpc.InterceptingCall(nextCall(options), requester);
  };
}
