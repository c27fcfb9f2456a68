import { describe, expect, it } from 'vitest';
import { MprError } from '../lib/errors.ts';
import { createClientRateLimiter, windowOf } from './client-rate-limiter.ts';

describe('client rate limiter', () => {
  it('admits everything at 0 requests per second when the client has no rate of its own', async () => {
    const limiter = createClientRateLimiter({ rps: 0, burst: 5 });
    for (let i = 0; i < 50; i++) await limiter.admit('anyone');
  });

  it('admits a burst, refuses the next request of that key at once, and keeps keys apart', async () => {
    const limiter = createClientRateLimiter({ rps: 1, burst: 3 });
    for (let i = 0; i < 3; i++) await limiter.admit('key-a');
    // At once: the refusal settles before the event loop turns even once, so it waited for no timer or
    // token (a setImmediate callback runs only after every settled promise has been handled).
    const turn = new Promise<'event loop turned'>((resolve) => setImmediate(() => resolve('event loop turned')));
    const refused = await Promise.race([limiter.admit('key-a').catch((error: unknown) => error), turn]);
    expect(refused).toBeInstanceOf(MprError);
    expect((refused as MprError).code).toBe('rate_limited');
    expect((refused as MprError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as MprError).retryAfterSeconds).toBeLessThanOrEqual(3);
    await expect(limiter.admit('key-b')).resolves.toBeUndefined();
    await limiter.close();
  });

  it('charges a batch one request per item, never more than the burst', async () => {
    const limiter = createClientRateLimiter({ rps: 1, burst: 4 });
    await limiter.admit('batcher', 3);
    await limiter.admit('batcher');
    await expect(limiter.admit('batcher')).rejects.toMatchObject({ code: 'rate_limited' });
    // A batch larger than the burst costs the whole burst: it can pass on a fresh key.
    await expect(limiter.admit('big', 50)).resolves.toBeUndefined();
    await expect(limiter.admit('big')).rejects.toMatchObject({ code: 'rate_limited' });
    // Charged in two steps (one request first, the rest once the items are counted): the same total.
    await limiter.admit('split');
    await expect(limiter.admit('split', 50, 1)).resolves.toBeUndefined();
    await expect(limiter.admit('split')).rejects.toMatchObject({ code: 'rate_limited' });
    await limiter.close();
  });

  it('admits again after the reservoir refills', async () => {
    const limiter = createClientRateLimiter({ rps: 10, burst: 1 });
    await limiter.admit('k');
    await expect(limiter.admit('k')).rejects.toMatchObject({ code: 'rate_limited' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(limiter.admit('k')).resolves.toBeUndefined();
    await limiter.close();
  });

  it('holds a key to its own rate, over the default one, and counts refusals by reason', async () => {
    const refused: string[] = [];
    const limiter = createClientRateLimiter({ rps: 0, burst: 20 }, { rejected: (reason) => refused.push(reason) });
    const subject = { id: 'key:alice', rateLimit: { rps: 1, burst: 2 } };
    await limiter.admit(subject);
    await limiter.admit(subject);
    await expect(limiter.admit(subject)).rejects.toMatchObject({ code: 'rate_limited' });
    // The same name without the key's own rate falls back to the default (off here).
    await expect(limiter.admit('key:bob')).resolves.toBeUndefined();
    expect(refused).toEqual(['rate_limited']);
  });

  it('holds a key to its quota, with a Retry-After until the period ends', async () => {
    const refused: string[] = [];
    const limiter = createClientRateLimiter({ rps: 0, burst: 20 }, { rejected: (reason) => refused.push(reason) });
    const subject = { id: 'key:carol', quota: { requests: 3, periodSeconds: 3_600 } };
    await limiter.admit(subject, 2);
    await limiter.admit(subject);
    const error = await limiter.admit(subject).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'quota_exceeded' });
    expect((error as MprError).retryAfterSeconds).toBeGreaterThan(3_500);
    expect(refused).toEqual(['quota_exceeded']);
  });

  it('counts in whole-second windows for Redis, keeping the long-run rate', () => {
    expect(windowOf({ rps: 2, burst: 4 }, false)).toEqual({ points: 4, seconds: 2 });
    expect(windowOf({ rps: 30, burst: 20 }, false)).toEqual({ points: 20, seconds: 20 / 30 });
    expect(windowOf({ rps: 30, burst: 20 }, true)).toEqual({ points: 30, seconds: 1 });
    expect(windowOf({ rps: 1, burst: 3 }, true)).toEqual({ points: 3, seconds: 3 });
    expect(windowOf({ rps: 0.5, burst: 1 }, true)).toEqual({ points: 1, seconds: 2 });
  });
});
