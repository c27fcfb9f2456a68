import { describe, expect, it } from 'vitest';
import { MprError } from '../../lib/errors.ts';
import { parseReferenceDate } from './reference-date.ts';

describe('parseReferenceDate', () => {
  it('reads a date as that day in UTC and a date-time with its zone', () => {
    expect(parseReferenceDate('2025-03-15')?.toISOString()).toBe('2025-03-15T00:00:00.000Z');
    expect(parseReferenceDate('2025-03-15T09:30:00+02:00')?.toISOString()).toBe('2025-03-15T07:30:00.000Z');
    expect(parseReferenceDate('')).toBeUndefined();
  });

  it.each(['2025-02-30', '2025-03-15T09:30', 'tomorrow', '15/03/2025', '2025-13-01'])(
    'refuses %j with invalid_argument',
    (value) => {
      let error: unknown;
      try {
        parseReferenceDate(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MprError);
      expect((error as MprError).code).toBe('invalid_argument');
    },
  );
});
