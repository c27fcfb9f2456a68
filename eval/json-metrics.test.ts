import { describe, expect, it } from 'vitest';
import { expectedFields, scoreFields, summarizeFields } from './json-metrics.ts';

describe('expected fields', () => {
  it('names every leaf of the expected document by its dotted path and kind', () => {
    expect(
      expectedFields({ decision: 'approve', escalation_required: false, clarity: { score: 4 }, tags: ['a'] }),
    ).toEqual([
      { name: 'decision', path: ['decision'], kind: 'exact', value: 'approve' },
      { name: 'escalation_required', path: ['escalation_required'], kind: 'boolean', value: false },
      { name: 'clarity.score', path: ['clarity', 'score'], kind: 'numeric', value: 4 },
      { name: 'tags', path: ['tags'], kind: 'exact', value: ['a'] },
    ]);
  });
});

describe('field scores', () => {
  it('computes exact and boolean accuracy, missing fields counting as wrong', () => {
    const scores = scoreFields([
      {
        expected: { decision: 'approve', escalation_required: false },
        document: { decision: 'approve', escalation_required: false },
      },
      {
        expected: { decision: 'deny', escalation_required: false },
        document: { decision: 'approve', escalation_required: true },
      },
      { expected: { decision: 'escalate', escalation_required: true }, document: { decision: 'escalate' } },
      { expected: { decision: 'deny', escalation_required: true }, document: undefined },
    ]);
    expect(scores.decision).toEqual({ kind: 'exact', accuracy: 0.5, missingRate: 0.25 });
    expect(scores.escalation_required).toEqual({ kind: 'boolean', accuracy: 0.25, missingRate: 0.5 });
  });

  it('computes MSE over the numeric values present', () => {
    const scores = scoreFields([
      { expected: { clarity: { score: 4 } }, document: { clarity: { score: 4 } } }, // error 0
      { expected: { clarity: { score: 2 } }, document: { clarity: { score: 5 } } }, // error 9
      { expected: { clarity: { score: 5 } }, document: { clarity: { score: 2 } } }, // error 9
      { expected: { clarity: { score: 3 } }, document: { clarity: { score: 'high' } } }, // not a number
      { expected: { clarity: { score: 1 } }, document: { clarity: {} } }, // missing
    ]);
    expect(scores['clarity.score']).toEqual({ kind: 'numeric', accuracy: 0.2, missingRate: 0.4, mse: 6 });
  });

  it('summarizes accuracy and MSE across fields, omitting kinds that are absent', () => {
    const summary = summarizeFields({
      a: { kind: 'exact', accuracy: 1, missingRate: 0 },
      b: { kind: 'exact', accuracy: 0.5, missingRate: 0 },
      c: { kind: 'numeric', accuracy: 0, missingRate: 0, mse: 2 },
      d: { kind: 'numeric', accuracy: 0, missingRate: 0, mse: 4 },
    });
    expect(summary).toEqual({ exactAccuracyMean: 0.75, mseMean: 3 });
  });
});
