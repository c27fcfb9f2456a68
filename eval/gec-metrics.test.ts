import { describe, expect, it } from 'vitest';
import {
  isExactMatch,
  isOverCorrection,
  lengthRatio,
  verbosityReason,
  wordEditDistance,
  words,
} from './gec-metrics.ts';

describe('word edit distance', () => {
  it('counts word insertions, deletions and substitutions', () => {
    expect(wordEditDistance(words('a b c'), words('a b c'))).toBe(0);
    expect(wordEditDistance(words('she go to school'), words('she goes to school'))).toBe(1);
    expect(wordEditDistance(words('a b c'), words('a c'))).toBe(1);
    expect(wordEditDistance(words('a b'), words('x a b y'))).toBe(2);
    expect(wordEditDistance([], words('a b c'))).toBe(3);
    expect(wordEditDistance(words('a b c d'), words('d c b a'))).toBe(4);
  });
});

describe('exact match', () => {
  it('matches any reference, ignoring spacing differences only', () => {
    const refs = ['She goes to school .', 'She attends school .'];
    expect(isExactMatch('She attends  school .', refs)).toBe(true);
    expect(isExactMatch('she goes to school .', refs)).toBe(false);
    expect(isExactMatch('She goes to school', refs)).toBe(false);
  });
});

describe('over-correction', () => {
  const source = 'He go to the shop yesterday .';
  // ref0 changes 1 word, ref1 changes 2: the bound is 2 + margin 2 = 4 word edits.
  const refs = ['He went to the shop yesterday .', 'He went to the store yesterday .'];

  it('allows up to the largest reference edit distance plus the margin', () => {
    expect(isOverCorrection(source, 'He went to the shop yesterday .', refs)).toBe(false);
    // 4 edits: went, a, small, store (for "the shop") -> within the bound
    expect(isOverCorrection(source, 'He went to a small store yesterday .', refs)).toBe(false);
  });

  it('flags outputs that rewrite more than the margin beyond every reference', () => {
    // 5 edits
    expect(isOverCorrection(source, 'Yesterday he walked to a small store .', refs)).toBe(true);
    expect(isOverCorrection(source, 'He went to the shop yesterday .', refs, 0)).toBe(false);
    expect(isOverCorrection(source, 'He went to the store yesterday .', ['He went to the shop yesterday .'], 0)).toBe(
      true,
    );
  });
});

describe('verbosity', () => {
  const refs = ['She goes to school .', 'She goes to her school .'];
  const src = 'She go to school.';

  it('flags preambles the source does not have', () => {
    expect(
      verbosityReason(
        'The corrected sentence is: She goes to school.',
        src,
        'The corrected sentence is : She goes to school .',
        refs,
      ),
    ).toBe('preamble');
    expect(verbosityReason('Here is the corrected text: She goes to school.', src, 'x', refs)).toBe('preamble');
    expect(verbosityReason('Sure! She goes to school.', src, 'x', refs)).toBe('preamble');
    expect(
      verbosityReason('Here is my house.', 'Here is my house.', 'Here is my house .', ['Here is my house .']),
    ).toBeNull();
  });

  it('flags explanations', () => {
    expect(verbosityReason('She goes to school.\n\nI changed "go" to "goes".', src, 'She goes to school .', refs)).toBe(
      'explanation',
    );
    expect(verbosityReason('She goes to school. (Note: subject-verb agreement.)', src, 'She goes', refs)).toBe(
      'explanation',
    );
  });

  it('flags outputs longer than 1.5x the longest reference', () => {
    // longest reference: 6 tokens -> more than 9 tokens is too long
    expect(verbosityReason('', src, 'a b c d e f g h i', refs)).toBeNull();
    expect(verbosityReason('', src, 'a b c d e f g h i j', refs)).toBe('too_long');
  });

  it('passes a plain correction', () => {
    expect(verbosityReason('She goes to school.', src, 'She goes to school .', refs)).toBeNull();
  });
});

describe('length ratio', () => {
  it('divides output tokens by the mean reference length', () => {
    expect(lengthRatio('a b c d e f', ['a b c d', 'a b c d e f g h'])).toBe(1);
    expect(lengthRatio('a b c', ['a b c d e f'])).toBe(0.5);
    expect(lengthRatio('a b', [''])).toBe(2);
  });
});
