// The gateway's own refusals, which need no agent: while jw1 drains, and when a client exceeds its rate.
// The pipeline is a recording stand-in; what is tested is the HTTP translation in front of it.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../lib/logger.ts';
import { unchangedResponse } from '../clean-response.ts';
import type { AgentClients } from '../clients/agent-clients.ts';
import { createAccessControl } from '../access-control.ts';
import { createAuthenticator } from '../auth/index.ts';
import { createClientRateLimiter } from '../client-rate-limiter.ts';
import type { Pipeline } from '../pipeline.ts';
import { buildGateway, type GatewayOptions } from './app.ts';

const servedTexts: string[] = [];
const pipeline = {
  cleanBatch: async (items: { text: string }[]) => items.map((item) => ({ ok: unchangedResponse(item.text, 0) })),
  clean: async (request: { text: string }) => {
    servedTexts.push(request.text);
    return unchangedResponse(request.text, 0);
  },
} as unknown as Pipeline;
const agents = {
  health: async () => 'SERVING',
  reachedOnce: () => true,
} as unknown as AgentClients;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  servedTexts.length = 0;
});

async function gateway(overrides: Partial<GatewayOptions>): Promise<string> {
  const started = await buildGateway({
    pipeline,
    agents,
    logger: createLogger({ level: 'silent', component: 'test' }),
    maxTextBytes: 4096,
    maxBatchItems: 4,
    requestTimeoutMs: 2_000,
    isAccepting: () => true,
    ...overrides,
  });
  app = started;
  await started.listen({ host: '127.0.0.1', port: 0 });
  const address = started.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/clean`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });

describe('gateway while draining', () => {
  it('is not ready, and answers new work with a typed 503 and Retry-After without running it', async () => {
    let accepting = true;
    const base = await gateway({ isAccepting: () => accepting });
    expect((await post(base, { text: 'before the drain' })).status).toBe(200);
    accepting = false;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', accepting: false });
    const refused = await post(base, { text: 'during the drain' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('connection')).toBe('close');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(servedTexts).toEqual(['before the drain']);
    // Liveness stays up: a draining process must not be restarted.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('gateway rate limit', () => {
  /** A gateway whose clients may send `burst` requests at 1 request/s. */
  async function withRateLimit(burst: number, run: (base: string) => Promise<void>): Promise<void> {
    const rateLimiter = createClientRateLimiter({ rps: 1, burst });
    const authenticator = createAuthenticator({
      required: false,
      keysFile: '',
      jwksFile: '',
      jwtIssuer: '',
      jwtAudience: '',
      reloadPollMs: 1_000,
    });
    try {
      await run(await gateway({ access: createAccessControl({ authenticator, rateLimiter }) }));
    } finally {
      await rateLimiter.close();
    }
  }

  const postBatch = (base: string, texts: string[], apiKey: string) =>
    fetch(`${base}/v1/clean:batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ items: texts.map((text) => ({ text })) }),
      signal: AbortSignal.timeout(5_000),
    });

  it('refuses a client over its rate with 429 before reading the body, counted per API key', () =>
    withRateLimit(1, async (base) => {
      expect((await post(base, { text: 'first' }, { 'x-api-key': 'a' })).status).toBe(200);
      // Not even valid JSON: the refusal comes before the body is parsed.
      const limited = await fetch(`${base}/v1/clean`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'a' },
        body: '{not json',
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect((await post(base, { text: 'other key' }, { 'x-api-key': 'b' })).status).toBe(200);
      expect(servedTexts).toEqual(['first', 'other key']);
    }));

  it('charges a batch one request per item', () =>
    withRateLimit(3, async (base) => {
      expect((await postBatch(base, ['one', 'two', 'three'], 'c')).status).toBe(200);
      expect((await post(base, { text: 'fourth' }, { 'x-api-key': 'c' })).status).toBe(429);
    }));

  it('lets a batch larger than the burst pass on a fresh client, at the cost of the whole burst', () =>
    withRateLimit(2, async (base) => {
      expect((await postBatch(base, ['one', 'two', 'three', 'four'], 'd')).status).toBe(200);
      expect((await post(base, { text: 'fifth' }, { 'x-api-key': 'd' })).status).toBe(429);
    }));
});

describe('gateway request ids', () => {
  it('takes the request id from the x-request-id header and echoes it', async () => {
    const base = await gateway({});
    const named = await post(base, { text: 'named' }, { 'x-request-id': 'caller-7.a:b' });
    expect(named.status).toBe(200);
    expect(named.headers.get('x-request-id')).toBe('caller-7.a:b');
    // A header that is not a plain bounded token is replaced, not echoed.
    const unfit = await post(base, { text: 'unfit' }, { 'x-request-id': 'x'.repeat(129) });
    expect(unfit.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a requestId in the body with a typed 400 that names the field, without running it', async () => {
    const base = await gateway({});
    const refused = await post(base, { text: 'in the body', requestId: 'mine' });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('body has an unknown field "requestId"');
    expect(refused.headers.get('x-request-id')).not.toBe('mine');
    const nested = await post(base, { text: 'nested', generation: { temprature: 0 } });
    expect(((await nested.json()) as { error: { message: string } }).error.message).toBe(
      'body.generation has an unknown field "temprature"',
    );
    expect(servedTexts).toEqual([]);
  });
});
