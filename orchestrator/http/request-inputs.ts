// What the pipeline routes take from a request besides its text: the call budget (deadline from the
// caller's timeout header, cancelled when the caller goes away), generation options, and the describer
// fields and adapters the caller's key is allowed to use.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkInlineSchema } from '../../lib/schema-limits.ts';
import type { AccessControl } from '../access-control.ts';
import { adapterOf as describerAdapterOf } from '../auth/index.ts';
import type { CallBudget } from '../clients/call-budget.ts';
import { admissionOf, type GatewayLimits } from './access.ts';
import { TIMEOUT_HEADER } from './headers.ts';

export type Body = Record<string, unknown> & { text?: unknown };

export function budgetOf(request: FastifyRequest, reply: FastifyReply, defaultTimeoutMs: number): CallBudget {
  const asked = Number(request.headers[TIMEOUT_HEADER]);
  const timeoutMs = Number.isFinite(asked) && asked > 0 ? Math.min(asked, defaultTimeoutMs) : defaultTimeoutMs;
  const controller = new AbortController();
  // The caller went away before we answered: cancel the downstream calls made for it.
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new DOMException('client disconnected', 'AbortError'));
  });
  return { deadline: Date.now() + timeoutMs, signal: controller.signal };
}

export function generationOf(body: Body) {
  return body.generation === undefined ? {} : { generation: body.generation as Record<string, number> };
}

/** The describer fields of a body, once the caller may use its task and its inline schema is within the limits. */
export function describeFields(request: FastifyRequest, body: Body, limits: GatewayLimits, access?: AccessControl) {
  const task = typeof body.task === 'string' ? body.task : '';
  const admission = admissionOf(request);
  if (access && admission) access.authorizeAdapter(admission, describerAdapterOf(task, body.schema !== undefined));
  const schemaJson = body.schema === undefined ? '' : JSON.stringify(body.schema);
  if (schemaJson) checkInlineSchema(schemaJson, limits.schema);
  return {
    task,
    schemaJson,
    instructions: typeof body.instructions === 'string' ? body.instructions : '',
    referenceDate: typeof body.referenceDate === 'string' ? body.referenceDate : '',
    ...generationOf(body),
  };
}

/** A LoRA adapter named by the caller (absent: the agent's default), once the caller's key may use it. */
export function namedAdapter(request: FastifyRequest, adapter: unknown, access?: AccessControl): { adapter?: string } {
  if (typeof adapter !== 'string' || adapter === '') return {};
  const admission = admissionOf(request);
  if (access && admission) access.authorizeAdapter(admission, adapter);
  return { adapter };
}
