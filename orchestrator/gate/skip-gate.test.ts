import { describe, expect, it } from 'vitest';
import { decideSkip, preCheckDecision } from './stages.ts';

describe('skip-gate', () => {
  it('skips text that is empty after normalization', () => {
    expect(preCheckDecision('\u200b\u200d \ufeff')).toEqual({ skip: true, reason: 'empty' });
  });
  it('skips trivial text with fewer letters than the threshold', () => {
    expect(preCheckDecision('42!')).toEqual({ skip: true, reason: 'trivial' });
    expect(preCheckDecision('ok', { minLetters: 3 })).toEqual({ skip: true, reason: 'trivial' });
    expect(preCheckDecision('ok', { minLetters: 2 })).toBeUndefined();
  });
  it('orders the stages cheapest first: trivial, then cache, then the cleaner checker', () => {
    expect(decideSkip('1', { cacheHit: true, verdict: 'already_clean' })).toMatchObject({ reason: 'trivial' });
    expect(decideSkip('Hello there', { cacheHit: true, verdict: 'already_clean' })).toMatchObject({
      reason: 'cache_hit',
    });
    expect(decideSkip('Hello there', { cacheHit: false, verdict: 'already_clean' })).toMatchObject({
      reason: 'already_clean',
    });
  });
  it("honours the cleaner's verdict", () => {
    expect(decideSkip('Guten Tag', { verdict: 'unsupported_language' })).toEqual({
      skip: true,
      reason: 'unsupported_language',
    });
    expect(decideSkip('Fine text.', { verdict: 'already_clean' })).toEqual({ skip: true, reason: 'already_clean' });
    expect(decideSkip('Bad txet.', { verdict: null })).toEqual({ skip: false, reason: 'needs_model' });
    expect(decideSkip('Bad txet.', {})).toEqual({ skip: false, reason: 'needs_model' });
  });
});
