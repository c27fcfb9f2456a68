// Rotating certificate files: a consistent new set is published to every listener, a set caught
// half-rotated is refused while the previous one stays in service, and broken files stop the start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCa, replaceFile, type TestCa } from '../../test/support/test-pki.ts';
import { watchCertificateFiles, type CertificateSet } from './cert-files.ts';

const dirs: string[] = [];
/** PEM text without the trailing newline, whichever way the bytes were normalized. */
const pem = (bytes: Buffer | undefined) => bytes?.toString('utf8').trim();
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function identity(ca: TestCa) {
  const dir = mkdtempSync(join(tmpdir(), 'mpr-certs-'));
  dirs.push(dir);
  const leaf = await ca.issue({ commonName: 'jw2-cleaner' });
  return {
    dir,
    leaf,
    paths: {
      certFile: replaceFile(dir, 'tls.crt', leaf.cert),
      keyFile: replaceFile(dir, 'tls.key', leaf.key),
      caFile: replaceFile(dir, 'ca.crt', ca.cert),
    },
  };
}

describe('watchCertificateFiles', () => {
  it('publishes a rotated, consistent set to grpc-js listeners and change listeners', async () => {
    const ca = await createTestCa();
    const { dir, leaf, paths } = await identity(ca);
    const files = watchCertificateFiles(paths, { reloadMs: 0 });
    expect(pem(files.current().cert)).toBe(leaf.cert.trim());
    const identities: string[] = [];
    files.addIdentityCertificateListener((update) => identities.push(pem(update?.certificate) ?? 'none'));
    const changes: CertificateSet[] = [];
    files.onChange((set) => changes.push(set));
    await new Promise((resolve) => process.nextTick(resolve));
    expect(identities).toEqual([leaf.cert.trim()]);

    expect(await files.refresh()).toBe(false);
    const next = await ca.issue({ commonName: 'jw2-cleaner' });
    replaceFile(dir, 'tls.crt', next.cert);
    replaceFile(dir, 'tls.key', next.key);
    expect(await files.refresh()).toBe(true);
    expect(identities).toEqual([leaf.cert.trim(), next.cert.trim()]);
    expect(changes.map((set) => pem(set.key))).toEqual([next.key.trim()]);
    files.close();
  });

  it('keeps the previous set while the new certificate does not match the key beside it', async () => {
    const ca = await createTestCa();
    const { dir, leaf, paths } = await identity(ca);
    const refusals: string[] = [];
    const files = watchCertificateFiles(paths, { reloadMs: 0, onRefused: (error) => refusals.push(error.message) });
    const next = await ca.issue({ commonName: 'jw2-cleaner' });
    replaceFile(dir, 'tls.crt', next.cert);
    expect(await files.refresh()).toBe(false);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/key values mismatch/i);
    expect(pem(files.current().cert)).toBe(leaf.cert.trim());

    replaceFile(dir, 'ca.crt', 'not a certificate');
    replaceFile(dir, 'tls.key', next.key);
    expect(await files.refresh()).toBe(false);
    expect(refusals[1]).toMatch(/no PEM certificate/);

    replaceFile(dir, 'ca.crt', ca.cert);
    expect(await files.refresh()).toBe(true);
    expect(pem(files.current().cert)).toBe(next.cert.trim());
    files.close();
  });

  it('reads a CA bundle whose files were joined without a newline as every CA in it', async () => {
    const ca = await createTestCa();
    const other = await createTestCa('other CA');
    const { dir, paths } = await identity(ca);
    const files = watchCertificateFiles(paths, { reloadMs: 0 });
    replaceFile(dir, 'ca.crt', `${ca.cert.trim()}${other.cert.trim()}`);
    expect(await files.refresh()).toBe(true);
    const bundle = files.current().ca?.toString() ?? '';
    expect(bundle.match(/^-----BEGIN CERTIFICATE-----$/gm)).toHaveLength(2);
    files.close();
  });

  it('re-reads on its own every reloadMs', async () => {
    const ca = await createTestCa();
    const { dir, paths } = await identity(ca);
    const files = watchCertificateFiles(paths, { reloadMs: 20 });
    const published = new Promise<CertificateSet>((resolve) => files.onChange(resolve));
    const next = await ca.issue({ commonName: 'jw2-cleaner' });
    replaceFile(dir, 'tls.key', next.key);
    replaceFile(dir, 'tls.crt', next.cert);
    expect(pem((await published).cert)).toBe(next.cert.trim());
    files.close();
  });

  it('refuses to start on a missing file, a lone certificate, or a key of another certificate', async () => {
    const ca = await createTestCa();
    const { paths } = await identity(ca);
    const other = await identity(ca);
    expect(() => watchCertificateFiles({ ...paths, certFile: `${paths.certFile}.missing` }, { reloadMs: 0 })).toThrow(
      /TLS files unusable: ENOENT/,
    );
    expect(() => watchCertificateFiles({ certFile: paths.certFile }, { reloadMs: 0 })).toThrow(/set together/);
    expect(() => watchCertificateFiles({ ...paths, keyFile: other.paths.keyFile }, { reloadMs: 0 })).toThrow(
      /key values mismatch/i,
    );
  });
});
