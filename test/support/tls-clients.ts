// Clients for TLS tests: HTTPS JSON calls trusting a test CA, gRPC credentials from PEM strings, and a
// bare TLS handshake that reports what the server presented or why it hung up.
import * as https from 'node:https';
import * as tls from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import type { PemPair } from './test-pki.ts';

export interface HttpsResult {
  status: number;
  body: any;
}

/** POSTs (or GETs, without a body) JSON over HTTPS; rejects when the connection or handshake fails. */
export function httpsJson(
  port: number,
  path: string,
  options: {
    ca: string;
    agent?: https.Agent | false;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  },
): Promise<HttpsResult> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const request = https.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: payload === undefined ? 'GET' : 'POST',
        ca: options.ca,
        agent: options.agent ?? false,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
        timeout: options.timeoutMs ?? 20_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // /readyz and errors from proxies may be plain text.
          }
          resolve({ status: response.statusCode ?? 0, body });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('HTTPS request timed out')));
    request.on('error', reject);
    request.end(payload);
  });
}

/** TLS channel credentials trusting `ca`, with a client certificate when `identity` is given. */
export function tlsCredentials(ca: string, identity?: PemPair): grpc.ChannelCredentials {
  return identity
    ? grpc.credentials.createSsl(Buffer.from(ca), Buffer.from(identity.key), Buffer.from(identity.cert))
    : grpc.credentials.createSsl(Buffer.from(ca));
}

export interface HandshakeOutcome {
  /** Serial number of the certificate the server presented (node's upper-case hex). */
  serial?: string;
  /** Error that ended the connection within the wait, e.g. the server's "certificate required" alert. */
  error?: NodeJS.ErrnoException;
  /** The server closed the connection within the wait (node refuses a client certificate of an unknown
   * CA that way, after the handshake, without an alert). */
  closed: boolean;
}

/**
 * Opens a TLS connection offering `alpn` (default h2, as gRPC; an HTTPS server wants http/1.1), waits `settleMs` for the server's verdict on our
 * certificate (with TLS 1.3 it arrives after the client's side of the handshake is done), and closes.
 * A client the server accepts sees neither an error nor a close within the wait.
 */
export function tlsHandshake(
  port: number,
  options: { ca: string; identity?: PemPair; settleMs?: number; alpn?: string[] },
): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    const outcome: HandshakeOutcome = { closed: false };
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      ca: options.ca,
      ALPNProtocols: options.alpn ?? ['h2'],
      ...(options.identity ? { cert: options.identity.cert, key: options.identity.key } : {}),
    });
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    socket.once('end', () => {
      outcome.closed = true;
      finish();
    });
    socket.once('secureConnect', () => {
      outcome.serial = socket.getPeerCertificate().serialNumber;
      // Reading is what surfaces an alert the server sends after the handshake.
      socket.resume();
      setTimeout(finish, options.settleMs ?? 300);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      outcome.error = error;
      finish();
    });
  });
}
