import { describe, expect, it } from 'vitest';
import { analyze } from './analyze-for-tests.ts';
import type { EntitySpan } from './entities.ts';

function found(text: string): EntitySpan[] {
  const entities = analyze(text).entities;
  for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  for (let i = 1; i < entities.length; i++) expect(entities[i]!.start).toBeGreaterThanOrEqual(entities[i - 1]!.end);
  return entities;
}

function typed(text: string, type: EntitySpan['type']): string[] {
  return found(text)
    .filter((e) => e.type === type)
    .map((e) => e.text);
}

// One text that has the type and one that does not, for every type; details follow per type.
describe('each entity type, on a text that has it and one that does not', () => {
  it.each<[EntitySpan['type'], string, string[], string]>([
    [
      'person',
      'Yesterday Maria Lopez called, and Dr. Alan Turing wrote back.',
      ['Maria Lopez', 'Alan Turing'],
      'The kettle arrived yesterday.',
    ],
    [
      'organization',
      'I paid with my Mastercard and Samsung sent the parcel.',
      ['Mastercard', 'Samsung'],
      'I paid with my card and the shop sent the parcel.',
    ],
    ['place', 'We flew from Paris, France to New York.', ['Paris', 'France', 'New York'], 'We flew home.'],
    [
      'date',
      'I bought it on March 3, 2025 and want it fixed by Friday.',
      ['March 3, 2025', 'Friday'],
      'I bought it and want it fixed.',
    ],
    ['money', 'It cost $649.99, about EUR 1,200 or 950 GBP.', ['$649.99', 'EUR 1,200', '950 GBP'], 'It cost a lot.'],
    [
      'quantity',
      'I ordered 3 boxes and 2 kg of rice; prices are 20% lower.',
      ['3 boxes', '2 kg', '20%'],
      'I ordered boxes of rice.',
    ],
    [
      'email',
      'Write to jane.doe+billing@mail.example.co.uk.',
      ['jane.doe+billing@mail.example.co.uk'],
      'Write to Jane at her mail.',
    ],
    [
      'url',
      'See https://shop.example.com/orders?id=4 for details.',
      ['https://shop.example.com/orders?id=4'],
      'See the shop for details.',
    ],
    [
      'phone',
      'Call me at (415) 555-0132 or +44 20 7946 0958.',
      ['(415) 555-0132', '+44 20 7946 0958'],
      'Call me when you can.',
    ],
    [
      'identifier',
      'Order #48213 and ticket TCK-20931 are still open.',
      ['48213', 'TCK-20931'],
      'My order and my ticket are still open.',
    ],
  ])('%s', (type, text, expected, without) => {
    expect(typed(text, type)).toEqual(expected);
    expect(typed(without, type)).toEqual([]);
  });
});

describe('entities with values', () => {
  it('normalizes dates to ISO 8601 at the precision written, resolved against the reference date', () => {
    // The reference is Monday 17 March 2025.
    const dates = found(
      'I bought it on March 3, 2025, last Tuesday and in March 2024. The call is at 10:30 am on 2024-03-12. Fix it by Friday.',
    ).filter((e) => e.type === 'date');
    expect(dates.map((e) => [e.text, e.value, e.deadline ?? false])).toEqual([
      ['March 3, 2025', '2025-03-03', false],
      ['last Tuesday', '2025-03-11', false],
      ['March 2024', '2024-03', false],
      ['10:30 am on 2024-03-12', '2024-03-12T10:30', false],
      ['Friday', '2025-03-21', true],
    ]);
  });

  it('resolves deadlines forward and relative dates against another reference date', () => {
    const text = 'Refund me within 14 days, or by tomorrow at 5pm. It came on Friday.';
    const dates = analyze(text, new Date('2025-06-02T00:00:00Z')).entities.filter((e) => e.type === 'date');
    expect(dates.map((e) => [e.text, e.value, e.deadline ?? false])).toEqual([
      ['14 days', '2025-06-16', true],
      ['tomorrow at 5pm', '2025-06-03T17:00', true],
      ['Friday', '2025-05-30', false],
    ]);
  });

  it('reads a length of time as a quantity, not a date', () => {
    expect(found('It broke after two weeks; I waited 3 days.').map((e) => [e.type, e.text, e.amount, e.unit])).toEqual([
      ['quantity', 'two weeks', 2, 'weeks'],
      ['quantity', '3 days', 3, 'days'],
    ]);
  });

  it('gives money its amount and ISO 4217 currency, whatever the notation', () => {
    const money = found('I paid 1.200,50 €, $2.5 million, CHF 45, 50 cents and 20 pounds.');
    expect(money.map((e) => [e.text, e.amount, e.currency])).toEqual([
      ['1.200,50 €', 1200.5, 'EUR'],
      ['$2.5 million', 2_500_000, 'USD'],
      ['CHF 45', 45, 'CHF'],
      ['50 cents', 0.5, 'USD'],
      ['20 pounds', 20, 'GBP'],
    ]);
  });

  it('gives phones their digits and identifiers their bare id', () => {
    const entities = found('My order number is 78100; call +49 151 2345 6789 about invoice no. INV-2024-001.');
    expect(entities.map((e) => [e.type, e.text, e.value])).toEqual([
      ['identifier', '78100', '78100'],
      ['phone', '+49 151 2345 6789', '+4915123456789'],
      ['identifier', 'INV-2024-001', 'INV-2024-001'],
    ]);
  });

  it('does not take bare numbers, versions or sizes for entities', () => {
    expect(found('COVID-19 version v2 on an A4 sheet, page 12, URGENT, ASAP.')).toEqual([]);
    expect(typed('Order 48213779 arrived with 12345 678 inside.', 'phone')).toEqual([]);
  });
});

describe('entities in other languages and odd text', () => {
  it('keeps what patterns find without knowing the language', () => {
    const text = 'Der Kunde hat am 12.03.2024 eine Rechnung über 120 € bekommen, Bestellung #48213, an jan@example.de.';
    expect(found(text).map((e) => [e.type, e.text])).toEqual([
      ['date', '12.03.2024'],
      ['money', '120 €'],
      ['identifier', '48213'],
      ['email', 'jan@example.de'],
    ]);
  });

  it('keeps offsets in UTF-16 code units after astral characters', () => {
    const text = '😀😀 Mail 😀 to bob@example.com on 1 June 2024 🎉 please.';
    expect(found(text).map((e) => [e.type, e.text])).toEqual([
      ['email', 'bob@example.com'],
      ['date', '1 June 2024'],
    ]);
  });

  it('never reports overlapping entities', () => {
    const text = 'Order 12 (ref 2024-01-05) at https://x.io/o/12?d=2024-01-05 by ann@x.io on Jan 5, 2024 for $12.';
    expect(found(text).map((e) => e.type)).toEqual(['identifier', 'url', 'email', 'date', 'money']);
  });
});
