import { describe, expect, it } from 'vitest';
import { cacheKey, createResultCache } from './cache.ts';

const value = (text: string) => ({ cleanedText: text }) as never;

describe('result cache', () => {
  it('is off when configured with zero entries', () => {
    expect(createResultCache({ maxEntries: 0, maxBytes: 1000 })).toBeUndefined();
  });
  it('keys by normalized text, task and engine identity', () => {
    expect(cacheKey('  caf\u0065\u0301 ', 'clean', 'm@1')).toBe(cacheKey('caf\u00e9', 'clean', 'm@1'));
    expect(cacheKey('café', 'clean', 'm@1')).not.toBe(cacheKey('café', 'clean', 'm@2'));
    expect(cacheKey('café', 'clean', 'm@1')).not.toBe(cacheKey('café', 'describe', 'm@1'));
  });
  it('keys by the options that change the answer, in any order, ignoring unset ones', () => {
    const base = cacheKey('Hello there.', 'clean', 'm@1');
    expect(cacheKey('Hello there.', 'clean', 'm@1', { language: 'de' })).not.toBe(base);
    expect(cacheKey('Hello there.', 'clean', 'm@1', { language: '', generation: null })).toBe(base);
    const hot = cacheKey('Hello there.', 'clean', 'm@1', { generation: { temperature: 0.8, seed: '7' } });
    expect(hot).not.toBe(base);
    expect(cacheKey('Hello there.', 'clean', 'm@1', { generation: { seed: '7', temperature: 0.8 } })).toBe(hot);
    expect(cacheKey('Hello there.', 'clean', 'm@1', { generation: { seed: '8', temperature: 0.8 } })).not.toBe(hot);
  });
  it('evicts the least recently used entry at the entry bound', () => {
    const cache = createResultCache({ maxEntries: 2, maxBytes: 1_000_000 })!;
    cache.set('a', value('A'));
    cache.set('b', value('B'));
    cache.get('a');
    cache.set('c', value('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(value('A'));
    expect(cache.size).toBe(2);
  });
  it('stays within the byte bound', () => {
    const cache = createResultCache({ maxEntries: 1000, maxBytes: 2_000 })!;
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, value('x'.repeat(50)));
    expect(cache.size).toBeLessThan(100);
    expect(cache.get('k99')).toBeDefined();
  });
});
