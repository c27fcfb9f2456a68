// Time to first result of a streamed request: taken once, at its first event, as the metric and as the
// `mpr.time_to_first_result_ms` attribute of the request's span (the span active when the clock starts,
// since events are sent from deeper spans).
import type { StreamMetrics, StreamOperation, StreamTransport } from '../../lib/metrics/index.ts';
import { activeSpan } from '../../lib/telemetry/index.ts';

export const FIRST_RESULT_ATTRIBUTE = 'mpr.time_to_first_result_ms';

/**
 * Starts the clock in the request's span; call the function it returns at every event (only the first
 * one counts). `elapsedMs` is the time since the request arrived.
 */
export function firstResultClock(
  operation: StreamOperation,
  transport: StreamTransport,
  elapsedMs: () => number,
  metrics?: StreamMetrics,
): () => void {
  const requestSpan = activeSpan();
  let taken = false;
  return () => {
    if (taken) return;
    taken = true;
    const ms = elapsedMs();
    requestSpan?.setAttribute(FIRST_RESULT_ATTRIBUTE, ms);
    metrics?.firstResult(operation, transport, ms / 1000);
  };
}
