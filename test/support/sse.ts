// A Server-Sent Events client for tests: POSTs JSON with `Accept: text/event-stream` and parses the
// answer with eventsource-parser, handing each event to `onEvent` as it arrives. A JSON answer (an error
// before the stream started) comes back as `body` instead.
import { createParser } from 'eventsource-parser';

export interface StreamEvent {
  event: string;
  data: any;
}

export interface EventStreamResult {
  status: number;
  headers: Headers;
  events: StreamEvent[];
  /** The JSON body, when the answer was not an event stream. */
  body?: any;
}

export async function postEventStream(
  base: string,
  path: string,
  value: unknown,
  options: { headers?: Record<string, string>; signal?: AbortSignal; onEvent?: (event: StreamEvent) => void } = {},
): Promise<EventStreamResult> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...options.headers },
    body: JSON.stringify(value),
    signal: options.signal ?? AbortSignal.timeout(30_000),
  });
  const result: EventStreamResult = { status: response.status, headers: response.headers, events: [] };
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const text = await response.text();
    if (text) result.body = JSON.parse(text);
    return result;
  }
  const parser = createParser({
    onEvent: ({ event, data }) => {
      const parsed = { event: event ?? 'message', data: JSON.parse(data) };
      result.events.push(parsed);
      options.onEvent?.(parsed);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) parser.feed(decoder.decode(chunk, { stream: true }));
  return result;
}
