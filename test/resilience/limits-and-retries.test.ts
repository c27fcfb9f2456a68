// Retries only for UNAVAILABLE, fast 429s from a full agent queue and from a client over its rate.
import { describe, expect, it } from 'vitest';
import { useFaultySystem } from '../support/fault-engine.ts';
import { getJson, postJson } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const DIRTY = 'She go to scool evry day .';

async function cleanerQueueDepth(base: string): Promise<number> {
  const metrics = (await getJson(base, '/metrics')).body as string;
  return Number(/^mpr_agent_queue_depth\{agent="cleaner"\} (\d+)$/m.exec(metrics)?.[1] ?? Number.NaN);
}

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
    // The first call holds jw1's only slot for the cleaner for 5 s, the second its only queue place.
    engine.mode = { kind: 'slow', delayMs: 5_000 };
    const first = postJson(base, '/v1/clean', { text: DIRTY }, { 'x-api-key': 'load-a' });
    await waitFor(() => engine.inFlight === 1, 5_000);
    const second = postJson(base, '/v1/clean', { text: 'I recieve it.' }, { 'x-api-key': 'load-b' });
    await waitFor(async () => (await cleanerQueueDepth(base)) === 1, 5_000);
    // At once: a third call that waited for a place would be served (200) once the first is done; a 429
    // overloaded can only come while slot and queue are full.
    const third = await postJson(base, '/v1/clean', { text: 'Thanks alot.' }, { 'x-api-key': 'load-c' });
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
