// Urgency as a reader feels it: a deadline (the sooner the stronger), words that ask for speed
// ("immediately", "asap"), threats that raise the stakes (disputing the charge, cancelling, a lawyer),
// and shouting. Demands (refund, replacement) are read here too: the decision task weighs them with the
// rest. Every cue keeps the words it was found on, so the explanation can quote them.
import type { EntitySpan } from './entity-patterns.ts';

export interface UrgencyCues {
  deadlines: EntitySpan[];
  urgentWords: string[];
  threats: string[];
  demands: string[];
  exclamations: number;
  shouting: number;
}

const URGENT =
  /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|immediately|right away|right now|straight away|at once|as soon as possible|without (?:further )?delay|emergency|today|tonight|now(?=\s*[.!?,]|\s*$))/giu;
const THREATS =
  /\b(?:dispute(?:d)?(?: (?:the|this|my) (?:charge|payment|transaction))?|charge ?back|reverse the (?:charge|payment)|(?:call|contact|tell) my (?:bank|card issuer|credit card company)|cancel(?:l?ing|l?ed)? (?:my |the |our )?(?:order|subscription|account|membership|contract|plan|card)|(?:my )?(?:lawyer|attorney|solicitor)|legal action|take (?:you|this) to court|sue you|small claims|ombudsman|consumer protection|trading standards|better business bureau|report (?:you|this|it) to|file a (?:formal )?complaint|(?:bad|negative|one-star|1-star) review|never (?:buy|order|shop)\w* (?:from|with|here)|take my business elsewhere)/giu;
const DEMANDS =
  /\b(?:(?:full |partial )?refund(?:ed)?|money back|reimburse(?:ment|d)?|replacement|replace (?:it|the \w+|my \w+)|exchange (?:it|the \w+)|compensation|compensate|send (?:me )?(?:a )?new one|credit (?:my|the) (?:account|card))/giu;

function quoted(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[0].toLowerCase()))];
}

export function readUrgencyCues(text: string, entities: readonly EntitySpan[]): UrgencyCues {
  const normalized = text.replaceAll('’', "'");
  return {
    deadlines: entities.filter((e) => e.type === 'date' && e.deadline),
    urgentWords: quoted(normalized, URGENT),
    threats: quoted(normalized, THREATS),
    demands: quoted(normalized, DEMANDS),
    exclamations: normalized.match(/!/g)?.length ?? 0,
    shouting: normalized.match(/(?<![\p{L}\p{N}])\p{Lu}{3,}(?![\p{L}\p{N}])/gu)?.length ?? 0,
  };
}

const DAY_MS = 86_400_000;

/** Days from the reference to the deadline's first day; NaN when the value is not a date. */
export function daysUntil(deadline: EntitySpan, reference: Date): number {
  const day = Date.parse((deadline.value ?? '').slice(0, 10));
  const today = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
  return (day - today) / DAY_MS;
}

export function urgencyScore(cues: UrgencyCues, reference: Date): number {
  const soonest = Math.min(...cues.deadlines.map((d) => daysUntil(d, reference)).filter((d) => !Number.isNaN(d)));
  const deadline = cues.deadlines.length === 0 ? 0 : soonest <= 7 ? 2 : 1;
  const emphasis = cues.exclamations >= 2 || cues.shouting >= 2 ? 1 : 0;
  const raw = 1 + deadline + Math.min(2, cues.urgentWords.length) + (cues.threats.length > 0 ? 1 : 0) + emphasis;
  return Math.min(5, raw);
}

function listed(label: string, items: readonly string[]): string {
  return `${label}: ${items
    .slice(0, 3)
    .map((item) => `"${item}"`)
    .join(', ')}`;
}

export function urgencyExplanation(cues: UrgencyCues): string {
  const parts = [
    cues.deadlines.length > 0
      ? `deadline: ${cues.deadlines
          .slice(0, 2)
          .map((d) => `"${d.text}" (${d.value})`)
          .join(', ')}`
      : 'no deadline',
    cues.urgentWords.length > 0 ? listed('urgency words', cues.urgentWords) : 'no urgency words',
    cues.threats.length > 0 ? listed('threats', cues.threats) : 'no threats',
  ];
  if (cues.exclamations >= 2) parts.push(`${cues.exclamations} exclamation marks`);
  if (cues.shouting >= 2) parts.push(`${cues.shouting} all-caps words`);
  return parts.join('; ');
}
