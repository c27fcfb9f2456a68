import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessMetrics, createMetricsRegistry, type Registry } from '../lib/metrics/index.ts';
import { sampleValue } from '../test/observability/exposition.ts';
import { type AccessControl, createAccessControl } from './access-control.ts';
import { type Authenticator, createAuthenticator, generateApiKey, hashApiKey } from './auth/index.ts';
import { createClientRateLimiter } from './client-rate-limiter.ts';

const KEY = generateApiKey();
let dir: string;
let authenticator: Authenticator;
let registry: Registry;
let access: AccessControl;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-access-'));
  await writeFile(
    join(dir, 'keys.yaml'),
    `- {name: reporting, hash: "${hashApiKey(KEY)}", tasks: [clean], rateLimit: {rps: 1, burst: 1}}\n`,
  );
  const pair = await generateKeyPair('ES256');
  await writeFile(
    join(dir, 'jwks.json'),
    JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), alg: 'ES256' }] }),
  );
  token = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('idp')
    .setAudience('mpr')
    .setSubject('user-4711')
    .setExpirationTime('5m')
    .sign(pair.privateKey);
  authenticator = createAuthenticator({
    required: true,
    keysFile: join(dir, 'keys.yaml'),
    jwksFile: join(dir, 'jwks.json'),
    jwtIssuer: 'idp',
    jwtAudience: 'mpr',
    reloadPollMs: 60_000,
  });
  registry = createMetricsRegistry('test');
  access = createAccessControl({
    authenticator,
    rateLimiter: createClientRateLimiter({ rps: 0, burst: 5 }),
    metrics: accessMetrics(registry),
  });
});
afterAll(async () => {
  authenticator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('access gate', () => {
  it('authenticates, checks the task, then charges the key under its name', async () => {
    const admission = await access.admit({ apiKey: KEY, address: '10.0.0.1', task: 'clean' });
    expect(admission.subject).toEqual({ id: 'key:reporting', rateLimit: { rps: 1, burst: 1 } });
    await expect(access.admit({ apiKey: KEY, address: '10.0.0.1', task: 'describe' })).rejects.toMatchObject({
      code: 'permission_denied',
    });
    // The refused request was not charged: the key's one request per second went to the first.
    await expect(access.admit({ apiKey: KEY, address: '10.0.0.1', task: 'clean' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await expect(access.admit({ address: '10.0.0.1', task: 'clean' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('labels metrics with key names, and every JWT subject as one "jwt" label', async () => {
    const admission = await access.admit({ authorization: `Bearer ${token}`, address: '10.0.0.2', task: 'describe' });
    expect(admission.principal?.name).toBe('user-4711');
    expect(admission.subject.id).toBe('jwt:user-4711');
    const metrics = await registry.metrics();
    expect(sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'allowed', key_name: 'reporting' })).toBe(2);
    expect(
      sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'permission_denied', key_name: 'reporting' }),
    ).toBe(1);
    expect(sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'unauthenticated', key_name: '' })).toBe(1);
    expect(sampleValue(metrics, 'mpr_auth_decisions_total', { outcome: 'allowed', key_name: 'jwt' })).toBe(1);
    expect(metrics).not.toContain('user-4711');
  });
});

describe('access gate without authentication', () => {
  it('charges an x-api-key label under its digest, else the address', async () => {
    const anonymous = createAccessControl({
      authenticator: createAuthenticator({
        required: false,
        keysFile: '',
        jwksFile: '',
        jwtIssuer: '',
        jwtAudience: '',
        reloadPollMs: 1,
      }),
      rateLimiter: createClientRateLimiter({ rps: 0, burst: 5 }),
    });
    const labelled = await anonymous.admit({ apiKey: KEY, address: '10.0.0.3', task: 'clean' });
    expect(labelled.principal).toBeUndefined();
    expect(labelled.subject.id).toMatch(/^label:[0-9a-f]{32}$/);
    expect(labelled.subject.id).not.toContain(KEY);
    expect((await anonymous.admit({ address: '10.0.0.3', task: 'clean' })).subject.id).toBe('ip:10.0.0.3');
  });
});
