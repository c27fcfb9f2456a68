// The decision task's facts. Rules cannot judge whether a customer's request is justified, so the
// decision is always to hand the message to a person; what the rules can do is say how urgent that is
// and why. A refund or replacement demand that sets a deadline and threatens a dispute (or cancellation,
// or a lawyer) is a high-priority escalation, and the reason quotes each of those parts.
import { Approximate } from './schema-filler.ts';
import type { TextAnalysis } from './text-analysis.ts';

function quote(items: readonly string[]): string {
  return items
    .slice(0, 2)
    .map((item) => `"${item}"`)
    .join(', ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function decisionFacts(analysis: TextAnalysis): Record<string, unknown> {
  const { urgency: cues, traits } = analysis;
  const deadline = cues.deadlines[0];
  const deadlineText = deadline ? `"${deadline.text}" (${deadline.value})` : '';
  const escalation = cues.demands.length > 0 && deadline !== undefined && cues.threats.length > 0;
  const high = escalation || traits.urgency.score >= 4;
  const signals = [
    cues.demands.length > 0 ? `demand: ${quote(cues.demands)}` : '',
    deadline ? `deadline: ${deadlineText}` : '',
    cues.threats.length > 0 ? `threat: ${quote(cues.threats)}` : '',
    cues.urgentWords.length > 0 ? `urgency words: ${quote(cues.urgentWords)}` : '',
    traits.sentiment.score <= 2 ? `negative tone (${traits.sentiment.explanation.split('; ')[0]})` : '',
  ].filter(Boolean);
  const lead = escalation
    ? `High-priority escalation: the customer demands ${quote(cues.demands)} by ${deadlineText} and threatens ${quote(cues.threats)}.`
    : high
      ? `High-priority escalation: urgency ${traits.urgency.score}/5.`
      : '';
  const reason = [
    lead,
    'The rule-based engine does not judge whether a request is justified, so a person must decide.',
    lead === '' ? (signals.length > 0 ? `Signals: ${signals.join('; ')}.` : 'No urgency, demand or threat found.') : '',
  ]
    .filter(Boolean)
    .join(' ');
  const before = deadline?.value ? ` before ${deadline.value.slice(0, 10)}` : '';
  return {
    decision: 'escalate',
    escalation_required: true,
    priority: high ? 'high' : 'normal',
    reason: truncate(reason, 500),
    next_action: high
      ? `Route to a human agent with high priority; answer${before || ' today'}.`
      : 'Route to a human agent for review.',
    customer_response: new Approximate(
      'Thank you for your message. A member of our team will review it and get back to you.',
    ),
  };
}
