// Manual spans: `withSpan(name, attributes, fn)` runs fn inside a child span of the active one and ends
// it when fn returns or its promise settles. A failure sets the span status to ERROR with the stable
// MprError code, so traces and API errors speak the same vocabulary. With tracing off the API hands out
// non-recording spans, and fn then runs in the caller's context (no context switch).
import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { toMprError } from '../errors.ts';
import { currentComponent } from './scope.ts';

export { SpanKind, type Attributes, type Span };

const DEFAULT_SCOPE = 'mpr';
const tracers = new Map<string, Tracer>();

/** The tracer of the component doing the current work; its name is the span's instrumentation scope. */
export function tracerFor(component: string = currentComponent() ?? DEFAULT_SCOPE): Tracer {
  let tracer = tracers.get(component);
  if (!tracer) {
    tracer = trace.getTracer(component);
    tracers.set(component, tracer);
  }
  return tracer;
}

/** Marks a span failed with the error's stable code; returns the code. */
export function recordSpanError(span: Span, error: unknown): string {
  const typed = toMprError(error);
  span.setAttribute('mpr.error_code', typed.code);
  span.recordException(error instanceof Error ? error : typed);
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${typed.code}: ${typed.message}` });
  return typed.code;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Runs fn in a new span (child of the active span) and returns what fn returns: a sync result stays
 * sync, a promise resolves to the same value. fn may add attributes to the span it receives.
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => T,
  kind: SpanKind = SpanKind.INTERNAL,
): T {
  const parent = context.active();
  const component = currentComponent(parent);
  const allAttributes = component ? { 'mpr.component': component, ...attributes } : attributes;
  const span = tracerFor(component).startSpan(name, { kind, attributes: allAttributes }, parent);
  // A span that records nothing (tracing off, or a trace the sampler dropped) is no parent worth
  // having: with tracing off it carries its parent's ids anyway. Making it the active span would cost
  // two context copies and a promise per span for nothing.
  if (!span.isRecording()) return fn(span);
  return context.with(trace.setSpan(parent, span), () => {
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      recordSpanError(span, error);
      span.end();
      throw error;
    }
    if (!isPromiseLike(result)) {
      span.end();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        recordSpanError(span, error);
        span.end();
        throw error;
      },
    ) as T;
  });
}

/** The active span, to add attributes found along the way (e.g. token counts once known). */
export function activeSpan(): Span | undefined {
  return trace.getSpan(context.active());
}
