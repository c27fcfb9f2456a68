import { describe, expect, it } from 'vitest';
import { MprError } from '../lib/errors.ts';
import { parseAnnotatedLine } from './build-reading-set.ts';
import { parseAnnotations, scoreReading } from './reading-metrics.ts';

describe('reading set', () => {
  it('counts offsets from the markup', () => {
    const item = parseAnnotatedLine('negative\tOrder [48213]{identifier} from [Acme]{organization} is late.', 'x:1');
    expect(item.input).toBe('Order 48213 from Acme is late.');
    expect(item.annotations).toEqual({
      tone: 'negative',
      entities: [
        { type: 'identifier', text: '48213', start: 6, end: 11 },
        { type: 'organization', text: 'Acme', start: 17, end: 21 },
      ],
    });
    expect(() => parseAnnotatedLine('angry\tText', 'x:2')).toThrow(/x:2/);
  });

  it('refuses malformed annotations with invalid_argument', () => {
    expect(() => parseAnnotations({ entities: [{ type: 'date', start: 5, end: 2 }] }, 'f:3')).toThrow(MprError);
    expect(() => parseAnnotations({ tone: 'angry' }, 'f:3')).toThrow(/tone must be one of/);
  });
});

describe('scoreReading', () => {
  const annotations = {
    entities: [
      { type: 'person', start: 0, end: 4 },
      { type: 'date', start: 10, end: 16 },
    ],
    tone: 'negative' as const,
  };

  it('scores entities by exact type and span, per type and over all', () => {
    const document = {
      entities: [
        { type: 'person', start: 0, end: 4 },
        { type: 'date', start: 10, end: 15 },
        { type: 'place', start: 20, end: 25 },
      ],
    };
    const { entities, toneAgreement } = scoreReading([{ annotations, document }]);
    expect(entities?.person).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(entities?.date).toMatchObject({ precision: 0, recall: 0, f1: 0, annotated: 1, found: 1 });
    expect(entities?.place).toMatchObject({ precision: 0, annotated: 0, found: 1 });
    expect(entities?.all).toMatchObject({ matched: 1, annotated: 2, found: 3 });
    expect(entities!.all!.f1).toBeCloseTo(0.4);
    expect(toneAgreement).toBeUndefined();
  });

  it('reads tone from the sentiment score, and leaves out what the task does not produce', () => {
    const pairs = [
      { annotations, document: { sentiment: { score: 2, explanation: '' } } },
      { annotations: { tone: 'positive' as const }, document: { sentiment: { score: 3, explanation: '' } } },
    ];
    expect(scoreReading(pairs)).toEqual({ toneAgreement: 0.5 });
  });
});
