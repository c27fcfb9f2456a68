// The language-model pass family by family, both ways: sentences it must fix and correct sentences
// close to them it must leave alone, through the whole engine with the real trigram model (Debian:
// libsphinxbase3 + pocketsphinx-en-us). Without the model these are skipped with the reason, and the
// engine without a model must not make these edits at all. Sentences written for this project.
import { describe, expect, it } from 'vitest';
import { optionalPart } from '../../../../../test/support/optional.ts';
import { createDefaultCleanerEngine } from '../index.ts';
import { LM_FAMILIES } from './lm-families.ts';

const FIXES: [rule: string, input: string, expected: string][] = [
  ['lm.preposition', 'We are interested on science.', 'We are interested in science.'],
  ['lm.preposition', 'It depends of the weather.', 'It depends on the weather.'],
  ['lm.preposition', 'I am afraid from dogs.', 'I am afraid of dogs.'],
  ['lm.determiner', 'I spent too many time on it.', 'I spent too much time on it.'],
  ['lm.determiner', 'It is harmful for many others animals.', 'It is harmful for many other animals.'],
  ['lm.noun_number', 'He wants to become an experts in law.', 'He wants to become an expert in law.'],
  ['lm.noun_number', 'Every few year the town grows.', 'Every few years the town grows.'],
  ['lm.noun_number', 'Recently scientist have found water.', 'Recently scientists have found water.'],
  ['lm.s_form', 'Most people likes music.', 'Most people like music.'],
  ['lm.s_form', "She doesn't likes coffee.", "She doesn't like coffee."],
  ['lm.s_form', 'Both of my parent are teachers.', 'Both of my parents are teachers.'],
  ['lm.verb_after_to', 'We have to reduced the cost.', 'We have to reduce the cost.'],
  ['lm.verb_after_to', 'It is too expensive to spent money on it.', 'It is too expensive to spend money on it.'],
  ['lm.verb_participle', 'The house was build in 1990.', 'The house was built in 1990.'],
  ['lm.verb_participle', 'It was write by a famous author.', 'It was written by a famous author.'],
];

const LEAVE = [
  'She is good at math.',
  'It depends on the weather.',
  'We were interested in science.',
  'She is an expert in law.',
  'I spent too much time on it.',
  'We need these tools to work.',
  'The other one is mine.',
  'She has little money.',
  'He gave me an other chance.',
  // a singular noun cannot stand bare, so no determiner, no singular
  'I met interesting persons there.',
  'The students want to learn.',
  'My father works in a bank.',
  'The letter was written by a famous author.',
  'I look forward to seeing you.',
  'We went to places we knew.',
  'The work is done by the workers.',
  // quoted text and names are never touched
  'Anna said "It depends of the weather" to us.',
  'Most Parisians likes music.',
];

const sphinxbase = await optionalPart('sphinxbase');

describe('the language-model pass', sphinxbase.options, () => {
  const engine = createDefaultCleanerEngine();

  it('has a row for every rule the tests name, and every row is tested', () => {
    const rules = LM_FAMILIES.map((family) => family.rule).sort();
    expect([...new Set(FIXES.map(([rule]) => rule))].sort()).toEqual(rules);
  });

  it.each(FIXES)('%s: fixes %j', async (rule, input, expected) => {
    const { cleanedText, edits } = await engine.clean(input);
    expect(cleanedText).toBe(expected);
    expect(edits.map((edit) => edit.rule)).toEqual([rule]);
  });

  it('fixes each sentence of a longer text on its own', async () => {
    const text = FIXES.map(([, input]) => input).join(' ');
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(FIXES.map(([, , expected]) => expected).join(' '));
    expect(edits.map((edit) => edit.rule)).toEqual(FIXES.map(([rule]) => rule));
  });

  it('reads a text that ends on a protected token', async () => {
    const { cleanedText } = await engine.clean('It depends of the weather, see https://example.org');
    expect(cleanedText).toBe('It depends on the weather, see https://example.org');
  });

  it.each(LEAVE)('leaves %j unchanged', async (text) => {
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(text);
    expect(edits).toEqual([]);
  });
});

describe('the language-model pass without the model', () => {
  const engine = createDefaultCleanerEngine({ languageModel: null });

  it.each(FIXES)('%s: leaves %j to the other fixers', async (_rule, input) => {
    const { edits } = await engine.clean(input);
    expect(edits.filter((edit) => edit.rule?.startsWith('lm.'))).toEqual([]);
  });
});
