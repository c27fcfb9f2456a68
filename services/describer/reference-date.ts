// The reference date of a Describe request: what "by Friday" or "within 14 days" counts from. A date
// alone means that day in UTC; a date-time must carry its zone, since a server's local time zone would
// otherwise decide which day "tomorrow" is.
import { MprError } from '../../lib/errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/u;

/** undefined for an empty value (the caller uses now); throws invalid_argument for anything else wrong. */
export function parseReferenceDate(value: string): Date | undefined {
  if (value === '') return undefined;
  const shaped = DATE.test(value) ? `${value}T00:00:00Z` : DATE_TIME.test(value) ? value : '';
  const time = shaped === '' ? Number.NaN : Date.parse(shaped);
  // Date.parse rolls 2025-02-30 over to March; a date that does not round-trip does not exist.
  if (Number.isNaN(time) || (DATE.test(value) && new Date(time).toISOString().slice(0, 10) !== value)) {
    throw new MprError(
      'invalid_argument',
      `referenceDate must be an ISO 8601 date (2025-03-15) or a date-time with a zone (2025-03-15T09:30:00Z), got "${value.slice(0, 40)}"`,
    );
  }
  return new Date(time);
}
