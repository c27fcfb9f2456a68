// A certificate authority made in the test, and certificates it issues, for TLS and mTLS tests. Keys are
// ECDSA P-256 from WebCrypto (fast to make); @peculiar/x509 writes the X.509 structures, which node:crypto
// can parse and verify but not create. reflect-metadata is the polyfill that library's dependency
// injection needs.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const HOUR_MS = 3_600_000;

export interface PemPair {
  /** PEM certificate. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
  /** Hex serial number, as node's getPeerCertificate() spells it (upper case). */
  serial: string;
}

export interface LeafOptions {
  commonName: string;
  /** Subject alternative names; 127.0.0.1 is always added so loopback targets verify. */
  dnsNames?: string[];
  usage?: 'server' | 'client' | 'both';
}

export interface TestCa extends PemPair {
  issue(options: LeafOptions): Promise<PemPair>;
}

let serialCounter = 1;
function nextSerial(): string {
  // Unique per process, positive (leading byte < 0x80) and without a leading zero, so that it reads the
  // same as node's getPeerCertificate().serialNumber.
  return `1${Date.now().toString(16).padStart(11, '0')}${(serialCounter++).toString(16).padStart(4, '0')}`;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function pemKey(keys: CryptoKeyPair): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
}

const validity = () => ({ notBefore: new Date(Date.now() - HOUR_MS), notAfter: new Date(Date.now() + 24 * HOUR_MS) });

export async function createTestCa(commonName = 'MPR test CA'): Promise<TestCa> {
  const keys = await keyPair();
  const serialNumber = nextSerial();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name: `CN=${commonName}`,
    ...validity(),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const issue = async (options: LeafOptions): Promise<PemPair> => {
    const leafKeys = await keyPair();
    const leafSerial = nextSerial();
    const usage = options.usage ?? 'both';
    const purposes = [
      ...(usage !== 'client' ? [x509.ExtendedKeyUsage.serverAuth] : []),
      ...(usage !== 'server' ? [x509.ExtendedKeyUsage.clientAuth] : []),
    ];
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: leafSerial,
      subject: `CN=${options.commonName}`,
      issuer: caCert.subject,
      ...validity(),
      publicKey: leafKeys.publicKey,
      signingKey: keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(purposes),
        new x509.SubjectAlternativeNameExtension([
          ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
          { type: 'ip', value: '127.0.0.1' },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return { cert: leaf.toString('pem'), key: await pemKey(leafKeys), serial: leafSerial.toUpperCase() };
  };
  return { cert: caCert.toString('pem'), key: await pemKey(keys), serial: serialNumber.toUpperCase(), issue };
}

/**
 * Writes `content` as a file the way the kubelet updates a mounted Secret: the new content appears at
 * once (write to a temporary name, then rename over the old file), never half-written.
 */
export function replaceFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
  return path;
}
