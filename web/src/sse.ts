// Server-Sent Events read from a fetch() body (EventSource cannot POST): the text/event-stream framing,
// incrementally, as chunks arrive. No DOM here; unit-tested in Node (sse.test.ts).

export interface ServerEvent {
  /** The `event:` field, or "message" when the event has none. */
  event: string;
  data: string;
  id?: string;
}

export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  /** The last chunk ended in \r: a \n starting the next one belongs to that line ending. */
  private afterCarriageReturn = false;

  /** Feeds decoded text; returns the events completed by it. */
  push(chunk: string): ServerEvent[] {
    const continued = this.afterCarriageReturn && chunk.startsWith('\n');
    if (continued) chunk = chunk.slice(1);
    if (continued || chunk !== '') this.afterCarriageReturn = chunk.endsWith('\r');
    this.buffer += chunk;
    const events: ServerEvent[] = [];
    for (;;) {
      const newline = this.buffer.search(/\r\n|\r|\n/);
      if (newline < 0) break;
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + width);
      const completed = this.line(line);
      if (completed) events.push(completed);
    }
    return events;
  }

  /** The end of the stream: an event without its blank line is dropped, as the standard says. */
  end(): ServerEvent[] {
    this.buffer = '';
    this.data = [];
    return [];
  }

  private line(line: string): ServerEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const completed: ServerEvent = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined) completed.id = this.id;
      this.data = [];
      this.event = '';
      return completed;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }
}

/** Reads a streamed body to its end, handing each event over as it completes. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: ServerEvent) => void) {
  const parser = new EventStreamParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
  }
  for (const event of parser.push(decoder.decode())) onEvent(event);
  parser.end();
}
