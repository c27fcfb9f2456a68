// The "decision" task: a customer-operations triage of a message (what to do, why, what to tell the
// customer, what happens next, whether a person must look at it).
import type { JsonSchema } from '../engine.ts';

export const DECISIONS = ['approve', 'deny', 'escalate', 'request_info'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'reason', 'customer_response', 'next_action', 'escalation_required'],
  properties: {
    decision: { type: 'string', enum: [...DECISIONS] },
    reason: { type: 'string', maxLength: 500 },
    customer_response: { type: 'string', maxLength: 1000 },
    next_action: { type: 'string', maxLength: 200 },
    escalation_required: { type: 'boolean' },
    priority: { type: 'string', enum: ['low', 'normal', 'high'] },
  },
};

export const DECISION_INSTRUCTIONS = [
  'You triage a customer message for the operations team. Answer with JSON matching the schema.',
  'decision: approve (the request can be granted as asked), deny (it cannot, per policy), escalate',
  '(a person must decide: legal threats, safety, large amounts, angry or vulnerable customers),',
  'request_info (something needed to decide is missing).',
  'reason: one or two sentences citing the parts of the message that led to the decision.',
  'customer_response: a polite reply to send to the customer, in the language of the message.',
  'next_action: the concrete next step for the team. escalation_required: true whenever a person must act.',
  'priority: high for a demand with a deadline and a threat (dispute, cancellation, lawyer), or great urgency.',
].join('\n');
