// Rate limits and quotas shared by jw1 replicas through a real redis-server: two jw1 processes together
// hold one key to its limit, and when Redis cannot answer, jw1 fails open or closed as configured,
// logs it and counts it, then recovers when Redis is back.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponents, type RunningSystem } from '../../cli/serve.ts';
import { createLogger } from '../../lib/logger.ts';
import { generateApiKey, hashApiKey } from '../../orchestrator/auth/index.ts';
import { sampleValue } from '../observability/exposition.ts';
import { optionalPart } from '../support/optional.ts';
import { freePort } from '../support/ports.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { getJson, postJson, testConfig } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const redisServer = await optionalPart('redis-server');
const MPR = fileURLToPath(new URL('../../bin/mpr.js', import.meta.url));
// A trivial text: the skip-gate answers it without any agent, so jw1 runs alone.
const TRIVIAL = { text: 'a' };

describe('shared limits in Redis', redisServer.options, () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => redis?.stop());

  describe('two jw1 processes', () => {
    const SHARED = generateApiKey();
    const METERED = generateApiKey();
    const children: ChildProcess[] = [];
    const bases: string[] = [];
    let dir: string;

    async function startJw1(keysFile: string): Promise<string> {
      const httpPort = await freePort();
      const child = spawn(process.execPath, [MPR, 'serve', 'orchestrator'], {
        env: {
          ...process.env,
          MPR_HOST: '127.0.0.1',
          MPR_HTTP_PORT: String(httpPort),
          MPR_GRPC_PORT: String(await freePort()),
          // No agent runs: trivial texts never need one.
          MPR_CLEANER_ADDR: `127.0.0.1:${await freePort()}`,
          MPR_DESCRIBER_ADDR: `127.0.0.1:${await freePort()}`,
          MPR_LOG_LEVEL: 'warn',
          MPR_AUTH_REQUIRED: 'true',
          MPR_AUTH_KEYS_FILE: keysFile,
          MPR_RATE_LIMIT_REDIS_URL: redis.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const output: string[] = [];
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      const base = `http://127.0.0.1:${httpPort}`;
      // Up, and connected to Redis (until then its default policy would admit without counting).
      try {
        await waitFor(
          async () => sampleValue((await getJson(base, '/metrics')).body as string, 'mpr_rate_limit_store_up') === 1,
          60_000,
          100,
        );
      } catch (error) {
        throw new Error(`jw1 on ${base} did not come up connected to Redis:\n${output.join('')}`, { cause: error });
      }
      return base;
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mpr-shared-limits-'));
      const keysFile = join(dir, 'keys.yaml');
      // 10 requests per 100 s window, so that no window ends while the test runs.
      writeFileSync(
        keysFile,
        [
          `- {name: shared, hash: "${hashApiKey(SHARED)}", rateLimit: {rps: 0.1, burst: 10}}`,
          `- {name: metered, hash: "${hashApiKey(METERED)}", quota: {requests: 4, per: hour}}`,
          '',
        ].join('\n'),
      );
      bases.push(...(await Promise.all([startJw1(keysFile), startJw1(keysFile)])));
    }, 120_000);
    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    async function statuses(key: string, requests: number): Promise<Record<number, number>> {
      const counts: Record<number, number> = {};
      for (let i = 0; i < requests; i++) {
        const answer = await postJson(bases[i % 2]!, '/v1/clean', TRIVIAL, { authorization: `Bearer ${key}` });
        counts[answer.status] = (counts[answer.status] ?? 0) + 1;
      }
      return counts;
    }

    it('hold one key to its rate together: 10 of 20 requests pass, alternating between them', async () => {
      expect(await statuses(SHARED, 20)).toEqual({ 200: 10, 429: 10 });
      for (const base of bases) {
        const metrics = (await getJson(base, '/metrics')).body as string;
        expect(sampleValue(metrics, 'mpr_rate_limit_store_failures_total', { policy: 'open' })).toBeUndefined();
      }
    });

    it('hold one key to its quota together', async () => {
      expect(await statuses(METERED, 6)).toEqual({ 200: 4, 429: 2 });
      const refused = await postJson(bases[1]!, '/v1/clean', TRIVIAL, { authorization: `Bearer ${METERED}` });
      expect(refused.body.error.code).toBe('quota_exceeded');
    });
  });

  describe('when Redis cannot answer', () => {
    const lines: string[] = [];
    let jw1: RunningSystem | undefined;
    afterAll(async () => jw1?.stop());

    async function start(redisUrl: string, policy: 'open' | 'closed'): Promise<string> {
      await jw1?.stop();
      const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
      jw1 = await startComponents(
        'orchestrator',
        testConfig({
          logLevel: 'info',
          rateLimitRps: '100',
          rateLimitRedisUrl: redisUrl,
          rateLimitRedisFailure: policy,
          rateLimitRedisTimeoutMs: '200',
        }),
        logger,
      );
      return `http://127.0.0.1:${jw1.ports.http}`;
    }

    const failures = async (base: string, policy: string) =>
      sampleValue((await getJson(base, '/metrics')).body as string, 'mpr_rate_limit_store_failures_total', { policy });

    it('fails closed: a typed 503 while Redis is down, counted and logged, and serves again once it is back', async () => {
      const base = await start(redis.url, 'closed');
      await waitFor(async () => (await postJson(base, '/v1/clean', TRIVIAL)).status === 200, 10_000, 50);
      await redis.kill();
      const refused = await postJson(base, '/v1/clean', TRIVIAL);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('unavailable');
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await failures(base, 'closed')).toBeGreaterThanOrEqual(1);
      const logged = lines.map((line) => JSON.parse(line)).filter((log) => log.policy === 'closed');
      expect(logged[0]?.msg).toBe('rate limit not checked (Redis unreachable): request refused');
      await redis.restart();
      await waitFor(async () => (await postJson(base, '/v1/clean', TRIVIAL)).status === 200, 15_000, 100);
    });

    it('fails open: requests are admitted while Redis is unreachable, counted and logged', async () => {
      const nothingListens = `redis://127.0.0.1:${await freePort()}`;
      const base = await start(nothingListens, 'open');
      for (let i = 0; i < 5; i++) expect((await postJson(base, '/v1/clean', TRIVIAL)).status).toBe(200);
      expect(await failures(base, 'open')).toBe(5);
      const logs = lines.map((line) => JSON.parse(line));
      expect(logs.find((log) => log.policy === 'open')?.msg).toBe(
        'rate limit not checked (Redis unreachable): request admitted',
      );
      expect(logs.find((log) => log.store?.startsWith('redis://'))?.msg).toBe(
        'rate limits shared by every replica through Redis',
      );
    });
  });
});
