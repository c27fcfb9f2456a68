// API keys and what is stored of them. A key is 32 random bytes (256 bits) in base64url with an `mpr_`
// prefix, so that it is recognisable in a leaked-secret scan. Only its SHA-256 digest is stored: with
// that much entropy no dictionary or brute-force search can invert the digest, so a slow password hash
// (bcrypt, scrypt, Argon2) would add nothing but milliseconds of CPU to every request. The digest also
// makes lookup a plain map access, so no comparison ever runs over the secret itself.
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'mpr_';
const KEY_BYTES = 32;
/** Anything longer is refused before it is hashed. */
export const MAX_PRESENTED_KEY_LENGTH = 512;

export const HASH_PREFIX = 'sha256:';
export const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/** The stored form of a key: `sha256:` and the lowercase hex digest of its UTF-8 bytes. */
export function hashApiKey(key: string): string {
  return HASH_PREFIX + createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A compact JWS (header.payload.signature) rather than an API key. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}
