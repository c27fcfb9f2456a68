import { describe, expect, it } from 'vitest';
import { EventStreamParser, readEventStream, type ServerEvent } from './sse.ts';

describe('EventStreamParser', () => {
  it('reads events split anywhere across chunks, with any line ending', () => {
    const wire =
      'event: sentence\r\ndata: {"a":1}\r\n\r\n: a comment\n\ndata: line one\ndata: line two\nid: 7\n\nevent: result\rdata: {}\r\r';
    for (const size of [1, 2, 3, 7, wire.length]) {
      const parser = new EventStreamParser();
      const events: ServerEvent[] = [];
      for (let at = 0; at < wire.length; at += size) events.push(...parser.push(wire.slice(at, at + size)));
      expect(events, `chunks of ${size}`).toEqual([
        { event: 'sentence', data: '{"a":1}' },
        { event: 'message', data: 'line one\nline two', id: '7' },
        // The last event id carries over to later events, as the standard says.
        { event: 'result', data: '{}', id: '7' },
      ]);
    }
  });

  it('drops an event whose blank line never came', () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: half')).toEqual([]);
    expect(parser.end()).toEqual([]);
  });

  it('decodes a byte stream whose UTF-8 characters are split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: “quoted” é\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const events: ServerEvent[] = [];
    await readEventStream(body, (event) => events.push(event));
    expect(events).toEqual([{ event: 'message', data: '“quoted” é' }]);
  });
});
