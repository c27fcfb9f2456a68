// Optional bearer tokens: JWTs signed by an identity provider whose public keys (a JWKS) are in a file,
// verified with `jose` (maintained, dependency-free, and strict about algorithms and claims). Only
// asymmetric algorithms are accepted and the JWKS may hold public keys only: a token must not be
// forgeable by anyone who can read jw1's files. Issuer and audience are required so that tokens minted
// for other services of the same provider are refused. The token's `sub` names the principal; its
// `scope` (space-separated task names) limits the tasks when present, `mpr_adapters` the describer tasks.
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { MprError, errorMessage } from '../../lib/errors.ts';
import { TASKS, type Principal, type Task } from './principal.ts';

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
/** Clock skew allowed between jw1 and the token's issuer. */
const CLOCK_TOLERANCE_SECONDS = 30;
const SUBJECT_PATTERN = /^[\w.@:|+-]{1,128}$/;

export interface JwtSettings {
  issuer: string;
  audience: string;
}

export type KeyResolver = ReturnType<typeof createLocalJWKSet>;

export interface Jwks {
  resolve: KeyResolver;
  keyCount: number;
}

/** Parses a JWKS file's text; throws invalid_argument when it is not a set of public keys. */
export function parseJwks(text: string): Jwks {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MprError('invalid_argument', `JWKS file is not valid JSON: ${errorMessage(error)}`);
  }
  const keys = (document as Partial<JSONWebKeySet> | null)?.keys;
  if (!Array.isArray(keys)) throw new MprError('invalid_argument', 'JWKS file must be an object with a "keys" list');
  keys.forEach((key, index) => {
    if (typeof key !== 'object' || key === null)
      throw new MprError('invalid_argument', `JWKS key ${index + 1} is not an object`);
    if ('d' in key || key.kty === 'oct') {
      throw new MprError(
        'invalid_argument',
        `JWKS key ${index + 1} is a private or symmetric key; publish public keys only`,
      );
    }
  });
  try {
    return { resolve: createLocalJWKSet(document as JSONWebKeySet), keyCount: keys.length };
  } catch (error) {
    throw new MprError('invalid_argument', `JWKS file is not a valid key set: ${errorMessage(error)}`);
  }
}

/** Why a token was refused, in words that carry nothing of the token. */
function refusalOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the configured JWKS matches the token';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not accepted';
  return 'the token is malformed';
}

function tasksOf(payload: JWTPayload): ReadonlySet<Task> | undefined {
  if (typeof payload.scope !== 'string') return undefined;
  const scopes = new Set(payload.scope.split(' '));
  return new Set(TASKS.filter((task) => scopes.has(task)));
}

function adaptersOf(payload: JWTPayload): ReadonlySet<string> | undefined {
  const claim = payload.mpr_adapters;
  if (!Array.isArray(claim)) return undefined;
  return new Set(claim.filter((item): item is string => typeof item === 'string'));
}

/** The principal a valid token names; throws unauthenticated otherwise. */
export async function verifyJwt(token: string, jwks: Jwks, settings: JwtSettings): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks.resolve, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ASYMMETRIC_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    throw new MprError('unauthenticated', `bearer token refused: ${refusalOf(error)}`);
  }
  if (typeof payload.sub !== 'string' || !SUBJECT_PATTERN.test(payload.sub)) {
    throw new MprError('unauthenticated', 'bearer token refused: its "sub" claim is not a usable name');
  }
  const tasks = tasksOf(payload);
  const adapters = adaptersOf(payload);
  return {
    name: payload.sub,
    via: 'jwt',
    ...(tasks ? { tasks } : {}),
    ...(adapters ? { adapters } : {}),
  };
}
