// The page's gateway client against a real HTTP server on port 0 that answers the ways jw1 can: JSON,
// Server-Sent Events (partial events, then the answer or a typed error), and typed errors with Retry-After.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGateway, GatewayError } from './api.ts';

let server: Server;
let base: string;
const accepts: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    accepts.push(String(request.headers.accept));
    if (request.url === '/json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ cleanedText: 'Hi.', skipped: false }));
    } else if (request.url === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      // A sentence event has the answer's fields too: its name, not its shape, says it is progress.
      response.write(
        ': heartbeat\n\nevent: sentence\ndata: {"start":0,"end":3,"cleanedText":"Hi.","skipped":false,"edits":[]}\n\n',
      );
      setTimeout(() => response.end('event: result\ndata: {"cleanedText":"Hi.","skipped":false}\n\n'), 20);
    } else if (request.url === '/stream-error') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('event: error\ndata: {"code":"deadline_exceeded","message":"too slow"}\n\n');
    } else if (request.url === '/unnamed') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: {"start":0,"end":3,"edits":[]}\n\ndata: {"cleanedText":"Hi.","skipped":false}\n\n');
    } else if (request.url === '/cut') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('event: sentence\ndata: {"start":0,"end":3,"edits":[]}\n\n');
    } else if (request.url === '/limited') {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
      response.end(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }));
    } else {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const isFinal = (data: Record<string, unknown>) => typeof data.cleanedText === 'string';

describe('callGateway', () => {
  it('asks for events and takes a JSON answer as the unary fallback', async () => {
    const result = await callGateway(`${base}/json`, { text: 'hi' }, { signal: AbortSignal.timeout(5000), isFinal });
    expect(result).toMatchObject({ value: { cleanedText: 'Hi.' }, streamed: false });
    expect(accepts.at(-1)).toBe('text/event-stream');
  });

  it('hands partial events over as they come, then returns the final answer', async () => {
    const partials: unknown[] = [];
    const result = await callGateway(
      `${base}/stream`,
      { text: 'hi' },
      { signal: AbortSignal.timeout(5000), isFinal, onPartial: (data, event) => partials.push([event, data]) },
    );
    expect(partials).toEqual([['sentence', { start: 0, end: 3, cleanedText: 'Hi.', skipped: false, edits: [] }]]);
    expect(result).toMatchObject({ value: { cleanedText: 'Hi.' }, streamed: true });
  });

  it('tells unnamed events apart by their shape', async () => {
    const partials: unknown[] = [];
    const result = await callGateway(
      `${base}/unnamed`,
      {},
      { signal: AbortSignal.timeout(5000), isFinal, onPartial: (data) => partials.push(data) },
    );
    expect(partials).toEqual([{ start: 0, end: 3, edits: [] }]);
    expect(result.value).toEqual({ cleanedText: 'Hi.', skipped: false });
  });

  it('turns typed errors into GatewayError, with Retry-After, streamed or not', async () => {
    const call = (path: string) => callGateway(`${base}${path}`, {}, { signal: AbortSignal.timeout(5000), isFinal });
    await expect(call('/limited')).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 3 });
    await expect(call('/stream-error')).rejects.toMatchObject({ code: 'deadline_exceeded', message: 'too slow' });
    await expect(call('/cut')).rejects.toMatchObject({ code: 'stream_ended' });
    const untyped = await call('/other').catch((error: unknown) => error);
    expect(untyped).toBeInstanceOf(GatewayError);
    expect(untyped).toMatchObject({ status: 502, code: 'http_502' });
  });

  it('reports an unreachable server as a network error', async () => {
    await expect(
      callGateway('http://127.0.0.1:1/x', {}, { signal: AbortSignal.timeout(5000), isFinal }),
    ).rejects.toMatchObject({ code: 'network' });
  });
});
