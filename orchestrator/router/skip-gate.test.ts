import { describe, expect, it } from 'vitest';
import { decideSkip, preCheckDecision } from './skip-gate.ts';

const supported = { language: 'en', languageSupported: true, needsCleaning: true };

describe('skip-gate', () => {
  it('skips text that is empty after normalization', () => {
    expect(preCheckDecision('\u200b\u200d \ufeff')).toEqual({ skip: true, reason: 'empty' });
  });
  it('skips trivial text with fewer letters than the threshold', () => {
    expect(preCheckDecision('42!')).toEqual({ skip: true, reason: 'trivial' });
    expect(preCheckDecision('ok', { minLetters: 3 })).toEqual({ skip: true, reason: 'trivial' });
    expect(preCheckDecision('ok', { minLetters: 2 })).toBeUndefined();
  });
  it('orders the stages cheapest first: trivial before cache before the checker', () => {
    expect(decideSkip('1', { cacheHit: true, check: supported })).toMatchObject({ reason: 'trivial' });
    expect(decideSkip('Hello there', { cacheHit: true, check: supported })).toMatchObject({ reason: 'cache_hit' });
  });
  it('skips an identified unsupported language but not an undetermined one', () => {
    expect(decideSkip('Guten Tag', { check: { language: 'de', languageSupported: false, needsCleaning: false } })).toEqual({ skip: true, reason: 'unsupported_language' });
    expect(decideSkip('I has', { check: { language: 'und', languageSupported: false, needsCleaning: true } })).toEqual({ skip: false, reason: 'needs_model' });
  });
  it('skips text the checker finds clean and sends the rest to the model', () => {
    expect(decideSkip('Fine text.', { check: { ...supported, needsCleaning: false } })).toEqual({ skip: true, reason: 'already_clean' });
    expect(decideSkip('Bad txet.', { check: supported })).toEqual({ skip: false, reason: 'needs_model' });
  });
});
