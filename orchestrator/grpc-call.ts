// What every call of jw1's gRPC service starts with, unary or streaming: its budget (the caller's
// deadline, capped by the configured timeout, and its cancellation) and its caller's rate limit.
import type { CallContext } from '../lib/grpc/index.ts';
import type { CallBudget } from './clients/call-budget.ts';
import type { ClientRateLimiter } from './client-rate-limiter.ts';

export function budgetOf(context: CallContext, defaultTimeoutMs: number): CallBudget {
  const fallback = Date.now() + defaultTimeoutMs;
  return { deadline: Math.min(context.deadline ?? fallback, fallback), signal: context.signal };
}

/** Charges the caller (key from `x-api-key` metadata, else the peer) `cost` requests; throws rate_limited. */
export async function admitCaller(limiter: ClientRateLimiter | undefined, context: CallContext, cost = 1) {
  if (!limiter) return;
  const apiKey = context.metadata.get('x-api-key')[0];
  await limiter.admit(
    typeof apiKey === 'string' && apiKey ? `key:${apiKey}` : `peer:${context.peer.replace(/:\d+$/, '')}`,
    cost,
  );
}
