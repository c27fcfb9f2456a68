// What a request carries through the async work done for it, besides the span: the component doing
// the work (so that spans and logs of jw1, jw2 and jw3 stay apart when all run in one process) and the
// request id (so that every log line of one request, on every component, can be found by it).
import { context, createContextKey, type Context } from '@opentelemetry/api';

const COMPONENT = createContextKey('mpr.component');
const REQUEST_ID = createContextKey('mpr.request_id');

/** Metadata / header key that carries the request id between components. */
export const REQUEST_ID_HEADER = 'x-request-id';

export interface Scope {
  component?: string;
  requestId?: string;
}

export function withScope(parent: Context, scope: Scope): Context {
  let next = parent;
  if (scope.component) next = next.setValue(COMPONENT, scope.component);
  if (scope.requestId) next = next.setValue(REQUEST_ID, scope.requestId);
  return next;
}

export function currentComponent(active: Context = context.active()): string | undefined {
  return active.getValue(COMPONENT) as string | undefined;
}

export function currentRequestId(active: Context = context.active()): string | undefined {
  return active.getValue(REQUEST_ID) as string | undefined;
}
