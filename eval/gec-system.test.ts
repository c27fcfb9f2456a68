// The HTTP systems against a real local server: answers are read per the gateway contract, gateway
// errors and timeouts become typed errors.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MprError } from '../lib/errors.ts';
import { HttpGecSystem } from './gec-system.ts';
import { HttpJsonSystem } from './json-system.ts';

let server: Server;
let base: string;
const bodies: unknown[] = [];

async function readBody(request: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    bodies.push(body);
    const send = (status: number, value: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (body.text === 'slow') return setTimeout(() => send(200, {}), 2_000);
    if (body.text === 'busy') return send(429, { error: { code: 'overloaded', message: 'too many requests' } });
    if (request.url === '/v1/describe')
      return send(200, {
        json: { decision: 'approve' },
        usage: { inputTokens: 3, outputTokens: 4 },
        engine: { kind: 'llm', id: 'm', version: '2', executionProvider: 'cuda' },
      });
    return send(200, {
      cleanedText: body.text.toUpperCase(),
      skipped: body.text === 'fine',
      degraded: false,
      usage: { inputTokens: 5, outputTokens: 6 },
      engine: { kind: 'default', id: 'jw2-rules', version: '1.0.0', executionProvider: 'cpu' },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HttpGecSystem', () => {
  it('posts {text, generation} to /v1/clean and reads the answer, usage, skip flag and engine', async () => {
    const system = new HttpGecSystem(base, { generation: { temperature: 0.2, maxNewTokens: 32 } });
    expect(system.target).toBe(base.slice(0, -1));
    expect(system.generation).toEqual({ temperature: 0.2, maxTokens: 32 });
    const answer = await system.correct('she go');
    expect(answer).toMatchObject({
      text: 'SHE GO',
      skipped: false,
      degraded: false,
      usage: { inputTokens: 5, outputTokens: 6 },
    });
    expect(answer.engine).toEqual({ kind: 'default', id: 'jw2-rules', version: '1.0.0', executionProvider: 'cpu' });
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
    expect(bodies.at(-1)).toEqual({ text: 'she go', generation: { temperature: 0.2, maxNewTokens: 32 } });
    expect((await system.correct('fine')).skipped).toBe(true);
  });

  it('turns gateway errors and timeouts into typed errors', async () => {
    const system = new HttpGecSystem(base, { timeoutMs: 200 });
    await expect(system.correct('busy')).rejects.toMatchObject({ code: 'overloaded' });
    await expect(system.correct('slow')).rejects.toMatchObject({ code: 'deadline_exceeded' });
    await expect(new HttpGecSystem('http://127.0.0.1:1').correct('x')).rejects.toBeInstanceOf(MprError);
  });
});

describe('HttpJsonSystem', () => {
  it('sends named tasks by name and inline schemas as objects', async () => {
    const system = new HttpJsonSystem(base);
    const answer = await system.describe('refund please', { name: 'decision', schema: {} });
    expect(answer).toMatchObject({
      document: { decision: 'approve' },
      usage: { inputTokens: 3, outputTokens: 4 },
      engine: { kind: 'llm', id: 'm' },
    });
    expect(bodies.at(-1)).toEqual({ text: 'refund please', task: 'decision' });
    await system.describe('x', { name: 'custom', schema: { type: 'object' }, instructions: 'be brief' });
    expect(bodies.at(-1)).toEqual({ text: 'x', schema: { type: 'object' }, instructions: 'be brief' });
  });
});
