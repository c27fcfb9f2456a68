import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MprError } from '../../lib/errors.ts';
import { waitFor } from '../../test/support/wait.ts';
import { generateApiKey, hashApiKey } from './api-key.ts';
import { type AuthFile, type Authenticator, type AuthSettings, createAuthenticator } from './authenticator.ts';
import { authorizeAdapter, authorizeTask } from './principal.ts';

let dir: string;
let authenticator: Authenticator | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-auth-'));
});
afterEach(async () => {
  authenticator?.close();
  authenticator = undefined;
  await rm(dir, { recursive: true, force: true });
});

const ALICE = generateApiKey();
const BOB = generateApiKey();

function settings(overrides: Partial<AuthSettings>): AuthSettings {
  return {
    required: true,
    keysFile: '',
    jwksFile: '',
    jwtIssuer: '',
    jwtAudience: '',
    reloadPollMs: 60_000,
    ...overrides,
  };
}

async function keysFile(text: string): Promise<string> {
  const path = join(dir, 'keys.yaml');
  await writeFile(path, text);
  return path;
}

async function refusal(work: Promise<unknown>): Promise<MprError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MprError);
  return error as MprError;
}

describe('authentication off', () => {
  it('makes every caller anonymous without looking at what it sends', async () => {
    authenticator = createAuthenticator(settings({ required: false, keysFile: '/nonexistent' }));
    expect(authenticator.required).toBe(false);
    await expect(authenticator.authenticate({ authorization: 'Basic abc' })).resolves.toBeUndefined();
    expect(authenticator.summary()).toEqual({ authentication: 'off' });
  });
});

describe('API keys', () => {
  it('accepts a listed key as a bearer token or as x-api-key, and names its principal', async () => {
    const path = await keysFile(`- {name: alice, hash: "${hashApiKey(ALICE)}", tasks: [clean]}\n`);
    authenticator = createAuthenticator(settings({ keysFile: path }));
    expect((await authenticator.authenticate({ authorization: `Bearer ${ALICE}` }))?.name).toBe('alice');
    expect((await authenticator.authenticate({ authorization: `bearer  ${ALICE}` }))?.name).toBe('alice');
    expect((await authenticator.authenticate({ apiKey: ALICE }))?.name).toBe('alice');
    expect(authenticator.keyCount()).toBe(1);
    expect(authenticator.summary()).toMatchObject({ authentication: 'on', keys: 1, keysFile: path });
  });

  it('refuses a missing, unknown or malformed credential as unauthenticated, never repeating it', async () => {
    authenticator = createAuthenticator(
      settings({ keysFile: await keysFile(`- {name: alice, hash: "${hashApiKey(ALICE)}"}`) }),
    );
    const cases = [
      {},
      { apiKey: BOB },
      { authorization: `Bearer ${BOB}` },
      { authorization: `Basic ${BOB}` },
      { apiKey: 'x'.repeat(10_000) },
    ];
    for (const credentials of cases) {
      const error = await refusal(authenticator.authenticate(credentials));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).not.toContain(BOB);
    }
  });

  it('reloads the key file when it changes: a new key works, a removed key stops, without a restart', async () => {
    const path = await keysFile(`- {name: alice, hash: "${hashApiKey(ALICE)}"}\n`);
    const reloads: { file: AuthFile; ok: boolean }[] = [];
    authenticator = createAuthenticator(settings({ keysFile: path }), {
      reloaded: (file, outcome) => reloads.push({ file, ok: outcome.ok }),
    });
    await writeFile(path, `- {name: bob, hash: "${hashApiKey(BOB)}"}\n`);
    await waitFor(() => authenticator!.keyCount() === 1 && reloads.length === 1, 5_000);
    await waitFor(async () => (await authenticator!.authenticate({ apiKey: BOB }))?.name === 'bob', 5_000);
    expect((await refusal(authenticator.authenticate({ apiKey: ALICE }))).code).toBe('unauthenticated');
    expect(reloads).toEqual([{ file: 'keys', ok: true }]);
  });

  it('keeps the last good keys when the changed file is bad, and reports the error', async () => {
    const path = await keysFile(`- {name: alice, hash: "${hashApiKey(ALICE)}"}\n`);
    const errors: unknown[] = [];
    authenticator = createAuthenticator(settings({ keysFile: path }), {
      reloaded: (_file, outcome) => {
        if (!outcome.ok) errors.push(outcome.error);
      },
    });
    await writeFile(path, `- {name: alice, hash: "${ALICE}"}\n`);
    await waitFor(() => errors.length === 1, 5_000);
    expect((await authenticator.authenticate({ apiKey: ALICE }))?.name).toBe('alice');
    expect(String(errors[0])).not.toContain(ALICE);
  });

  it('refuses to start on a bad key file or an incomplete configuration', async () => {
    expect(() => createAuthenticator(settings({}))).toThrow(/neither MPR_AUTH_KEYS_FILE nor MPR_AUTH_JWKS_FILE/);
    const bad = await keysFile('- {name: alice}');
    expect(() => createAuthenticator(settings({ keysFile: bad }))).toThrow(/entry 1/);
    expect(() => createAuthenticator(settings({ jwksFile: join(dir, 'jwks.json') }))).toThrow(/MPR_AUTH_JWT_ISSUER/);
  });
});

describe('permissions', () => {
  it('limit a principal to its tasks and describer adapters', async () => {
    const path = await keysFile(
      `- {name: alice, hash: "${hashApiKey(ALICE)}", tasks: [clean, describe], adapters: [decision]}\n`,
    );
    authenticator = createAuthenticator(settings({ keysFile: path }));
    const alice = (await authenticator.authenticate({ apiKey: ALICE }))!;
    expect(() => authorizeTask(alice, 'clean')).not.toThrow();
    expect(() => authorizeTask(alice, 'process')).toThrow(expect.objectContaining({ code: 'permission_denied' }));
    expect(() => authorizeAdapter(alice, 'decision')).not.toThrow();
    expect(() => authorizeAdapter(alice, 'custom')).toThrow(/may not use the adapter or describer task "custom"/);
  });
});

describe('JWT bearer tokens', () => {
  const ISSUER = 'https://idp.example.com/';
  const AUDIENCE = 'mpr-agents';
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let publicJwk: JWK;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    otherKey = (await generateKeyPair('ES256')).privateKey;
  });

  async function jwtAuthenticator(): Promise<Authenticator> {
    const path = join(dir, 'jwks.json');
    await writeFile(path, JSON.stringify({ keys: [publicJwk] }));
    return createAuthenticator(settings({ jwksFile: path, jwtIssuer: ISSUER, jwtAudience: AUDIENCE }));
  }

  function token(
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; expiresIn?: string; audience?: string } = {},
  ) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('svc-reporting')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);
  }

  it('accepts a valid token, named by its subject, with its scope as the tasks', async () => {
    authenticator = await jwtAuthenticator();
    const principal = await authenticator.authenticate({
      authorization: `Bearer ${await token({ scope: 'clean openid' })}`,
    });
    expect(principal).toMatchObject({ name: 'svc-reporting', via: 'jwt' });
    expect([...principal!.tasks!]).toEqual(['clean']);
    const unscoped = await authenticator.authenticate({ authorization: `Bearer ${await token({})}` });
    expect(unscoped?.tasks).toBeUndefined();
  });

  it('refuses expired, foreign-audience and wrongly signed tokens as unauthenticated', async () => {
    authenticator = await jwtAuthenticator();
    const tokens = {
      expired: await token({}, { expiresIn: '-2h' }),
      audience: await token({}, { audience: 'another-service' }),
      signature: await token({}, { key: otherKey }),
    };
    expect((await refusal(authenticator.authenticate({ authorization: `Bearer ${tokens.expired}` }))).message).toMatch(
      /expired/,
    );
    expect((await refusal(authenticator.authenticate({ authorization: `Bearer ${tokens.audience}` }))).message).toMatch(
      /"aud"/,
    );
    const forged = await refusal(authenticator.authenticate({ authorization: `Bearer ${tokens.signature}` }));
    expect(forged.code).toBe('unauthenticated');
    expect(forged.message).not.toContain(tokens.signature.split('.')[2]!);
  });

  it('refuses a JWKS holding a private or symmetric key', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const path = join(dir, 'jwks.json');
    await writeFile(path, JSON.stringify({ keys: [await exportJWK(pair.privateKey)] }));
    expect(() => createAuthenticator(settings({ jwksFile: path, jwtIssuer: ISSUER, jwtAudience: AUDIENCE }))).toThrow(
      /private or symmetric/,
    );
    await writeFile(path, JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }));
    expect(() => createAuthenticator(settings({ jwksFile: path, jwtIssuer: ISSUER, jwtAudience: AUDIENCE }))).toThrow(
      /private or symmetric/,
    );
  });
});
