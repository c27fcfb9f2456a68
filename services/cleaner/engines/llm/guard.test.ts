import { describe, expect, it } from 'vitest';
import { guardOutput, wordEditRatio } from './guard.ts';

const INPUT = 'She go to school every day.';
const FIXED = 'She goes to school every day.';

describe('guardOutput strips chatter the input does not contain', () => {
  const accepted: Array<[string, string, string[]]> = [
    [FIXED, FIXED, []],
    [`  ${FIXED}\n`, FIXED, []],
    [`The corrected sentence is: ${FIXED}`, FIXED, ['preamble_stripped']],
    [`Here is the corrected text:\n${FIXED}`, FIXED, ['preamble_stripped']],
    [`Here's the corrected version: ${FIXED}`, FIXED, ['preamble_stripped']],
    [`Corrected: ${FIXED}`, FIXED, ['preamble_stripped']],
    [`Sure! Here is the corrected text: ${FIXED}`, FIXED, ['preamble_stripped']],
    [`Certainly.\n\n${FIXED}`, FIXED, ['preamble_stripped']],
    [`"${FIXED}"`, FIXED, ['quotes_stripped']],
    [`\u201c${FIXED}\u201d`, FIXED, ['quotes_stripped']],
    [`'${FIXED}'`, FIXED, ['quotes_stripped']],
    [`\`\`\`\n${FIXED}\n\`\`\``, FIXED, ['code_fence_stripped']],
    [`\`\`\`text\n${FIXED}\n\`\`\``, FIXED, ['code_fence_stripped']],
    [`${FIXED}\n\nExplanation: "go" must agree with "she".`, FIXED, ['explanation_stripped']],
    [`${FIXED}\nNote: subject-verb agreement.`, FIXED, ['explanation_stripped']],
    [`${FIXED} (I changed "go" to "goes".)`, FIXED, ['explanation_stripped']],
    [`${FIXED}\nI changed the verb.`, FIXED, ['explanation_stripped']],
    [
      `Sure!\n\`\`\`\n${FIXED}\n\`\`\`\nExplanation: agreement.`,
      FIXED,
      ['preamble_stripped', 'explanation_stripped', 'code_fence_stripped'],
    ],
    [
      `Here is the corrected sentence:\n\n"${FIXED}"\n\nI fixed the verb.`,
      FIXED,
      ['preamble_stripped', 'explanation_stripped', 'quotes_stripped'],
    ],
  ];
  it.each(accepted)('%j -> the correction', (raw, text, notes) => {
    const decision = guardOutput(INPUT, raw);
    expect(decision).toMatchObject({ accepted: true, text });
    expect([...decision.notes].sort()).toEqual([...notes].sort());
  });

  it('keeps what the input itself says', () => {
    expect(guardOutput('Sure thing, I will go.', 'Sure thing, I will go!')).toMatchObject({
      accepted: true,
      text: 'Sure thing, I will go!',
    });
    expect(guardOutput('Sure, I will come tomorow.', 'Sure, I will come tomorrow.')).toMatchObject({
      accepted: true,
      text: 'Sure, I will come tomorrow.',
      notes: [],
    });
    expect(guardOutput('"Hello," she sayed.', '"Hello," she said.')).toMatchObject({
      accepted: true,
      text: '"Hello," she said.',
    });
    expect(guardOutput('"Stop it", he shout.', '"Stop it", he shouted.')).toMatchObject({
      accepted: true,
      text: '"Stop it", he shouted.',
    });
    expect(guardOutput('Line one is fine\nline two is fien', 'Line one is fine\nline two is fine')).toMatchObject({
      accepted: true,
      text: 'Line one is fine\nline two is fine',
    });
    expect(guardOutput('It works (mostly) good', 'It works (mostly) well')).toMatchObject({
      accepted: true,
      text: 'It works (mostly) well',
    });
  });

  it('puts back the whitespace around the input', () => {
    expect(guardOutput('  teh cat sat.\n', 'The cat sat.')).toMatchObject({ accepted: true, text: '  The cat sat.\n' });
  });
});

describe('guardOutput refuses', () => {
  const refused: Array<[string, string, string]> = [
    [INPUT, '', 'empty_output'],
    [INPUT, '   \n ', 'empty_output'],
    [INPUT, '""', 'empty_output'],
    [INPUT, 'Corrected:', 'empty_output'],
    [INPUT, 'The weather in Paris is lovely in spring.', 'edit_ratio 1.33 > 0.5'],
    [INPUT, 'ĠthĠ ,, zq ## <| tok tok tok tok', 'edit_ratio'],
    ['I has a apple.', 'I would like to buy an apple pie today.', 'edit_ratio'],
  ];
  it.each(refused)('%j / %j -> %s', (input, raw, reason) => {
    const decision = guardOutput(input, raw);
    expect(decision.accepted).toBe(false);
    expect(decision.accepted ? '' : decision.reason).toContain(reason);
  });

  it('applies the configured bound', () => {
    const output = 'She goes to the school every single day.';
    const ratio = wordEditRatio(INPUT, output);
    expect(ratio).toBeCloseTo(3 / 6);
    expect(guardOutput(INPUT, output, { maxEditRatio: 0.5 }).accepted).toBe(true);
    expect(guardOutput(INPUT, output, { maxEditRatio: 0.4 })).toMatchObject({
      accepted: false,
      reason: 'edit_ratio 0.50 > 0.4',
    });
  });
});

describe('guardOutput for a paraphrase (no edit-ratio limit)', () => {
  const paraphrase = { maxEditRatio: Number.POSITIVE_INFINITY };
  it.each([
    'Paraphrase: The gathering moved to Friday.',
    'Here is a paraphrase: The gathering moved to Friday.',
    'Rephrased text: The gathering moved to Friday.',
    'Sure! "The gathering moved to Friday."',
  ])('strips the chatter of %j and keeps a full rewording', (output) => {
    expect(guardOutput('The meeting was moved to Friday.', output, paraphrase)).toMatchObject({
      accepted: true,
      text: 'The gathering moved to Friday.',
    });
  });

  it('still refuses an empty answer', () => {
    expect(guardOutput('The meeting was moved.', 'Paraphrase:', paraphrase)).toMatchObject({
      accepted: false,
      reason: 'empty_output',
    });
  });
});

describe('wordEditRatio', () => {
  it.each([
    ['a b c d', 'a b c d', 0],
    ['a b c d', 'a x c d', 0.25],
    ['a b c d', 'a c d', 0.25],
    ['a b c d', 'a b b2 c d', 0.25],
    ['a b c d', 'w x y z', 1],
    ['a b', 'w x y z', 2],
    ['', 'x', 1],
  ])('%j vs %j = %d', (input, output, ratio) => {
    expect(wordEditRatio(input, output)).toBeCloseTo(ratio);
  });
});
