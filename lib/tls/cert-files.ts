// Certificate, key and CA files that rotate in place: cert-manager renews a Secret and the kubelet swaps
// the mounted files. They are read once at start, where a missing or broken file stops the process, then
// re-read every intervalMs. A changed set is published only when it is whole (the key matches the
// certificate, every PEM parses), so a rotation caught half-written (a new certificate beside the old
// key) keeps the previous set in service until the next read instead of failing every new handshake.
// grpc-js's own FileWatcherCertificateProvider publishes whatever it read, an unreadable or mismatched
// set included, and a grpc-js server then drops every new connection until the next read.
//
// The object is a grpc-js CertificateProvider (servers and channels take each published set for their
// next handshakes) and has listeners for anything else (the HTTPS gateway's setSecureContext).
// Connections already open keep the set they were made with.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type { experimental } from '@grpc/grpc-js';
import { MprError } from '../errors.ts';

export interface CertificatePaths {
  /** PEM certificate chain presented to peers (leaf first); set together with keyFile. */
  certFile?: string;
  keyFile?: string;
  /** PEM bundle of CA certificates peers must chain to. */
  caFile?: string;
}

export interface CertificateSet {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
}

export interface CertificateFilesOptions {
  /** How often the files are read again; 0 reads them once. */
  reloadMs: number;
  /** A changed set was published. */
  onRotated?: (paths: CertificatePaths) => void;
  /** A changed set was refused (incomplete or inconsistent); the previous one stays in service. */
  onRefused?: (error: Error) => void;
}

export interface CertificateFiles extends experimental.CertificateProvider {
  readonly paths: CertificatePaths;
  current(): CertificateSet;
  /** Calls `listener` with every set published from now on; returns the unsubscribe function. */
  onChange(listener: (set: CertificateSet) => void): () => void;
  /** Reads the files now: true when a new set was published. */
  refresh(): Promise<boolean>;
  close(): void;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The set as TLS should get it: certificate files rewritten as one PEM block per line group (OpenSSL reads
 * only the first of two blocks run together on one line, as a bundle made by plain concatenation of files
 * without a final newline has them). Throws unless every certificate parses and the key belongs to the
 * leaf certificate.
 */
function checkedSet(read: CertificateSet, paths: CertificatePaths): CertificateSet {
  const set = { ...read };
  for (const [part, name] of [
    ['cert', 'certFile'],
    ['ca', 'caFile'],
  ] as const) {
    const pem = set[part];
    if (pem === undefined) continue;
    const blocks = pem.toString('utf8').match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) throw new Error(`${paths[name]} holds no PEM certificate`);
    for (const block of blocks) new X509Certificate(block);
    set[part] = Buffer.from(`${blocks.join('\n')}\n`);
  }
  // Node checks that the key matches the certificate when it builds a context from both.
  if (set.cert && set.key) createSecureContext({ cert: set.cert, key: set.key });
  return set;
}

function sameSet(a: CertificateSet, b: CertificateSet): boolean {
  const same = (x: Buffer | undefined, y: Buffer | undefined) => (x && y ? x.equals(y) : x === y);
  return same(a.cert, b.cert) && same(a.key, b.key) && same(a.ca, b.ca);
}

export function watchCertificateFiles(paths: CertificatePaths, options: CertificateFilesOptions): CertificateFiles {
  if (Boolean(paths.certFile) !== Boolean(paths.keyFile))
    throw new MprError('invalid_argument', 'a TLS certificate file and its key file must be set together');
  if (!paths.certFile && !paths.caFile)
    throw new MprError('invalid_argument', 'TLS needs a certificate and key, a CA file, or both');
  const entries = (['cert', 'key', 'ca'] as const).flatMap((part) => {
    const path = paths[`${part}File`];
    return path ? [[part, path] as const] : [];
  });

  // lastRead is the files as read (an unchanged read is neither checked nor published again); latest is
  // the set in service.
  let lastRead: CertificateSet;
  let latest: CertificateSet;
  try {
    lastRead = Object.fromEntries(entries.map(([part, path]) => [part, readFileSync(path)]));
    latest = checkedSet(lastRead, paths);
  } catch (error) {
    throw new MprError('invalid_argument', `TLS files unusable: ${(error as Error).message}`, { cause: error });
  }

  const caListeners = new Set<experimental.CaCertificateUpdateListener>();
  const identityListeners = new Set<experimental.IdentityCertificateUpdateListener>();
  const changeListeners = new Set<(set: CertificateSet) => void>();
  const caUpdate = () => (latest.ca ? { caCertificate: latest.ca } : null);
  const identityUpdate = () =>
    latest.cert && latest.key ? { certificate: latest.cert, privateKey: latest.key } : null;

  let reading: Promise<boolean> | undefined;
  const read = async (): Promise<boolean> => {
    let next: CertificateSet;
    try {
      next = Object.fromEntries(
        await Promise.all(entries.map(async ([part, path]) => [part, await readFile(path)] as const)),
      );
    } catch (error) {
      options.onRefused?.(error as Error);
      return false;
    }
    if (sameSet(next, lastRead)) return false;
    let checked: CertificateSet;
    try {
      checked = checkedSet(next, paths);
    } catch (error) {
      options.onRefused?.(error as Error);
      return false;
    }
    lastRead = next;
    latest = checked;
    for (const listener of identityListeners) listener(identityUpdate());
    for (const listener of caListeners) listener(caUpdate());
    for (const listener of changeListeners) listener(latest);
    options.onRotated?.(paths);
    return true;
  };
  const refresh = () => {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  const timer = options.reloadMs > 0 ? setInterval(() => void refresh(), options.reloadMs) : undefined;
  timer?.unref();

  return {
    paths,
    current: () => latest,
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    refresh,
    close: () => clearInterval(timer),
    // grpc-js expects the current value soon after subscribing, and asynchronously (as its own provider does).
    addCaCertificateListener: (listener) => {
      caListeners.add(listener);
      process.nextTick(() => caListeners.has(listener) && listener(caUpdate()));
    },
    removeCaCertificateListener: (listener) => caListeners.delete(listener),
    addIdentityCertificateListener: (listener) => {
      identityListeners.add(listener);
      process.nextTick(() => identityListeners.has(listener) && listener(identityUpdate()));
    },
    removeIdentityCertificateListener: (listener) => identityListeners.delete(listener),
  };
}
