// JWT bearer tokens at a running jw1 (MPR_AUTH_JWKS_FILE, no key file): a token signed by the identity
// provider's key passes over HTTP and gRPC, its `scope` limits the tasks and `mpr_adapters` the adapters,
// and an expired, foreign or forged token is a typed 401 / UNAUTHENTICATED. The provider's key pair is
// made here; jw1 only ever sees the public half, through the JWKS file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import type { CleanResponse__Output } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import { call, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { postJson, startTestSystem } from '../support/system.ts';

const ISSUER = 'https://idp.example.com/';
const AUDIENCE = 'mpr-agents';

let dir: string;
let system: RunningSystem;
let base: string;
let providerKey: CryptoKey;
let foreignKey: CryptoKey;

function token(
  claims: Record<string, unknown>,
  options: { key?: CryptoKey; expiresIn?: string; issuer?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('svc-reporting')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? providerKey);
}

const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-auth-jwt-'));
  const pair = await generateKeyPair('ES256');
  providerKey = pair.privateKey;
  foreignKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
  const jwksFile = join(dir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify({ keys: [jwk] }));
  system = await startTestSystem('all', {
    authRequired: 'true',
    authJwksFile: jwksFile,
    authJwtIssuer: ISSUER,
    authJwtAudience: AUDIENCE,
  });
  base = `http://127.0.0.1:${system.ports.http}`;
});

afterAll(async () => {
  await system?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('JWT bearer tokens at jw1', () => {
  it('serves a valid token over HTTP, and holds it to its scope and adapters', async () => {
    const open = await postJson(base, '/v1/clean', { text: 'She go home.' }, bearer(await token({})));
    expect(open.status, JSON.stringify(open.body)).toBe(200);

    const cleanOnly = bearer(await token({ scope: 'clean' }));
    expect((await postJson(base, '/v1/clean', { text: 'She go home.' }, cleanOnly)).status).toBe(200);
    const describe = await postJson(base, '/v1/describe', { text: 'Call me.' }, cleanOnly);
    expect(describe.status).toBe(403);
    expect(describe.body.error.code).toBe('permission_denied');

    const decisionsOnly = bearer(await token({ scope: 'describe', mpr_adapters: ['decision'] }));
    const decision = await postJson(base, '/v1/describe', { text: 'Refund me now.', task: 'decision' }, decisionsOnly);
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);
    const traits = await postJson(base, '/v1/describe', { text: 'Refund me.', task: 'traits' }, decisionsOnly);
    expect(traits.status).toBe(403);
  });

  it('answers an expired, foreign-issuer or forged token with a typed 401 that does not repeat it', async () => {
    const refused = [
      await token({}, { expiresIn: '-2h' }),
      await token({}, { issuer: 'https://other-idp.example.com/' }),
      await token({}, { key: foreignKey }),
    ];
    for (const jwt of refused) {
      const answer = await postJson(base, '/v1/clean', { text: 'She go home.' }, bearer(jwt));
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="mpr"');
      expect(JSON.stringify(answer.body)).not.toContain(jwt.split('.')[2]!);
    }
  });

  it('serves a valid token in gRPC metadata and refuses a forged one as UNAUTHENTICATED', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const metadata = (jwt: string) => {
      const values = new grpc.Metadata();
      values.set('authorization', `Bearer ${jwt}`);
      return values;
    };
    const [valid, forgedToken] = [await token({}), await token({}, { key: foreignKey })];
    const served = await call<CleanResponse__Output>((cb) =>
      client.Clean({ text: 'She go home.' }, metadata(valid), deadlineIn(10_000), cb),
    );
    expect(served.error).toBeNull();
    expect(served.response?.cleanedText).toBeTypeOf('string');
    const forged = await call((cb) =>
      client.Clean({ text: 'She go home.' }, metadata(forgedToken), deadlineIn(10_000), cb),
    );
    expect(forged.error?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(forged.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unauthenticated']);
    client.close();
  });
});
