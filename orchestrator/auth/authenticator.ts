// Who is calling: an API key (`Authorization: Bearer <key>` or `x-api-key: <key>`, over HTTP headers or
// gRPC metadata) looked up by its digest in the key file, or a JWT bearer token verified against the
// JWKS file. Both files are reloaded when they change. With authentication off every call is anonymous
// and credentials are not looked at. Refusals never repeat what the caller sent.
import { MprError } from '../../lib/errors.ts';
import { watchFile, type WatchedFile } from '../../lib/watched-file.ts';
import { hashApiKey, looksLikeJwt, MAX_PRESENTED_KEY_LENGTH } from './api-key.ts';
import { type Jwks, parseJwks, verifyJwt } from './jwt.ts';
import { type KeySet, parseKeyFile } from './key-file.ts';
import type { Principal } from './principal.ts';

export interface AuthSettings {
  required: boolean;
  /** Path of the API key file; empty for none. */
  keysFile: string;
  /** Path of the JWKS file for bearer tokens; empty for none. */
  jwksFile: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Interval of the fallback poll of both files. */
  reloadPollMs: number;
}

export type AuthFile = 'keys' | 'jwks';

export interface AuthFileEvents {
  /** A changed file was loaded (ok) or refused (error: the last good one stays). */
  reloaded?(file: AuthFile, outcome: { ok: true; entries: number } | { ok: false; error: unknown }): void;
}

/** What the caller sent, as it arrived (header or metadata values). */
export interface Credentials {
  authorization?: string | undefined;
  apiKey?: string | undefined;
}

export interface Authenticator {
  readonly required: boolean;
  /** The caller's principal; undefined when authentication is off. Throws unauthenticated. */
  authenticate(credentials: Credentials): Promise<Principal | undefined>;
  /** Keys in the current key file. */
  keyCount(): number;
  /** For the start-up log line. */
  summary(): Record<string, unknown>;
  close(): void;
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The token a caller presents: the bearer token, else the x-api-key value. */
function presentedToken(credentials: Credentials): string {
  const { authorization, apiKey } = credentials;
  if (authorization !== undefined && authorization !== '') {
    const match = BEARER.exec(authorization);
    if (!match) throw new MprError('unauthenticated', 'the Authorization header must be "Bearer <API key or token>"');
    return match[1]!;
  }
  if (apiKey !== undefined && apiKey !== '') return apiKey;
  throw new MprError(
    'unauthenticated',
    'authentication required: send "Authorization: Bearer <API key>" (or x-api-key: <API key>)',
  );
}

function validateSettings(settings: AuthSettings): void {
  if (!settings.required) return;
  if (!settings.keysFile && !settings.jwksFile) {
    throw new MprError(
      'invalid_argument',
      'authentication is required (MPR_AUTH_REQUIRED) but neither MPR_AUTH_KEYS_FILE nor MPR_AUTH_JWKS_FILE is set',
    );
  }
  if (settings.jwksFile && (!settings.jwtIssuer || !settings.jwtAudience)) {
    throw new MprError('invalid_argument', 'MPR_AUTH_JWKS_FILE needs MPR_AUTH_JWT_ISSUER and MPR_AUTH_JWT_AUDIENCE');
  }
}

/** Loads the files (a bad file at start-up throws) and watches them for changes. */
export function createAuthenticator(settings: AuthSettings, events: AuthFileEvents = {}): Authenticator {
  validateSettings(settings);
  if (!settings.required) {
    return {
      required: false,
      authenticate: async () => undefined,
      keyCount: () => 0,
      summary: () => ({ authentication: 'off' }),
      close: () => undefined,
    };
  }
  const watch = <T>(file: AuthFile, path: string, parse: (text: string) => T, size: (value: T) => number) =>
    watchFile({
      path,
      parse,
      pollMs: settings.reloadPollMs,
      onReload: (value) => events.reloaded?.(file, { ok: true, entries: size(value) }),
      onError: (error) => events.reloaded?.(file, { ok: false, error }),
    });
  const keys: WatchedFile<KeySet> | undefined = settings.keysFile
    ? watch('keys', settings.keysFile, parseKeyFile, (set) => set.size)
    : undefined;
  const jwks: WatchedFile<Jwks> | undefined = settings.jwksFile
    ? watch('jwks', settings.jwksFile, parseJwks, (set) => set.keyCount)
    : undefined;
  const jwtSettings = { issuer: settings.jwtIssuer, audience: settings.jwtAudience };

  return {
    required: true,
    authenticate: async (credentials) => {
      const token = presentedToken(credentials);
      if (token.length > MAX_PRESENTED_KEY_LENGTH && !looksLikeJwt(token)) {
        throw new MprError('unauthenticated', 'unknown API key');
      }
      if (jwks && looksLikeJwt(token)) return verifyJwt(token, jwks.current(), jwtSettings);
      const principal = keys?.current().get(hashApiKey(token));
      if (!principal) throw new MprError('unauthenticated', 'unknown API key');
      return principal;
    },
    keyCount: () => keys?.current().size ?? 0,
    summary: () => ({
      authentication: 'on',
      ...(keys ? { keysFile: settings.keysFile, keys: keys.current().size } : {}),
      ...(jwks
        ? { jwksFile: settings.jwksFile, jwtIssuer: settings.jwtIssuer, jwtAudience: settings.jwtAudience }
        : {}),
    }),
    close: () => {
      keys?.close();
      jwks?.close();
    },
  };
}
