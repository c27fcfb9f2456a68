// jw1 against abusive clients, over real sockets: headers or a body that trickle in are cut off with a
// typed 408, oversized headers get a typed 431, deep JSON a typed 400 before it is parsed, compressed
// bodies a typed 415 (compressed gRPC messages inflate no further than the receive limit), and inline schemas over the size, reference or expansion limits a typed 400 over
// HTTP and gRPC. The process keeps serving throughout.
import { connect, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY, loadMprProto } from '../../lib/grpc/index.ts';
import type { OrchestratorClient } from '../../proto/generated/mpr/v1/Orchestrator.ts';
import { sampleValue } from '../observability/exposition.ts';
import { call, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { getJson, postJson, postRaw, startTestSystem } from '../support/system.ts';

let system: RunningSystem;
let base: string;

beforeAll(async () => {
  system = await startTestSystem('all', {
    httpHeadersTimeoutMs: '400',
    httpBodyTimeoutMs: '800',
    schemaMaxBytes: '8192',
    schemaMaxRefs: '32',
    schemaMaxExpandedNodes: '2000',
  });
  base = `http://127.0.0.1:${system.ports.http}`;
});
afterAll(async () => system?.stop());

interface RawAnswer {
  text: string;
  /** The server closed the connection. */
  closed: boolean;
}

/**
 * Sends `head` at once, then `dribble` one byte every `everyMs` until the server answers and closes
 * (or `giveUpMs` passes).
 */
function dribble(head: string, dribbled: string, everyMs = 100, giveUpMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket: Socket = connect(system.ports.http!, '127.0.0.1');
    let text = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < dribbled.length && socket.writable) socket.write(dribbled[sent++]!);
    }, everyMs);
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    const finish = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.write(head);
  });
}

function typedAnswer(answer: RawAnswer): { status: number; code: string } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer.text)?.[1]);
  const body = JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };
  return { status, code: body.error.code };
}

describe('slow and oversized requests', () => {
  it('cuts off a client that trickles its headers with a typed 408', async () => {
    const answer = await dribble(
      'POST /v1/clean HTTP/1.1\r\nHost: jw1\r\n',
      'x-slow: abcdefghijklmnopqrstuvwxyz0123456789',
    );
    expect(answer.closed).toBe(true);
    expect(typedAnswer(answer)).toEqual({ status: 408, code: 'request_timeout' });
  });

  it('cuts off a client that trickles its body with a typed 408', async () => {
    const body = JSON.stringify({ text: 'She go to scool evry day, every single day of the week, all year long.' });
    const head = `POST /v1/clean HTTP/1.1\r\nHost: jw1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const answer = await dribble(head, body);
    expect(answer.closed).toBe(true);
    expect(typedAnswer(answer)).toEqual({ status: 408, code: 'request_timeout' });
  });

  it('answers headers over the size limit with a typed 431', async () => {
    const answer = await dribble(`GET /healthz HTTP/1.1\r\nHost: jw1\r\nx-big: ${'a'.repeat(32 * 1024)}\r\n\r\n`, '');
    expect(typedAnswer(answer)).toEqual({ status: 431, code: 'headers_too_large' });
  });

  it('counts every refused connection by code, and keeps serving', async () => {
    const metrics = (await getJson(base, '/metrics')).body as string;
    expect(sampleValue(metrics, 'mpr_http_client_errors_total', { code: 'request_timeout' })).toBe(2);
    expect(sampleValue(metrics, 'mpr_http_client_errors_total', { code: 'headers_too_large' })).toBe(1);
    expect((await postJson(base, '/v1/clean', { text: 'She go home.' })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('refuses JSON nested deeper than the limit with a typed 400 before parsing it', async () => {
    const deep = `{"text":"hi","generation":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const refused = await postRaw(base, '/v1/clean', deep);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('json_too_deep');
    // Within the limit, the same place gets the schema's answer instead.
    const shallow = await postRaw(base, '/v1/clean', `{"text":"hi","generation":${'['.repeat(10)}${']'.repeat(10)}}`);
    expect(shallow.body.error.code).toBe('invalid_argument');
  });

  it('refuses a compressed body with a typed 415 and takes an identity one', async () => {
    const body = JSON.stringify({ text: 'She go home.' });
    for (const encoding of ['gzip', 'deflate, gzip', 'br']) {
      const refused = await postRaw(base, '/v1/clean', gzipSync(body), 'application/json', {
        'content-encoding': encoding,
      });
      expect(refused.status).toBe(415);
      expect(refused.body.error.code).toBe('unsupported_media_type');
      expect(refused.body.error.message).toMatch(/Content-Encoding/);
    }
    expect(
      (await postRaw(base, '/v1/clean', body, 'application/json', { 'content-encoding': 'identity' })).status,
    ).toBe(200);
  });
});

describe('compressed gRPC messages', () => {
  it('inflates no message past the receive limit: a 16 MiB gzip bomb of a few KiB gets RESOURCE_EXHAUSTED', async () => {
    const Orchestrator = loadMprProto().proto.mpr.v1.Orchestrator;
    // gzip on every message this client sends.
    const client = new Orchestrator(`127.0.0.1:${system.ports.grpc}`, grpc.credentials.createInsecure(), {
      'grpc.default_compression_algorithm': 2,
    }) as OrchestratorClient;
    const bomb = await call((cb) => client.Clean({ text: 'a'.repeat(16 * 1024 * 1024) }, deadlineIn(20_000), cb));
    expect(bomb.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(bomb.error?.details).toMatch(/decompresses to a size larger than 4194304/);
    // A compressed message within the limit is served.
    const small = await call<any>((cb) => client.Clean({ text: 'She go home.' }, deadlineIn(20_000), cb));
    expect(small.error).toBeNull();
    client.close();
  });
});

/** `levels` definitions, each referencing the previous one twice: 2^levels nodes once expanded. */
function doublingSchema(levels: number): Record<string, unknown> {
  const defs: Record<string, unknown> = { d0: { type: 'string' } };
  for (let i = 1; i <= levels; i++)
    defs[`d${i}`] = { type: 'array', items: { anyOf: [{ $ref: `#/$defs/d${i - 1}` }, { $ref: `#/$defs/d${i - 1}` }] } };
  return { type: 'object', properties: { x: { $ref: `#/$defs/d${levels}` } }, $defs: defs };
}

describe('inline schemas of /v1/describe', () => {
  const describeWith = (schema: unknown) => postJson(base, '/v1/describe', { text: 'Call me at noon.', schema });

  it('takes a schema within the limits', async () => {
    const answer = await describeWith({ type: 'object', properties: { when: { type: 'string' } } });
    expect(answer.status).toBe(200);
  });

  it('refuses a schema over the size, reference or expansion limit with a typed 400', async () => {
    const big = await describeWith({ type: 'object', description: 'x'.repeat(10_000) });
    expect(big.status).toBe(400);
    expect(big.body.error.code).toBe('schema_too_large');
    const properties = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, { $ref: '#/$defs/s' }]));
    const references = await describeWith({ type: 'object', properties, $defs: { s: { type: 'string' } } });
    expect(references.body.error).toMatchObject({
      code: 'schema_too_large',
      message: expect.stringMatching(/40 references/),
    });
    const expanding = await describeWith(doublingSchema(12));
    expect(expanding.body.error).toMatchObject({ code: 'schema_too_large', message: expect.stringMatching(/expands/) });
    const process = await postJson(base, '/v1/process', {
      text: 'Call me.',
      mode: 'describe',
      schema: doublingSchema(12),
    });
    expect(process.body.error.code).toBe('schema_too_large');
  });

  it('holds schema_json over gRPC to the same limits', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const expanding = await call((cb) =>
      client.Describe({ text: 'Call me.', schemaJson: JSON.stringify(doublingSchema(12)) }, deadlineIn(10_000), cb),
    );
    expect(expanding.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(expanding.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['schema_too_large']);
    const deep = await call((cb) =>
      client.Process(
        { text: 'Call me.', mode: 'PROCESS_MODE_DESCRIBE', schemaJson: `${'['.repeat(2_000)}${']'.repeat(2_000)}` },
        deadlineIn(10_000),
        cb,
      ),
    );
    expect(deep.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['json_too_deep']);
    client.close();
  });
});
