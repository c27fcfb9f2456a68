// Helpers over finished spans: parent/child index, the union of child intervals (coverage), and a text
// rendering of one trace as a tree (docs/OBSERVABILITY.md shows one).
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export function durationMs(span: ReadableSpan): number {
  return span.duration[0] * 1e3 + span.duration[1] / 1e6;
}

function startMs(span: ReadableSpan): number {
  return span.startTime[0] * 1e3 + span.startTime[1] / 1e6;
}

export function parentId(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

export function childrenOf(spans: ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  const id = parent.spanContext().spanId;
  return spans.filter((span) => parentId(span) === id).sort((a, b) => startMs(a) - startMs(b));
}

/** Share of the parent's duration covered by the union of its direct children's intervals (0..1). */
export function childCoverage(spans: ReadableSpan[], parent: ReadableSpan): number {
  const parentStart = startMs(parent);
  const parentEnd = parentStart + durationMs(parent);
  let covered = 0;
  let cursor = parentStart;
  for (const child of childrenOf(spans, parent)) {
    const start = Math.max(cursor, startMs(child));
    const end = Math.min(parentEnd, startMs(child) + durationMs(child));
    if (end > start) covered += end - start;
    cursor = Math.max(cursor, end);
  }
  const total = parentEnd - parentStart;
  return total > 0 ? covered / total : 1;
}

const SHOWN_ATTRIBUTES =
  /^(mpr\.(skip|cache|sentences|agent|edits|tokens|task|error_code|request_id|mode|engine\.id)|rpc\.grpc\.status_code|http\.(route|response))/;

export interface RenderOptions {
  /**
   * Off for the docs' example: durations and request ids left out, so that the same request renders the
   * same text on every run.
   */
  timings?: boolean;
}

function describe(span: ReadableSpan, { timings = true }: RenderOptions): string {
  const kind = ['internal', 'server', 'client', 'producer', 'consumer'][span.kind] ?? 'internal';
  const attributes = Object.entries(span.attributes)
    .filter(([key]) => SHOWN_ATTRIBUTES.test(key))
    .map(([key, value]) => `${key}=${!timings && key === 'mpr.request_id' ? '<request-id>' : String(value)}`)
    .join(' ');
  const status = span.status.code === 2 ? ` ERROR(${span.status.message ?? ''})` : '';
  const duration = timings ? ` ${durationMs(span).toFixed(2)} ms` : '';
  return `${span.name} [${span.instrumentationScope.name}, ${kind}]${duration}${status}${attributes ? `  ${attributes}` : ''}`;
}

/** The trace under `root` as indented text, children in start order. */
export function renderTree(spans: ReadableSpan[], root: ReadableSpan, options: RenderOptions = {}): string {
  const lines: string[] = [];
  const walk = (span: ReadableSpan, prefix: string, last: boolean, top: boolean) => {
    lines.push(top ? describe(span, options) : `${prefix}${last ? '└─ ' : '├─ '}${describe(span, options)}`);
    const children = childrenOf(spans, span);
    children.forEach((child, index) => {
      walk(child, top ? '' : `${prefix}${last ? '   ' : '│  '}`, index === children.length - 1, false);
    });
  };
  walk(root, '', true, true);
  return lines.join('\n');
}
