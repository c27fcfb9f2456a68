import { describe, expect, it } from 'vitest';
import { MprError } from '../lib/errors.ts';
import { createAdapterVouchers } from './adapter-vouchers.ts';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('adapter vouchers', () => {
  it('vouches for a name jw2 served until the period ends, then asks again', async () => {
    const time = clock();
    const vouchers = createAdapterVouchers(5_000, time.now);
    let asked = 0;
    const ask = async () => {
      asked += 1;
      return {};
    };
    await vouchers.vouch('grammar', ask);
    await vouchers.vouch('grammar', ask);
    expect(asked).toBe(1);
    time.advance(5_000);
    expect(vouchers.vouched('grammar')).toBe(false);
    await vouchers.vouch('grammar', ask);
    expect(asked).toBe(2);
  });

  it('shares one question among concurrent callers and passes jw2 refusal on, revoking the name', async () => {
    const vouchers = createAdapterVouchers(5_000, clock().now);
    let asked = 0;
    const refuse = async () => {
      asked += 1;
      throw new MprError('unknown_adapter', 'unknown adapter "nope"');
    };
    const both = await Promise.allSettled([vouchers.vouch('nope', refuse), vouchers.vouch('nope', refuse)]);
    expect(asked).toBe(1);
    expect(both.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(vouchers.vouched('nope')).toBe(false);
  });

  it('learns from calls that name the adapter: served vouches, unknown_adapter revokes, other errors keep it', async () => {
    const vouchers = createAdapterVouchers(5_000, clock().now);
    await vouchers.observe('grammar', Promise.resolve('answer'));
    expect(vouchers.vouched('grammar')).toBe(true);
    await expect(vouchers.observe('grammar', Promise.reject(new MprError('unavailable', 'down')))).rejects.toThrow();
    expect(vouchers.vouched('grammar')).toBe(true);
    await expect(
      vouchers.observe('grammar', Promise.reject(new MprError('unknown_adapter', 'removed'))),
    ).rejects.toMatchObject({ code: 'unknown_adapter' });
    expect(vouchers.vouched('grammar')).toBe(false);
  });

  it('with a period of 0 never vouches, so every request naming an adapter asks jw2', async () => {
    const vouchers = createAdapterVouchers(0, clock().now);
    let asked = 0;
    const ask = async () => (asked += 1);
    await vouchers.vouch('grammar', ask);
    await vouchers.vouch('grammar', ask);
    expect(asked).toBe(2);
  });
});
