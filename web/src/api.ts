// Calls to jw1 from the page: JSON in, the typed error body `{error: {code, message}}` (with Retry-After)
// turned into a GatewayError, and streaming when the server offers it. The page always asks for
// Server-Sent Events; a gateway that does not stream ignores the Accept header and answers JSON, which
// is the unary fallback.
import { readEventStream, type ServerEvent } from './sse.ts';

export class GatewayError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'GatewayError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface CallResult<T> {
  value: T;
  /** True when the answer came as Server-Sent Events. */
  streamed: boolean;
  /** Round trip seen by the page, in ms. */
  elapsedMs: number;
}

export interface CallOptions {
  signal: AbortSignal;
  /** Whether an unnamed streamed event carries the final answer (the same object as the unary answer). */
  isFinal: (data: Record<string, unknown>) => boolean;
  /** Extra request headers (the caller's Authorization). */
  headers?: Record<string, string>;
  /** Each streamed event before the final one. */
  onPartial?: (data: Record<string, unknown>, event: string) => void;
}

function retryAfterOf(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** A typed error from `{error: {code, message}}` (JSON answers) or `{code, message}` (an `error` event). */
function errorFrom(status: number, body: unknown, retryAfter?: number): GatewayError | undefined {
  const outer = body as { error?: unknown } | null;
  const error = (typeof outer?.error === 'object' ? outer.error : outer) as {
    code?: unknown;
    message?: unknown;
  } | null;
  if (typeof error?.code !== 'string') return undefined;
  return new GatewayError(status, error.code, String(error.message ?? ''), retryAfter);
}

async function failure(response: Response): Promise<GatewayError> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return (
    errorFrom(response.status, body, retryAfterOf(response)) ??
    new GatewayError(response.status, `http_${response.status}`, response.statusText || 'unexpected answer')
  );
}

function parseEvent(event: ServerEvent): Record<string, unknown> | undefined {
  try {
    const data = JSON.parse(event.data) as unknown;
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads an event stream to its end: `error` ends it with a typed error, `result` carries the answer,
 * other named events are progress. An unnamed event is told apart by its shape.
 */
async function streamed<T>(response: Response, options: CallOptions): Promise<T> {
  let final: T | undefined;
  let failed: GatewayError | undefined;
  await readEventStream(response.body!, (event) => {
    const data = parseEvent(event);
    if (data === undefined || final !== undefined || failed !== undefined) return;
    if (event.event === 'error' || (event.event === 'message' && errorFrom(response.status, data))) {
      failed = errorFrom(response.status, data) ?? new GatewayError(response.status, 'internal', 'the stream failed');
    } else if (event.event === 'result' || (event.event === 'message' && options.isFinal(data))) {
      final = data as T;
    } else options.onPartial?.(data, event.event);
  });
  if (failed) throw failed;
  if (final === undefined)
    throw new GatewayError(response.status, 'stream_ended', 'the stream ended before the answer');
  return final;
}

export async function callGateway<T>(path: string, body: unknown, options: CallOptions): Promise<CallResult<T>> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new GatewayError(0, 'network', 'jw1 could not be reached. Is the server running?');
  }
  if (!response.ok) throw await failure(response);
  const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const value = isStream && response.body ? await streamed<T>(response, options) : ((await response.json()) as T);
  return { value, streamed: isStream, elapsedMs: performance.now() - started };
}
