// The gateway's side of access control and of its defences against abusive clients: the credentials
// of a request (Authorization: Bearer, or x-api-key) go to the access gate before the body is read;
// compressed bodies are refused; slow clients that trickle headers or a body are cut off with a typed
// 408. The key's name, never the key, is added to the request's log lines and span.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MprError } from '../../lib/errors.ts';
import type { SchemaLimits } from '../../lib/schema-limits.ts';
import { setRequestSpanAttributes } from '../../lib/telemetry/index.ts';
import type { AccessControl, Admission } from '../access-control.ts';
import { TASKS, type Task } from '../auth/index.ts';
import { API_KEY_HEADER } from './headers.ts';

/** Limits against abusive requests (settings of the same names in lib/config.ts). */
export interface GatewayLimits {
  /** Deepest nesting of a JSON body. */
  jsonMaxDepth: number;
  schema: SchemaLimits;
  /** Time a client has to send the request's headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, headers and body. */
  bodyTimeoutMs: number;
}

const admissions = new WeakMap<FastifyRequest, Admission>();

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  // A header sent twice arrives as a list: neither copy is trusted.
  return typeof value === 'string' ? value : undefined;
}

/** The task a /v1 route performs (`/v1/clean:batch` is cleaning); undefined for a path that is none. */
export function taskOfPath(path: string): Task | undefined {
  const name = /^\/v1\/([a-z]+)/.exec(path)?.[1];
  return (TASKS as readonly string[]).includes(name ?? '') ? (name as Task) : undefined;
}

/** Refuses a body sent with a content coding: jw1 never inflates one (no decompression bombs). */
export function refuseEncodedBody(request: FastifyRequest): void {
  const encoding = request.headers['content-encoding'];
  if (encoding === undefined) return;
  const codings = String(encoding)
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > 0) {
    throw new MprError(
      'unsupported_media_type',
      `Content-Encoding ${codings.join(', ')} is not accepted; send the JSON body uncompressed`,
    );
  }
}

/** Authenticates the request, checks its task, charges its rate; the principal's name joins its logs and span. */
export async function admitRequest(request: FastifyRequest, access: AccessControl): Promise<void> {
  const task = taskOfPath(request.routeOptions.url ?? request.url);
  const admission = await access.admit({
    authorization: header(request, 'authorization'),
    apiKey: header(request, API_KEY_HEADER),
    address: request.ip,
    ...(task ? { task } : {}),
  });
  admissions.set(request, admission);
  const name = admission.principal?.name;
  if (name !== undefined) {
    request.log = request.log.child({ keyName: name });
    setRequestSpanAttributes(request, { 'mpr.key_name': name });
  }
}

export function admissionOf(request: FastifyRequest): Admission | undefined {
  return admissions.get(request);
}

/**
 * Node's server options against slow clients. The timers are checked every connectionsCheckingInterval,
 * so that interval is kept to a fraction of the shorter timeout.
 */
export function slowClientOptions(limits: GatewayLimits) {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.bodyTimeoutMs);
  return {
    requestTimeout: limits.bodyTimeoutMs,
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
  };
}

const CLIENT_ERRORS: Record<string, () => MprError> = {
  ERR_HTTP_REQUEST_TIMEOUT: () =>
    new MprError('request_timeout', 'the request did not arrive in time; send headers and body without pauses'),
  HPE_HEADER_OVERFLOW: () => new MprError('headers_too_large', 'request headers are larger than the limit'),
};

/**
 * Answers errors on a connection that never became a request (a timeout while headers or the body
 * trickle in, oversized headers, bytes that are not HTTP) with a typed JSON error, then closes it.
 */
export function clientErrorHandler(onClientError?: (code: string) => void) {
  return function handle(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const typed =
      CLIENT_ERRORS[error.code ?? '']?.() ?? new MprError('invalid_argument', 'the request is not well-formed HTTP');
    onClientError?.(typed.code);
    // A response already under way (the error came while it was written) cannot be replaced.
    const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !response?.headersSent) {
      const body = JSON.stringify({ error: typed.toJSON() });
      socket.write(
        `HTTP/1.1 ${typed.httpStatus} ${STATUS_CODES[typed.httpStatus]}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
