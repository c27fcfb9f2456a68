// The API key file: a YAML list with one entry per key, holding the key's SHA-256 digest, never the key.
// `mpr keys create --name X` prints an entry in its one-line form, ready to append:
//   - {name: alice, hash: "sha256:…", rateLimit: {rps: 5, burst: 10}, quota: {requests: 10000, per: day},
//      tasks: [clean, describe], adapters: [decision]}
// Everything but name and hash is optional: no rateLimit means the configured one, no quota none, no
// tasks or adapters every one. The whole file is refused (and the last good one kept) when any entry is
// wrong, so that a typo never silently widens or removes access.
import { Ajv } from 'ajv';
import { parse, stringify, type YAMLParseError } from 'yaml';
import { MprError } from '../../lib/errors.ts';
import { HASH_PATTERN } from './api-key.ts';
import { TASKS, type Principal, type Task } from './principal.ts';

/** Key names show in logs and as metric labels: short, and nothing that needs escaping. */
export const KEY_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$';

export const QUOTA_PERIODS = { minute: 60, hour: 3_600, day: 86_400, week: 604_800 } as const;
export type QuotaPeriod = keyof typeof QUOTA_PERIODS;

export interface KeyEntry {
  name: string;
  hash: string;
  rateLimit?: { rps: number; burst?: number };
  quota?: { requests: number; per: QuotaPeriod };
  tasks?: Task[];
  adapters?: string[];
}

const ENTRY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'hash'],
  properties: {
    name: { type: 'string', pattern: KEY_NAME_PATTERN },
    hash: { type: 'string', pattern: HASH_PATTERN.source },
    rateLimit: {
      type: 'object',
      additionalProperties: false,
      required: ['rps'],
      properties: { rps: { type: 'number', exclusiveMinimum: 0 }, burst: { type: 'integer', minimum: 1 } },
    },
    quota: {
      type: 'object',
      additionalProperties: false,
      required: ['requests', 'per'],
      properties: { requests: { type: 'integer', minimum: 1 }, per: { enum: Object.keys(QUOTA_PERIODS) } },
    },
    tasks: { type: 'array', uniqueItems: true, items: { enum: [...TASKS] } },
    adapters: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: KEY_NAME_PATTERN } },
  },
} as const;

const ajv = new Ajv({ allErrors: false, strict: true });
const validateEntry = ajv.compile<KeyEntry>(ENTRY_SCHEMA);

/** The keys of one file, by digest. */
export type KeySet = ReadonlyMap<string, Principal>;

function principalOf(entry: KeyEntry): Principal {
  return {
    name: entry.name,
    via: 'api_key',
    ...(entry.tasks ? { tasks: new Set(entry.tasks) } : {}),
    ...(entry.adapters ? { adapters: new Set(entry.adapters) } : {}),
    ...(entry.rateLimit ? { rateLimit: entry.rateLimit } : {}),
    ...(entry.quota
      ? { quota: { requests: entry.quota.requests, periodSeconds: QUOTA_PERIODS[entry.quota.per] } }
      : {}),
  };
}

/** Parses a key file's text; throws invalid_argument naming the entry and what is wrong with it. */
export function parseKeyFile(text: string): KeySet {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    // yaml's message quotes the offending line; its code and position say enough without repeating it.
    const { code, linePos } = error as Partial<YAMLParseError>;
    const where = linePos?.[0] ? ` at line ${linePos[0].line}, column ${linePos[0].col}` : '';
    throw new MprError('invalid_argument', `key file is not valid YAML (${code ?? 'syntax error'}${where})`);
  }
  // An empty file is an empty list: every key revoked, not an error.
  if (document === null || document === undefined) return new Map();
  if (!Array.isArray(document)) throw new MprError('invalid_argument', 'key file must be a YAML list of keys');
  const keys = new Map<string, Principal>();
  const names = new Set<string>();
  document.forEach((entry: unknown, index) => {
    if (!validateEntry(entry)) {
      const [first] = validateEntry.errors ?? [];
      // The instance path and rule only: an entry's values are not echoed (a pasted key must not reach logs).
      throw new MprError(
        'invalid_argument',
        `key file entry ${index + 1}: ${first?.instancePath || '(entry)'} ${first?.message ?? 'is invalid'}`,
      );
    }
    if (names.has(entry.name)) throw new MprError('invalid_argument', `key file: name "${entry.name}" appears twice`);
    if (keys.has(entry.hash)) throw new MprError('invalid_argument', `key file: "${entry.name}" repeats a hash`);
    names.add(entry.name);
    keys.set(entry.hash, principalOf(entry));
  });
  return keys;
}

/** One entry as a single YAML line (a flow mapping in a block list), to append to a key file. */
export function formatKeyEntry(entry: KeyEntry): string {
  return `- ${stringify(entry, { collectionStyle: 'flow', lineWidth: 0 }).trim()}`;
}
