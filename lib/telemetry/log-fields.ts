// Fields every log line gets from the work it was emitted in: trace and span ids (to jump from a log
// line to its trace) and the request id. Used as pino's mixin, so it runs once per line: keep it cheap.
import { context, trace } from '@opentelemetry/api';
import { currentRequestId } from './scope.ts';

export function traceLogFields(): Record<string, string> {
  const active = context.active();
  const fields: Record<string, string> = {};
  const spanContext = trace.getSpanContext(active);
  if (spanContext && trace.isSpanContextValid(spanContext)) {
    fields.trace_id = spanContext.traceId;
    fields.span_id = spanContext.spanId;
  }
  const requestId = currentRequestId(active);
  if (requestId) fields.request_id = requestId;
  return fields;
}
