// Authentication at jw1 over real HTTP and gRPC, with the whole system running: API keys as bearer
// tokens or x-api-key, typed 401/403 (UNAUTHENTICATED/PERMISSION_DENIED), permissions per task and
// describer adapter, per-key rate limits and quotas, the key file reloaded while jw1 runs, and no key in
// any log line, span or metric while the key's name is in all three.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponents } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { createLogger } from '../../lib/logger.ts';
import { generateApiKey, hashApiKey } from '../../orchestrator/auth/index.ts';
import { sampleValue } from '../observability/exposition.ts';
import { startTracedSystem, type TracedSystem } from '../observability/traced-system.ts';
import { call, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { getJson, postJson, testConfig } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const KEYS = {
  alice: generateApiKey(),
  reader: generateApiKey(),
  analyst: generateApiKey(),
  limited: generateApiKey(),
  metered: generateApiKey(),
  newcomer: generateApiKey(),
};

const entry = (name: keyof typeof KEYS, rest = '') => `- {name: ${name}, hash: "${hashApiKey(KEYS[name])}"${rest}}`;
const KEY_FILE = [
  '# keys of the auth test',
  entry('alice'),
  entry('reader', ', tasks: [clean]'),
  entry('analyst', ', tasks: [describe, process], adapters: [decision]'),
  entry('limited', ', rateLimit: {rps: 1, burst: 2}'),
  entry('metered', ', quota: {requests: 2, per: hour}'),
  '',
].join('\n');

const logLines: string[] = [];
let dir: string;
let keysPath: string;
let traced: TracedSystem;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-auth-it-'));
  keysPath = join(dir, 'keys.yaml');
  await writeFile(keysPath, KEY_FILE);
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void logLines.push(line) } });
  traced = await startTracedSystem(
    { logLevel: 'trace', authRequired: 'true', authKeysFile: keysPath, authReloadPollMs: '100' },
    logger,
  );
});
afterAll(async () => {
  await traced?.system.stop();
  await rm(dir, { recursive: true, force: true });
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const clean = (headers: Record<string, string>) =>
  postJson(traced.base, '/v1/clean', { text: 'She go home.' }, headers);

function metadataWith(key: string, header: 'authorization' | 'x-api-key' = 'authorization'): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set(header, header === 'authorization' ? `Bearer ${key}` : key);
  return metadata;
}

describe('HTTP', () => {
  it('says at start-up that authentication is on, and how many keys it loaded', () => {
    const line = logLines.map((raw) => JSON.parse(raw)).find((log) => log.authentication === 'on');
    expect(line).toMatchObject({ keys: 5, keysFile: keysPath });
    expect(line.msg).toMatch(/^authentication on/);
  });

  it('serves a listed key sent as a bearer token or as x-api-key', async () => {
    expect((await clean(bearer(KEYS.alice))).status).toBe(200);
    expect((await clean({ 'x-api-key': KEYS.alice })).status).toBe(200);
  });

  it('answers a missing, unknown or malformed credential with a typed 401 and WWW-Authenticate', async () => {
    const attempts: Record<string, string>[] = [
      {},
      bearer(generateApiKey()),
      { 'x-api-key': 'guess' },
      { authorization: `Basic ${KEYS.alice}` },
    ];
    for (const headers of attempts) {
      const refused = await clean(headers);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthenticated');
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="mpr"');
    }
  });

  it('leaves health, readiness and metrics open (probes and Prometheus carry no key)', async () => {
    expect((await getJson(traced.base, '/healthz')).status).toBe(200);
    expect((await getJson(traced.base, '/metrics')).status).toBe(200);
  });

  it('answers a task or describer adapter the key may not use with a typed 403', async () => {
    const describe = await postJson(traced.base, '/v1/describe', { text: 'Call me.' }, bearer(KEYS.reader));
    expect(describe.status).toBe(403);
    expect(describe.body.error).toMatchObject({ code: 'permission_denied', message: '"reader" may not use describe' });
    const batch = await postJson(traced.base, '/v1/clean:batch', { items: [{ text: 'one' }] }, bearer(KEYS.reader));
    expect(batch.status).toBe(200);

    const decision = await postJson(
      traced.base,
      '/v1/describe',
      { text: 'Refund me now.', task: 'decision' },
      bearer(KEYS.analyst),
    );
    expect(decision.status).toBe(200);
    const traits = await postJson(
      traced.base,
      '/v1/describe',
      { text: 'Refund me.', task: 'traits' },
      bearer(KEYS.analyst),
    );
    expect(traits.status).toBe(403);
    const inline = await postJson(
      traced.base,
      '/v1/describe',
      { text: 'Refund me.', task: 'decision', schema: { type: 'object' } },
      bearer(KEYS.analyst),
    );
    expect(inline.body.error.message).toMatch(/may not use the adapter or describer task "custom"/);
    // A LoRA adapter named by the caller is held to the same list, before any agent is asked.
    const namedAdapter = await postJson(
      traced.base,
      '/v1/describe',
      { text: 'Refund me now.', task: 'decision', adapter: 'knowledge-8b' },
      bearer(KEYS.analyst),
    );
    expect(namedAdapter.status).toBe(403);
    expect(namedAdapter.body.error.message).toMatch(/may not use the adapter or describer task "knowledge-8b"/);
    const cleanOnly = await postJson(
      traced.base,
      '/v1/process',
      { text: 'She go.', mode: 'clean', task: 'traits' },
      bearer(KEYS.analyst),
    );
    expect(cleanOnly.status).toBe(200);
    expect((await clean(bearer(KEYS.analyst))).status).toBe(403);
  });

  it('holds a key to its own rate and quota (429 rate_limited / quota_exceeded with Retry-After)', async () => {
    expect((await clean(bearer(KEYS.limited))).status).toBe(200);
    expect((await clean(bearer(KEYS.limited))).status).toBe(200);
    const limited = await clean(bearer(KEYS.limited));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');

    expect((await clean(bearer(KEYS.metered))).status).toBe(200);
    expect((await clean(bearer(KEYS.metered))).status).toBe(200);
    const metered = await clean(bearer(KEYS.metered));
    expect(metered.status).toBe(429);
    expect(metered.body.error.code).toBe('quota_exceeded');
    expect(Number(metered.headers.get('retry-after'))).toBeGreaterThan(3_000);
  });
});

describe('gRPC', () => {
  it('serves a key sent in metadata, as a bearer token or x-api-key', async () => {
    const client = orchestratorClient(traced.system.ports.grpc!);
    for (const metadata of [metadataWith(KEYS.alice), metadataWith(KEYS.alice, 'x-api-key')]) {
      const { error, response } = await call<any>((cb) =>
        client.Clean({ text: 'She go home.' }, metadata, deadlineIn(10_000), cb),
      );
      expect(error).toBeNull();
      expect(response.cleanedText).toBe('She goes home.');
    }
    client.close();
  });

  it('answers UNAUTHENTICATED and PERMISSION_DENIED with the stable codes', async () => {
    const client = orchestratorClient(traced.system.ports.grpc!);
    const anonymous = await call((cb) =>
      client.Clean({ text: 'hello there' }, new grpc.Metadata(), deadlineIn(10_000), cb),
    );
    expect(anonymous.error?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(anonymous.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unauthenticated']);
    const denied = await call((cb) =>
      client.Describe({ text: 'Call me.' }, metadataWith(KEYS.reader), deadlineIn(10_000), cb),
    );
    expect(denied.error?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(denied.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['permission_denied']);
    const adapter = await call((cb) =>
      client.Process(
        { text: 'Call me.', mode: 'PROCESS_MODE_DESCRIBE', task: 'traits' },
        metadataWith(KEYS.analyst),
        deadlineIn(10_000),
        cb,
      ),
    );
    expect(adapter.error?.code).toBe(grpc.status.PERMISSION_DENIED);
    client.close();
  });
});

describe('gRPC streams', () => {
  /** The messages and the final status of a server stream. */
  function collect(
    stream: grpc.ClientReadableStream<unknown>,
  ): Promise<{ messages: number; error: grpc.ServiceError | null }> {
    return new Promise((resolve) => {
      let messages = 0;
      stream.on('data', () => messages++);
      stream.on('error', (error: grpc.ServiceError) => resolve({ messages, error }));
      stream.on('end', () => resolve({ messages, error: null }));
    });
  }

  it('pass the same gate: no key UNAUTHENTICATED, a forbidden task PERMISSION_DENIED, a listed key served', async () => {
    const client = orchestratorClient(traced.system.ports.grpc!);
    const anonymous = await collect(
      client.CleanStream({ text: 'She go home.' }, new grpc.Metadata(), deadlineIn(10_000)),
    );
    expect(anonymous).toMatchObject({ messages: 0, error: { code: grpc.status.UNAUTHENTICATED } });
    const denied = await collect(
      client.DescribeStream({ text: 'Call me.' }, metadataWith(KEYS.reader), deadlineIn(10_000)),
    );
    expect(denied).toMatchObject({ messages: 0, error: { code: grpc.status.PERMISSION_DENIED } });
    const served = await collect(
      client.CleanStream({ text: 'She go home.' }, metadataWith(KEYS.alice), deadlineIn(10_000)),
    );
    expect(served.error).toBeNull();
    expect(served.messages).toBeGreaterThan(0);
    client.close();
  });
});

describe('key file reload', () => {
  it('takes a changed key file without a restart, and keeps the last good one when a change is bad', async () => {
    await writeFile(keysPath, `${KEY_FILE.replace(/^.*name: reader.*$/m, '')}${entry('newcomer')}\n`);
    await waitFor(async () => (await clean(bearer(KEYS.newcomer))).status === 200, 10_000, 50);
    expect((await clean(bearer(KEYS.reader))).status).toBe(401);

    await writeFile(keysPath, `${KEY_FILE}- {name: broken, hash: "sha256:nothex"}\n`);
    await waitFor(
      async () => {
        const metrics = (await getJson(traced.base, '/metrics')).body as string;
        return sampleValue(metrics, 'mpr_auth_reloads_total', { file: 'keys', result: 'error' }) === 1;
      },
      10_000,
      50,
    );
    expect((await clean(bearer(KEYS.newcomer))).status).toBe(200);
    expect((await clean(bearer(KEYS.reader))).status).toBe(401);
    const refusal = logLines
      .map((raw) => JSON.parse(raw))
      .find((log) => log.msg?.startsWith('authentication file refused'));
    expect(refusal).toMatchObject({ file: 'keys', level: 'error' });
  });
});

describe('secrecy', () => {
  it('writes no key into logs, spans or metrics, and the key names into all three', async () => {
    const metrics = (await getJson(traced.base, '/metrics')).body as string;
    const spans = traced.exporter.getFinishedSpans();
    const spanText = JSON.stringify(
      spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status })),
    );
    const logs = logLines.join('');
    for (const [name, key] of Object.entries(KEYS)) {
      for (const [where, text] of [
        ['logs', logs],
        ['spans', spanText],
        ['metrics', metrics],
      ] as const) {
        expect(text.includes(key), `${name}'s key in ${where}`).toBe(false);
        // Nor the key's digest, which is what the key file holds.
        expect(text.includes(hashApiKey(key).slice(7)), `${name}'s digest in ${where}`).toBe(false);
      }
    }
    expect(
      logLines.map((raw) => JSON.parse(raw)).some((log) => log.keyName === 'alice' && log.msg === 'request completed'),
    ).toBe(true);
    expect(spans.some((span) => span.attributes['mpr.key_name'] === 'alice' && span.attributes['http.route'])).toBe(
      true,
    );
    expect(
      spans.some((span) => span.attributes['mpr.key_name'] === 'alice' && span.attributes['rpc.method'] === 'Clean'),
    ).toBe(true);
    expect(sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'allowed', key_name: 'alice' })).toBeGreaterThan(
      0,
    );
    expect(
      sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'permission_denied', key_name: 'reader' }),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'unauthenticated', key_name: '' }),
    ).toBeGreaterThan(0);
    expect(sampleValue(metrics, 'mpr_agent_rejections_total', { agent: 'gateway', reason: 'quota_exceeded' })).toBe(1);
    // The reloaded file: alice, analyst, limited, metered and newcomer.
    expect(sampleValue(metrics, 'mpr_auth_keys')).toBe(5);
  });
});

describe('default start-up', () => {
  it('runs without authentication on loopback and says so', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const jw1 = await startComponents('orchestrator', testConfig({ logLevel: 'info' }), logger);
    await jw1.stop();
    const said = lines.map((raw) => JSON.parse(raw)).find((log) => log.authentication === 'off');
    expect(said?.msg).toBe('authentication off: every caller that reaches jw1 is served');
    expect(said?.level).toBe('info');
  });
});
