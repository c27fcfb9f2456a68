// Retries only for UNAVAILABLE, fast 429s from a full agent queue and from a client over its rate.
import { describe, expect, it } from 'vitest';
import { useFaultySystem } from '../support/fault-engine.ts';
import { postJson } from '../support/system.ts';

const DIRTY = 'She go to scool evry day .';

describe('agent limits and retries', () => {
  const faulty = useFaultySystem({
    agentMaxConcurrency: '1',
    agentMaxQueue: '1',
    cacheMaxEntries: '0',
    rateLimitRps: '1',
    rateLimitBurst: '50',
  });

  it('retries an UNAVAILABLE answer transparently within the deadline', async () => {
    const { engine, base } = faulty;
    const before = engine.calls;
    engine.mode = { kind: 'fail', code: 'unavailable', count: 1 };
    const result = await postJson(base, '/v1/clean', { text: DIRTY });
    expect(result.status).toBe(200);
    expect(result.body.cleanedText).toContain('school');
    expect(engine.calls - before).toBe(2);
  });

  it('does not retry other failures', async () => {
    const { engine, base } = faulty;
    const before = engine.calls;
    engine.mode = { kind: 'fail', code: 'model_error', count: 1 };
    const result = await postJson(base, '/v1/clean', { text: DIRTY });
    expect(result.status).toBe(500);
    expect(result.body.error.code).toBe('model_error');
    expect(engine.calls - before).toBe(1);
  });

  it('answers 429 overloaded with Retry-After at once when the agent queue is full', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'slow', delayMs: 800 };
    const first = postJson(base, '/v1/clean', { text: DIRTY }, { 'x-api-key': 'load-a' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = postJson(base, '/v1/clean', { text: 'I recieve it.' }, { 'x-api-key': 'load-b' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const third = await postJson(base, '/v1/clean', { text: 'Thanks alot.' }, { 'x-api-key': 'load-c' });
    expect(Date.now() - started).toBeLessThan(300);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('overloaded');
    expect(third.headers.get('retry-after')).toBe('1');
    expect((await second).status).toBe(200);
    engine.mode = { kind: 'healthy' };
    await first;
  });

  it('answers 429 rate_limited per API key, leaving other keys alone', async () => {
    const { base } = faulty;
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++)
      statuses.push((await postJson(base, '/v1/clean', { text: 'ok' }, { 'x-api-key': 'busy-client' })).status);
    expect(statuses.slice(0, 50).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(50)).toEqual([429, 429]);
    const limited = await postJson(base, '/v1/clean', { text: 'ok' }, { 'x-api-key': 'busy-client' });
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await postJson(base, '/v1/clean', { text: 'ok' }, { 'x-api-key': 'quiet-client' })).status).toBe(200);
  });
});
