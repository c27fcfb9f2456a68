// POST JSON to the gateway with a per-request timeout; gateway errors ({error:{code,message}}) and
// timeouts come back as typed MprErrors so a run can count them instead of dying.
import { isErrorCode, MprError } from '../lib/errors.ts';

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export async function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Record<string, unknown>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (timeout.aborted) throw new MprError('deadline_exceeded', `${url} did not answer within ${timeoutMs} ms`);
    if (options.signal?.aborted) throw new MprError('cancelled', 'evaluation was cancelled');
    throw new MprError('unavailable', `cannot reach ${url}: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MprError('internal', `${url} answered ${response.status} with a body that is not JSON`);
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
    const code = typeof error?.code === 'string' && isErrorCode(error.code) ? error.code : 'internal';
    throw new MprError(code, `${url} answered ${response.status}: ${String(error?.message ?? text.slice(0, 200))}`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new MprError('internal', `${url} answered with a non-object`);
  return parsed as Record<string, unknown>;
}
