import { describe, expect, it } from 'vitest';
import { MprError } from '../../lib/errors.ts';
import { createAgentGuard } from './guard.ts';

/** Limits of a guard, for the tests that do not trip its breaker. */
const limits = (maxConcurrent: number, maxQueue: number) => ({
  maxConcurrent,
  maxQueue,
  breakerResetMs: 1000,
  breakerStallMs: 10_000,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A call that holds its slot until the test releases it: no race with the clock. */
function heldCall<T>(value: T): { call: () => Promise<T>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { call: () => released.then(() => value), release };
}

describe('agent guard', () => {
  it('rejects at once with overloaded + retry-after when running and queue are full', async () => {
    const guard = createAgentGuard('cleaner', limits(1, 1));
    const reasons: string[] = [];
    guard.onRejected = (reason) => reasons.push(reason);
    const deadline = Date.now() + 60_000;
    const holder = heldCall('a');
    const running = guard.schedule(deadline, holder.call);
    const queued = guard.schedule(deadline, () => Promise.resolve('b'));
    await sleep(20);
    // At once: the running call still holds the only slot (until released below), so a refusal that
    // arrives now waited for nothing.
    const rejected = await guard.schedule(deadline, () => Promise.resolve('c')).catch((error: unknown) => error);
    holder.release();
    expect(rejected).toBeInstanceOf(MprError);
    expect((rejected as MprError).code).toBe('overloaded');
    expect((rejected as MprError).retryAfterSeconds).toBe(1);
    expect(reasons).toEqual(['queue_full']);
    expect(await running).toBe('a');
    expect(await queued).toBe('b');
  });

  it('ends a queued call at its deadline and never runs it afterwards', async () => {
    const guard = createAgentGuard('cleaner', limits(1, 10));
    const holder = heldCall(undefined);
    const blocker = guard.schedule(Date.now() + 60_000, holder.call);
    let ran = false;
    const late = await guard
      .schedule(Date.now() + 50, async () => {
        ran = true;
      })
      .catch((error: unknown) => error);
    expect((late as MprError).code).toBe('deadline_exceeded');
    holder.release();
    await blocker;
    await sleep(20);
    expect(ran).toBe(false);
  });

  it('opens the circuit after repeated unavailability, not after bad input', async () => {
    const config = { maxConcurrent: 4, maxQueue: 4, breakerResetMs: 60_000, breakerStallMs: 10_000 };
    const badInput = createAgentGuard('cleaner', config);
    for (let i = 0; i < 10; i++)
      await badInput.protect(() => Promise.reject(new MprError('invalid_argument', 'bad'))).catch(() => undefined);
    expect(badInput.stats().breaker).toBe('closed');
    const guard = createAgentGuard('cleaner', config);
    for (let i = 0; i < 6; i++)
      await guard.protect(() => Promise.reject(new MprError('unavailable', 'down'))).catch(() => undefined);
    expect(guard.stats().breaker).toBe('open');
    const failedFast = await guard.protect(() => Promise.resolve('never')).catch((error: unknown) => error);
    expect((failedFast as MprError).code).toBe('unavailable');
    expect((failedFast as MprError).message).toMatch(/circuit open/);
  });

  it('runs calls with maxQueue 0 while a slot is free and refuses only the ones that would wait', async () => {
    const guard = createAgentGuard('cleaner', limits(2, 0));
    const deadline = Date.now() + 5_000;
    expect(await guard.schedule(deadline, () => Promise.resolve('alone'))).toBe('alone');
    const first = guard.schedule(deadline, () => sleep(100).then(() => 1));
    const second = guard.schedule(deadline, () => sleep(100).then(() => 2));
    const third = await guard.schedule(deadline, () => Promise.resolve(3)).catch((error: unknown) => error);
    expect((third as MprError).code).toBe('overloaded');
    expect([await first, await second]).toEqual([1, 2]);
  });

  it('opens the circuit for an agent whose calls stall until their deadline, not for short deadlines', async () => {
    // Misses after 0 ms and after 1.2 s against a 1 s stall bound: a second of margin either way, so a
    // loaded machine cannot move a miss across it.
    const config = { maxConcurrent: 8, maxQueue: 8, breakerResetMs: 60_000, breakerStallMs: 1_000 };
    const missAfter = (ms: number) => () =>
      sleep(ms).then(() => Promise.reject(new MprError('deadline_exceeded', 'deadline passed')));
    const impatient = createAgentGuard('cleaner', config);
    for (let i = 0; i < 6; i++) await impatient.schedule(Date.now() + 5, missAfter(0)).catch(() => undefined);
    expect(impatient.stats().breaker).toBe('closed');
    const stalled = createAgentGuard('cleaner', config);
    await Promise.all(
      Array.from({ length: 6 }, () => stalled.schedule(Date.now() + 1_200, missAfter(1_200)).catch(() => undefined)),
    );
    expect(stalled.stats().breaker).toBe('open');
    const failedFast = await stalled
      .schedule(Date.now() + 1_000, () => Promise.resolve('never'))
      .catch((error: unknown) => error);
    expect((failedFast as MprError).code).toBe('unavailable');
  });
});
