// The soak's request mix and how each answer is judged. Good requests (clean, describe, process, batch,
// gRPC Clean) must end in a success or a typed error (a 503 while an agent is down is fine); bad ones
// (malformed JSON, empty or oversized text, a wrong content type, an unknown task, an empty gRPC text) in
// a typed error. An answer that is neither (a dropped connection, a client timeout, an untyped 500, a
// body that is not the error shape) is lost. A bad request answered 200, or a good one answered with a
// client error, is unexpected.
import * as grpc from '@grpc/grpc-js';
import { ERROR_CODE_KEY, loadMprProto } from '../lib/grpc/index.ts';
import { ERROR_TABLE, isErrorCode, type ErrorCode } from '../lib/errors.ts';
import type { OrchestratorClient } from '../proto/generated/mpr/v1/Orchestrator.ts';

export type Verdict =
  | { kind: 'success' }
  | { kind: 'typed'; code: ErrorCode }
  | { kind: 'lost'; detail: string }
  | { kind: 'unexpected'; detail: string };

interface Target {
  base: string;
  grpc: OrchestratorClient;
  /** Deadline jw1 is asked to keep; the client gives up a while after it. */
  timeoutMs: number;
}

interface RequestKind {
  name: string;
  weight: number;
  good: boolean;
  send(target: Target, seq: number): Promise<Verdict>;
}

/** Codes any request may get while an agent is down or the system sheds load. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['unavailable', 'overloaded', 'rate_limited', 'deadline_exceeded']);

function judgeCode(code: ErrorCode, good: boolean, expected?: ErrorCode): Verdict {
  if (TRANSIENT.has(code)) return { kind: 'typed', code };
  if (good) return { kind: 'unexpected', detail: `good request refused with ${code}` };
  if (expected && code !== expected) return { kind: 'unexpected', detail: `expected ${expected}, got ${code}` };
  return { kind: 'typed', code };
}

async function http(
  target: Target,
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  good: boolean,
  expected?: ErrorCode,
  contentType = 'application/json',
): Promise<Verdict> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-mpr-timeout-ms': String(target.timeoutMs) },
      body,
      signal: AbortSignal.timeout(target.timeoutMs + 10_000),
    });
    text = await response.text();
  } catch (error) {
    return { kind: 'lost', detail: `${path}: ${(error as Error).name}: ${(error as Error).message}` };
  }
  if (response.status === 200) {
    if (!good) return { kind: 'unexpected', detail: `${path}: bad request answered 200` };
    return path.endsWith(':batch') ? judgeBatch(text) : { kind: 'success' };
  }
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error?.code;
  } catch {
    // Not JSON: judged below as lost.
  }
  if (typeof code !== 'string' || !isErrorCode(code) || ERROR_TABLE[code].http !== response.status)
    return { kind: 'lost', detail: `${path}: HTTP ${response.status} ${text.slice(0, 200)}` };
  return judgeCode(code, good, expected);
}

/** A batch answers 200 with one result per item: each must be a result or a typed error. */
function judgeBatch(text: string): Verdict {
  const items = (JSON.parse(text) as { items?: { ok?: unknown; error?: { code?: unknown } }[] }).items ?? [];
  for (const item of items) {
    if (item.ok) continue;
    const code = item.error?.code;
    if (typeof code !== 'string' || !isErrorCode(code))
      return { kind: 'lost', detail: `batch item neither ok nor typed: ${JSON.stringify(item).slice(0, 200)}` };
  }
  return { kind: 'success' };
}

function grpcClean(target: Target, text: string, good: boolean, expected?: ErrorCode): Promise<Verdict> {
  return new Promise((resolve) => {
    target.grpc.Clean({ text }, { deadline: Date.now() + target.timeoutMs + 10_000 }, (error) => {
      if (!error) {
        resolve(good ? { kind: 'success' } : { kind: 'unexpected', detail: 'gRPC: bad request answered OK' });
        return;
      }
      const code = error.metadata?.get(ERROR_CODE_KEY)[0];
      if (typeof code !== 'string' || !isErrorCode(code) || ERROR_TABLE[code].grpc !== error.code)
        resolve({ kind: 'lost', detail: `gRPC ${error.code} ${error.details}` });
      else resolve(judgeCode(code, good, expected));
    });
  });
}

const DIRTY = ['She go to scool evry day .', 'They was late becuase the bus broke down.', 'I has two cat.'];
const CLEAN = ['The weather is nice today.', 'We met at the station at noon.'];
const json = (value: unknown) => JSON.stringify(value);

export const REQUEST_KINDS: readonly RequestKind[] = [
  {
    name: 'clean',
    weight: 30,
    good: true,
    send: (t, seq) => http(t, '/v1/clean', json({ text: `${DIRTY[seq % DIRTY.length]} (${seq})` }), true),
  },
  {
    name: 'clean_already_clean',
    weight: 12,
    good: true,
    send: (t, seq) => http(t, '/v1/clean', json({ text: CLEAN[seq % CLEAN.length] }), true),
  },
  {
    name: 'describe',
    weight: 10,
    good: true,
    send: (t, seq) => http(t, '/v1/describe', json({ text: `${CLEAN[0]} Order ${seq} ships on Monday.` }), true),
  },
  {
    name: 'process',
    weight: 8,
    good: true,
    send: (t, seq) => http(t, '/v1/process', json({ text: `${DIRTY[0]} ${seq}`, mode: 'clean_then_describe' }), true),
  },
  {
    name: 'batch',
    weight: 5,
    good: true,
    send: (t, seq) =>
      http(t, '/v1/clean:batch', json({ items: DIRTY.map((text) => ({ text: `${text} ${seq}` })) }), true),
  },
  { name: 'grpc_clean', weight: 10, good: true, send: (t, seq) => grpcClean(t, `${DIRTY[1]} ${seq}`, true) },
  {
    name: 'malformed_json',
    weight: 5,
    good: false,
    send: (t) => http(t, '/v1/clean', '{"text": "unterminated', false, 'malformed_json'),
  },
  {
    name: 'empty_text',
    weight: 4,
    good: false,
    send: (t) => http(t, '/v1/clean', json({ text: '   ' }), false, 'empty_text'),
  },
  {
    name: 'text_too_large',
    weight: 3,
    good: false,
    send: (t) => http(t, '/v1/clean', json({ text: 'word '.repeat(20_000) }), false, 'text_too_large'),
  },
  {
    name: 'wrong_content_type',
    weight: 3,
    good: false,
    send: (t) =>
      http(t, '/v1/clean', 'text=hello', false, 'unsupported_media_type', 'application/x-www-form-urlencoded'),
  },
  {
    name: 'invalid_utf8',
    weight: 3,
    good: false,
    send: (t) =>
      http(
        t,
        '/v1/clean',
        new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
        false,
      ),
  },
  {
    name: 'unknown_task',
    weight: 3,
    good: false,
    send: (t) => http(t, '/v1/describe', json({ text: CLEAN[0], task: 'no-such-task' }), false, 'unknown_task'),
  },
  { name: 'grpc_empty_text', weight: 4, good: false, send: (t) => grpcClean(t, '', false, 'empty_text') },
];

/** The kind of the seq-th request: a fixed interleaving with each kind's share equal to its weight. */
export function kindOf(seq: number): RequestKind {
  const total = REQUEST_KINDS.reduce((sum, kind) => sum + kind.weight, 0);
  // A stride coprime with the total spreads each kind over the sequence instead of in runs.
  let slot = (seq * 37) % total;
  for (const kind of REQUEST_KINDS) {
    if (slot < kind.weight) return kind;
    slot -= kind.weight;
  }
  return REQUEST_KINDS[0]!;
}

export function orchestratorGrpcClient(port: number): OrchestratorClient {
  return new (loadMprProto().proto.mpr.v1.Orchestrator)(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  ) as OrchestratorClient;
}

export type { Target };
