// Authentication and permissions of jw1's callers (see docs/SECURITY.md, "Authentication").
export { generateApiKey, hashApiKey, API_KEY_PREFIX } from './api-key.ts';
export {
  createAuthenticator,
  type Authenticator,
  type AuthFile,
  type AuthFileEvents,
  type AuthSettings,
  type Credentials,
} from './authenticator.ts';
export {
  formatKeyEntry,
  parseKeyFile,
  KEY_NAME_PATTERN,
  QUOTA_PERIODS,
  type KeyEntry,
  type QuotaPeriod,
} from './key-file.ts';
export { parseJwks, verifyJwt, type Jwks, type JwtSettings } from './jwt.ts';
export {
  adapterOf,
  authorizeAdapter,
  authorizeTask,
  limiterIdOf,
  TASKS,
  type Principal,
  type Quota,
  type RateLimit,
  type Task,
} from './principal.ts';
