// TLS credentials built on rotating certificate files (cert-files.ts): gRPC server and channel
// credentials whose next handshake uses the latest published set, and the same for a node TLS server
// (the HTTPS gateway). Connections already open keep the set they were made with, so a rotation drops
// no request.
import type { Server as TlsServer } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import type { CertificateFiles } from './cert-files.ts';

/**
 * Plaintext without files; TLS with their certificate; and when they hold a CA as well, mutual TLS: a
 * client whose certificate does not chain to that CA (or that sends none) fails the handshake.
 */
export function grpcServerCredentials(files: CertificateFiles | undefined): grpc.ServerCredentials {
  if (!files) return grpc.ServerCredentials.createInsecure();
  const clientCa = files.paths.caFile ? files : null;
  // grpc-js 1.14 names this function's first parameter caCertificateProvider, but passes it on as the
  // server's identity (the constructor's first parameter): the identity goes first, the client CA second.
  return grpc.experimental.createCertificateProviderServerCredentials(files, clientCa, clientCa !== null);
}

/**
 * Plaintext without files; otherwise TLS verifying the server against the files' CA (and its name against
 * the target's host), presenting the files' certificate as a client certificate when they hold one.
 */
export function grpcChannelCredentials(files: CertificateFiles | undefined): grpc.ChannelCredentials {
  if (!files) return grpc.credentials.createInsecure();
  return grpc.experimental.createCertificateProviderChannelCredentials(files, files.paths.certFile ? files : null);
}

/** The certificate and key a node TLS server starts with (the HTTPS gateway's `https` options). */
export function tlsServerOptions(files: CertificateFiles): { cert: Buffer; key: Buffer } {
  const { cert, key } = files.current();
  if (!cert || !key) throw new Error(`${files.paths.caFile} holds no server certificate and key`);
  return { cert, key };
}

/** Makes `server` use each newly published certificate for its next handshakes; returns the unsubscribe. */
export function followRotations(server: TlsServer, files: CertificateFiles): () => void {
  return files.onChange((set) => {
    if (set.cert && set.key) server.setSecureContext({ cert: set.cert, key: set.key });
  });
}
