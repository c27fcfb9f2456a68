// Dates and times found by chrono-node (and lengths of time it mistakes for dates, returned as quantities), normalized to ISO 8601 and resolved against the request's
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
// "3 weeks", "after two weeks", "for a year" are lengths of time, not dates (chrono reads them as dates
// counted from the reference): they become quantities. "3 weeks ago" and "within 3 weeks" stay dates.
const NUMBER_WORD =
  '\\d+(?:\\.\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|a few|few|several|a couple of|couple of';
const DURATION = new RegExp(
  `^(?:(?:after|for|over|in|about|around)\\s+)?(?<amount>${NUMBER_WORD})\\s+(?:business\\s+|working\\s+)?(?<unit>minutes?|hours?|days?|weeks?|months?|years?)(?:\\s+(?:before|after|later))?$`,
  'iu',
);
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
};
// chrono also takes "now", "night" or the "last" of "lasts" for a date; a one-word date must name one.
const ONE_WORD_DATE =
  /^(?:today|tonight|tomorrow|yesterday|weekend|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/iu;
// Years alone ("in 2019", "since 2026"), which chrono leaves out.
const YEAR = /\b(?:in|since|by|from|until|before|after|of)\s+(?<year>(?:19|20)\d{2})(?![\p{L}\p{N}])/giu;
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
  const dayKnown = components.isCertain('day') || components.isCertain('weekday') || !components.isCertain('month');
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
  // The forward reading is needed only for deadlines, which most messages lack: parse again only then.
  let forward: Map<number, ParsedResult> | undefined;
  const forwardAt = (index: number): ParsedResult | undefined => {
    forward ??= new Map(readers.chrono.parse(text, ref, { forwardDate: true }).map((r) => [r.index, r]));
    return forward.get(index);
  };
  const found: EntitySpan[] = [];
  for (const result of backward) {
    const deadline =
      DEADLINE_PHRASE.test(result.text) ||
      DEADLINE_BEFORE.test(text.slice(Math.max(0, result.index - 30), result.index));
    if (!deadline && !/\bago$/iu.test(result.text)) {
      const duration = asDuration(result);
      if (duration) {
        found.push(duration);
        continue;
      }
    }
    const bare = result.text.replace(TRAILING_PUNCTUATION, '').trim();
    if (!/\s/u.test(bare) && !ONE_WORD_DATE.test(bare) && !/\d/u.test(bare)) continue;
    const chosen = deadline ? (forwardAt(result.index) ?? result) : result;
    found.push(toEntity(chosen, deadline));
  }
  for (const match of text.matchAll(YEAR)) {
    const year = match.groups!.year!;
    const start = match.index + match[0].length - year.length;
    found.push({ type: 'date', text: year, start, end: start + year.length, value: year });
  }
  return found;
}

/** A length of time chrono took for a date, as the quantity it is ("two weeks": 2 weeks). */
function asDuration(result: ParsedResult): EntitySpan | undefined {
  const match = DURATION.exec(result.text);
  if (!match?.groups) return undefined;
  const written = match.groups.amount!.toLowerCase();
  const amount = NUMBER_WORDS[written] ?? (/^\d/u.test(written) ? Number(written) : undefined);
  const lead = /^(?:(?:after|for|over|in|about|around)\s+)/iu.exec(result.text)?.[0].length ?? 0;
  const tail = /\s+(?:before|after|later)$/iu.exec(result.text)?.[0].length ?? 0;
  const text = result.text.slice(lead, result.text.length - tail);
  const start = result.index + lead;
  return {
    type: 'quantity',
    text,
    start,
    end: start + text.length,
    ...(amount === undefined ? {} : { amount }),
    unit: match.groups.unit!.toLowerCase(),
  };
}
