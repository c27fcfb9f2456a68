// Exact-result cache of sentence cleanings, bounded by entries and bytes (LRU). The key holds the
// normalized text and the engine identity, so a new model version never serves an old model's answer.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';

export interface ResultCacheConfig {
  maxEntries: number;
  maxBytes: number;
}

export interface ResultCache {
  get(key: string): CleanResponse__Output | undefined;
  set(key: string, value: CleanResponse__Output): void;
  readonly size: number;
}

/**
 * Options that change the answer (language, generation settings) are part of the key; keys are sorted and
 * unset values dropped, so equal requests share an entry. Two spellings of one setting (unset vs. its
 * default) only cost a miss, never a wrong answer.
 */
export function cacheKey(
  text: string,
  task: string,
  engineIdentity: string,
  options: Record<string, unknown> = {},
): string {
  const normalized = text.normalize('NFC').trim();
  const settings = Object.entries(options)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([name, value]) =>
        `${name}=${typeof value === 'object' ? JSON.stringify(value, Object.keys(value as object).sort()) : String(value)}`,
    )
    .join('&');
  return createHash('sha256')
    .update(`${task}\u0000${engineIdentity}\u0000${settings}\u0000${normalized}`)
    .digest('base64url');
}

/** Undefined when caching is off (maxEntries 0). */
export function createResultCache(config: ResultCacheConfig): ResultCache | undefined {
  if (config.maxEntries <= 0 || config.maxBytes <= 0) return undefined;
  const lru = new LRUCache<string, CleanResponse__Output>({
    max: config.maxEntries,
    maxSize: config.maxBytes,
    sizeCalculation: (value, key) => key.length + JSON.stringify(value).length * 2,
  });
  return {
    get: (key) => lru.get(key),
    set: (key, value) => {
      lru.set(key, value);
    },
    get size() {
      return lru.size;
    },
  };
}
