import { describe, expect, it } from 'vitest';
import { decideSkip, openSkipGate } from './run.ts';
import { DEFAULT_SKIP_GATE_CONFIG } from './stages.ts';

/** The stages that need no signal: a decision only when one of them skips. */
const localDecision = (text: string, minLetters = DEFAULT_SKIP_GATE_CONFIG.minLetters) =>
  openSkipGate(text, { ...DEFAULT_SKIP_GATE_CONFIG, minLetters }).advance();

describe('skip-gate', () => {
  it('skips text that is empty after normalization', () => {
    expect(localDecision('\u200b\u200d \ufeff')).toEqual({ skip: true, reason: 'empty' });
  });
  it('skips trivial text with fewer letters than the threshold', () => {
    expect(localDecision('42!')).toEqual({ skip: true, reason: 'trivial' });
    expect(localDecision('ok', 3)).toEqual({ skip: true, reason: 'trivial' });
    expect(localDecision('ok', 2)).toBeUndefined();
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

describe('the skip-gate runner', () => {
  it('asks for each signal only when its stage is reached, and records the decision once', () => {
    const recorded: string[] = [];
    const asked: string[] = [];
    const probes = {
      cacheHit: () => {
        asked.push('cacheHit');
        return false;
      },
      verdict: () => {
        asked.push('verdict');
        return 'already_clean' as const;
      },
    };
    const trivial = openSkipGate('42', DEFAULT_SKIP_GATE_CONFIG, (decision) => recorded.push(decision.reason));
    expect(trivial.advance(probes)).toEqual({ skip: true, reason: 'trivial' });
    expect(trivial.finish(probes)).toEqual({ skip: true, reason: 'trivial' });
    expect(asked).toEqual([]);
    expect(recorded).toEqual(['trivial']);

    const gate = openSkipGate('Fine text.', DEFAULT_SKIP_GATE_CONFIG, (decision) => recorded.push(decision.reason));
    expect(gate.advance({ cacheHit: probes.cacheHit })).toBeUndefined();
    expect(recorded).toEqual(['trivial']);
    expect(gate.finish(probes)).toEqual({ skip: true, reason: 'already_clean' });
    expect(asked).toEqual(['cacheHit', 'verdict']);
    expect(recorded).toEqual(['trivial', 'already_clean']);
  });

  it("lets the cheap checker's 'already clean' skip only when its stage is on", () => {
    const off = { ...DEFAULT_SKIP_GATE_CONFIG, cheapChecker: false };
    expect(decideSkip('Fine text.', { verdict: 'already_clean' }, off)).toEqual({ skip: false, reason: 'needs_model' });
    expect(decideSkip('Guten Tag', { verdict: 'unsupported_language' }, off)).toEqual({
      skip: true,
      reason: 'unsupported_language',
    });
  });
});
