import { describe, expect, it } from 'vitest';
import { FollowingMasks } from './mask-wire.ts';

describe('FollowingMasks', () => {
  const masks = [{ kind: 'only' as const, ids: [1, 2] }];

  it('hands a step its masks whether they arrive before or after it asks, then forgets them', async () => {
    const following = new FollowingMasks();
    following.arrive(1, masks);
    const asked = following.take(2);
    expect(following.size).toBe(2);
    await expect(following.take(1)).resolves.toBe(masks);
    following.arrive(2, []);
    await expect(asked).resolves.toEqual([]);
    expect(following.size).toBe(0);
  });

  it('rejects the step when its masks failed', async () => {
    const following = new FollowingMasks();
    const asked = following.take(3);
    following.arrive(3, new Error('no masks'));
    await expect(asked).rejects.toThrow('no masks');
    following.arrive(4, new Error('early failure'));
    await expect(following.take(4)).rejects.toThrow('early failure');
    expect(following.size).toBe(0);
  });
});
