import { describe, expect, it } from 'vitest';
import { spellDictionary } from '../lexicon/dictionary.ts';
import { assessSuspicion, type SignalName } from './suspicion.ts';

const dictionary = spellDictionary();
const signals = (text: string): SignalName[] => assessSuspicion(text, dictionary).findings.map((f) => f.signal);

// One sentence per signal, each with the error the signal exists for.
const FLAGGED: [SignalName, string][] = [
  ['unknown_word', 'We visited the musem yesterday.'],
  ['sentence_case', 'the weather was nice yesterday.'],
  ['final_punctuation', 'We must trust ourselves'],
  ['punctuation_spacing', 'I came home ,and slept.'],
  ['odd_capital', 'Likewise, The theory is wrong.'],
  ['lowercase_proper', 'She studies italian law.'],
  ['informal_word', 'I think u will agree with me.'],
  ['agreement', 'She always go to the market on Sunday.'],
  ['agreement', 'They has many friends in town.'],
  ['agreement', 'So the school try to teach everything.'],
  ['agreement', 'We need a person who are capable of it.'],
  ['number_agreement', 'He bought a new cars yesterday.'],
  ['number_agreement', 'There are many place to visit here.'],
  ['verb_form', 'So I think they did not developed sciences.'],
  ['verb_form', 'We will able to do it later.'],
  ['verb_form', 'They can not to do what they want.'],
  ['verb_form', 'The number of cars would be decide in the future.'],
  ['confusable', 'It is more important then money.'],
  ['confusable', 'It is fine when your in a group.'],
  ['confusable', 'Its rightly said that life is short.'],
  ['confusable', 'The advertisement looks to pretty.'],
  ['confusable', 'This had a great affect on him.'],
  ['double_determiner', 'I lost the my keys again.'],
  ['missing_article', 'Even though she does not have job, she is happy.'],
  ['collocation', 'We should discuss about this problem.'],
  ['comparative', 'Food chains become more stronger every year.'],
  ['intro_comma', 'However we went there anyway.'],
  ['clause_comma', 'If we have enough money we will travel around the world.'],
  [
    'run_on',
    'I think that the young people of today enjoy their life more than the older people because they have more time and more money to spend on things they like.',
  ],
];

// Well-formed sentences of the kinds learners write about, which must not be flagged.
const CLEAN = [
  'So I think we would not be alive if our ancestors did not develop sciences and technologies.',
  'The quick brown fox jumps over the lazy dog.',
  'She said that she would come to the party tomorrow.',
  'Many people believe that money is more important than health.',
  'However, he went to school by bus every day.',
  'It is true that consumers prefer to buy products with lower prices.',
  'They are going to be the next developed countries.',
  'Does it work on your computer?',
  'Marie Curie and Niels Bohr met in Brussels in 1911.',
  'Visit https://example.com/path?q=1 or write to jane.doe@example.org today.',
  "It's a good idea to travel with friends, but it's expensive.",
  'These students have their own opinions about the course.',
  'Students can focus on a few subjects they like.',
  'We repeat it every few years.',
  'It is much better to specialize in one specific subject than to study many.',
  'New roads that will reduce traffic are planned.',
];

describe('suspicion signals', () => {
  it.each(FLAGGED)('%s fires on %j', (signal, text) => {
    expect(signals(text)).toContain(signal);
    expect(assessSuspicion(text, dictionary).needsCleaning).toBe(true);
  });

  it.each(CLEAN)('stays quiet on %j', (text) => {
    expect(signals(text)).toEqual([]);
    expect(assessSuspicion(text, dictionary)).toMatchObject({ score: 0, needsCleaning: false });
  });

  it('weighs signals against a configurable threshold', () => {
    const text = 'Even though she does not have job, she is happy.';
    expect(assessSuspicion(text, dictionary)).toMatchObject({ score: 0.5, needsCleaning: true });
    expect(assessSuspicion(text, dictionary, { threshold: 1 }).needsCleaning).toBe(false);
    expect(assessSuspicion(text, dictionary, { threshold: 1, weights: { missing_article: 1 } }).needsCleaning).toBe(
      true,
    );
  });

  it('reports offsets into the text', () => {
    const text = 'We visited the musem yesterday.';
    const [finding] = assessSuspicion(text, dictionary).findings;
    expect(text.slice(finding!.start, finding!.end)).toBe('musem');
  });
});
