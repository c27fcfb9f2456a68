// Dates and times found by chrono-node, normalized to ISO 8601 and resolved against the request's
// reference date. Relative mentions resolve backwards ("on Friday" is the last one: customers mostly
// report what happened) unless the words before them set a limit ("by Friday", "within 14 days"), which
// looks forward and marks the entity as a deadline. Components the text leaves out stay out of the value:
// "March 2024" is 2024-03, a time without a zone carries no offset.
import type { ParsedResult, ParsingComponents } from 'chrono-node/en';
import type { EntitySpan } from './entity-patterns.ts';
import type { Readers } from './nlp-libraries.ts';

// Words that make the date after them a limit; chrono's own "within ..." phrases are limits as well.
const DEADLINE_BEFORE =
  /(?:\b(?:by|before|until|till|no later than|not later than|latest|deadline(?: is| of)?|due(?: by| on)?|expires?(?: on)?|ends?(?: on)?)\s+(?:the\s+)?)$/iu;
const DEADLINE_PHRASE = /^within\s/iu;
// "3 weeks" alone is a length of time, not a date (chrono reads it as three weeks from now).
const BARE_DURATION =
  /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several|couple of)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)$/iu;
const LEADING_PREPOSITION = /^(?:on|at|within|in)\s+/iu;
const TRAILING_PUNCTUATION = /[\s,;:]+$/u;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function offset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** The ISO 8601 form of what the text says: date to the precision given, time only when stated. */
export function isoValue(components: ParsingComponents): string {
  const year = components.get('year') ?? 0;
  const month = components.get('month') ?? 1;
  const day = components.get('day') ?? 1;
  const dayKnown =
    components.isCertain('day') || components.isCertain('weekday') || !components.isCertain('month');
  let value = dayKnown ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : `${pad(year, 4)}-${pad(month)}`;
  if (components.isCertain('hour')) {
    value = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(components.get('hour') ?? 0)}:${pad(components.get('minute') ?? 0)}`;
    if (components.isCertain('second')) value += `:${pad(components.get('second') ?? 0)}`;
    const zone = components.get('timezoneOffset');
    if (components.isCertain('timezoneOffset') && zone !== null) value += offset(zone);
  }
  return value;
}

function toEntity(result: ParsedResult, deadline: boolean): EntitySpan {
  let { index: start, text } = result;
  const preposition = LEADING_PREPOSITION.exec(text);
  if (preposition) {
    start += preposition[0].length;
    text = text.slice(preposition[0].length);
  }
  text = text.replace(TRAILING_PUNCTUATION, '');
  const begin = isoValue(result.start as ParsingComponents);
  const value = result.end ? `${begin}/${isoValue(result.end as ParsingComponents)}` : begin;
  return { type: 'date', text, start, end: start + text.length, value, ...(deadline ? { deadline: true } : {}) };
}

export function findDateEntities(readers: Readers, text: string, reference: Date): EntitySpan[] {
  // Offset 0: a reference date given as "2025-03-15" means that day, whatever the server's time zone.
  const ref = { instant: reference, timezone: 0 };
  const backward = readers.chrono.parse(text, ref);
  const forward = new Map(readers.chrono.parse(text, ref, { forwardDate: true }).map((r) => [r.index, r]));
  const found: EntitySpan[] = [];
  for (const result of backward) {
    if (BARE_DURATION.test(result.text)) continue;
    const deadline =
      DEADLINE_PHRASE.test(result.text) || DEADLINE_BEFORE.test(text.slice(Math.max(0, result.index - 30), result.index));
    const chosen = deadline ? (forward.get(result.index) ?? result) : result;
    found.push(toEntity(chosen, deadline));
  }
  return found;
}
