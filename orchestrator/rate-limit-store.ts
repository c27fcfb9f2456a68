// The Redis connection behind shared rate limits. ioredis, because rate-limiter-flexible registers its
// counting script on it as a command (sent as EVALSHA once cached) and documents it first, and because
// it gives every command a deadline (`commandTimeout`) and can fail commands at once while disconnected
// instead of queueing them (`enableOfflineQueue: false`): a queue would let requests pile up behind an
// outage and then release them all against stale counts.
import { Redis } from 'ioredis';
import { errorMessage } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

export interface RateLimitStore {
  readonly client: Redis;
  /** Whether the connection is up now. */
  ready(): boolean;
  close(): Promise<void>;
}

export interface RateLimitStoreOptions {
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  /** Deadline of each command and of connecting. */
  timeoutMs: number;
  logger?: Logger;
}

/** The URL without credentials, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Connects in the background: jw1 starts even when Redis is not up yet (the failure policy applies meanwhile). */
export function connectRateLimitStore(options: RateLimitStoreOptions): RateLimitStore {
  const where = redactRedisUrl(options.url);
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
    // Reconnect for as long as jw1 runs, backing off to one attempt every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  // Logged on changes of state only: an outage must not write a line per request or per retry.
  let up = false;
  let reportedDown = false;
  client.on('ready', () => {
    up = true;
    reportedDown = false;
    options.logger?.info({ redis: where }, 'rate limit store connected');
  });
  client.on('error', (error: unknown) => {
    if (reportedDown) return;
    reportedDown = true;
    options.logger?.warn({ redis: where, error: errorMessage(error) }, 'rate limit store unreachable');
  });
  client.on('close', () => {
    if (up) options.logger?.warn({ redis: where }, 'rate limit store connection closed');
    up = false;
  });
  return {
    client,
    ready: () => client.status === 'ready',
    close: async () => {
      client.disconnect(false);
    },
  };
}
