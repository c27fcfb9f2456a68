// What every call of jw1's gRPC service starts with, unary or streaming: its budget (the caller's
// deadline, capped by the configured timeout, and its cancellation) and the access gate. Credentials come
// from call metadata (`authorization: Bearer <key>` or `x-api-key: <key>`), the task from the method, and
// the inline schema of a describe call is held to the same limits as over HTTP. The key's name, never the
// key, goes on the call's span.
import type { CallContext } from '../lib/grpc/index.ts';
import { checkInlineSchema, type SchemaLimits } from '../lib/schema-limits.ts';
import { activeSpan } from '../lib/telemetry/index.ts';
import type { AccessControl, Admission } from './access-control.ts';
import { adapterOf, type Task } from './auth/index.ts';
import type { CallBudget } from './clients/call-budget.ts';

export interface CallGuard {
  /** Without it every call is admitted. */
  access?: AccessControl;
  schemaLimits: SchemaLimits;
}

export function budgetOf(context: CallContext, defaultTimeoutMs: number): CallBudget {
  const fallback = Date.now() + defaultTimeoutMs;
  return { deadline: Math.min(context.deadline ?? fallback, fallback), signal: context.signal };
}

/** A metadata value sent exactly once (a key sent twice is not trusted). */
function single(context: CallContext, key: string): string | undefined {
  const values = context.metadata.get(key);
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}

/** Authenticates the call, checks its task and charges `cost` requests to its rate and quota. */
export async function admitCall(
  context: CallContext,
  guard: CallGuard,
  task: Task,
  cost = 1,
): Promise<Admission | undefined> {
  if (!guard.access) return undefined;
  const admission = await guard.access.admit({
    authorization: single(context, 'authorization'),
    apiKey: single(context, 'x-api-key'),
    address: context.peer.replace(/:\d+$/, ''),
    task,
    cost,
  });
  if (admission.principal) activeSpan()?.setAttribute('mpr.key_name', admission.principal.name);
  return admission;
}

/** The describer part of a call: the key may use its task or adapter, and its inline schema is within limits. */
export function checkDescribeCall(
  guard: CallGuard,
  admission: Admission | undefined,
  task: string,
  schemaJson: string,
): void {
  if (guard.access && admission) guard.access.authorizeAdapter(admission, adapterOf(task, schemaJson !== ''));
  if (schemaJson) checkInlineSchema(schemaJson, guard.schemaLimits);
}

/** The LoRA adapters a call names (empty: the agent's default): the key may use each of them. */
export function checkNamedAdapters(
  guard: CallGuard,
  admission: Admission | undefined,
  adapters: readonly (string | undefined)[],
): void {
  if (!guard.access || !admission) return;
  for (const adapter of adapters) if (adapter) guard.access.authorizeAdapter(admission, adapter);
}
