import { describe, expect, it } from 'vitest';
import type { MprError } from '../../lib/errors.ts';
import { generateApiKey, hashApiKey } from './api-key.ts';
import { formatKeyEntry, parseKeyFile } from './key-file.ts';

const HASH_A = hashApiKey('key-a');
const HASH_B = hashApiKey('key-b');

function refusal(text: string): MprError {
  try {
    parseKeyFile(text);
  } catch (error) {
    return error as MprError;
  }
  throw new Error('the key file was accepted');
}

describe('API keys', () => {
  it('are 256-bit random strings with a recognisable prefix, stored as their SHA-256 digest', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^mpr_[\w-]{43}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('key file', () => {
  it('reads names, hashes, limits, quotas, tasks and adapters', () => {
    const keys = parseKeyFile(`
# two keys
- name: alice
  hash: ${HASH_A}
  rateLimit: { rps: 5, burst: 10 }
  quota: { requests: 1000, per: day }
  tasks: [clean, describe]
  adapters: [decision]
- { name: bob, hash: "${HASH_B}" }
`);
    expect(keys.size).toBe(2);
    const alice = keys.get(HASH_A)!;
    expect(alice.name).toBe('alice');
    expect(alice.via).toBe('api_key');
    expect(alice.rateLimit).toEqual({ rps: 5, burst: 10 });
    expect(alice.quota).toEqual({ requests: 1000, periodSeconds: 86_400 });
    expect([...alice.tasks!]).toEqual(['clean', 'describe']);
    expect([...alice.adapters!]).toEqual(['decision']);
    const bob = keys.get(HASH_B)!;
    expect(bob.tasks).toBeUndefined();
    expect(bob.adapters).toBeUndefined();
    expect(bob.rateLimit).toBeUndefined();
  });

  it('reads an empty file (or one with comments only) as no keys', () => {
    expect(parseKeyFile('').size).toBe(0);
    expect(parseKeyFile('# add keys with: mpr keys create --name NAME >> keys.yaml\n').size).toBe(0);
  });

  it.each([
    ['not a list', 'name: alice', /must be a YAML list/],
    ['broken YAML', '- {name: alice', /not valid YAML/],
    ['a missing hash', '- {name: alice}', /entry 1.*hash/],
    ['a hash of the wrong form', '- {name: alice, hash: "md5:abc"}', /entry 1: \/hash/],
    ['an unknown task', `- {name: a, hash: "${HASH_A}", tasks: [clen]}`, /entry 1: \/tasks\/0/],
    ['an unknown field', `- {name: a, hash: "${HASH_A}", role: admin}`, /entry 1/],
    ['a name unfit for logs', `- {name: "a b", hash: "${HASH_A}"}`, /entry 1: \/name/],
    ['a zero rate', `- {name: a, hash: "${HASH_A}", rateLimit: {rps: 0}}`, /rateLimit\/rps/],
    ['an unknown quota period', `- {name: a, hash: "${HASH_A}", quota: {requests: 5, per: year}}`, /quota\/per/],
    ['a name twice', `- {name: a, hash: "${HASH_A}"}\n- {name: a, hash: "${HASH_B}"}`, /"a" appears twice/],
    ['a hash twice', `- {name: a, hash: "${HASH_A}"}\n- {name: b, hash: "${HASH_A}"}`, /"b" repeats a hash/],
  ])('refuses the whole file for %s', (_case, text, message) => {
    const error = refusal(text);
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(message);
  });

  it('never repeats a value in its refusal (a key pasted where its hash belongs stays out of logs)', () => {
    const key = generateApiKey();
    const wrongField = refusal(`- {name: alice, hash: "${key}"}`);
    expect(wrongField.message).not.toContain(key);
    expect(wrongField.message).toMatch(/\/hash must match pattern/);
    const brokenLine = refusal(`- {name: alice, hash: "${key}"\n`);
    expect(brokenLine.message).toMatch(/not valid YAML \(\w+ at line \d+, column \d+\)/);
    expect(brokenLine.message).not.toContain(key);
  });

  it('formats an entry as one line that reads back as the same key', () => {
    const line = formatKeyEntry({
      name: 'ci-bot',
      hash: HASH_A,
      rateLimit: { rps: 2 },
      quota: { requests: 100, per: 'hour' },
      tasks: ['clean'],
    });
    expect(line.split('\n')).toHaveLength(1);
    const keys = parseKeyFile(`- {name: other, hash: "${HASH_B}"}\n${line}\n`);
    expect(keys.get(HASH_A)).toMatchObject({ name: 'ci-bot', quota: { requests: 100, periodSeconds: 3_600 } });
  });
});
