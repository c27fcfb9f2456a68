import { describe, expect, it } from 'vitest';
import { spellDictionary } from '../lexicon/dictionary.ts';
import { assessSuspicion, PARSER_PROFILE, type SignalName } from './suspicion.ts';

const dictionary = spellDictionary();
const signals = (text: string): SignalName[] => assessSuspicion(text, dictionary).findings.map((f) => f.signal);

// Each pattern on a sentence with the error it exists for, and on a correct sentence close to it.
const PAIRS: [SignalName, string, string][] = [
  [
    'uncountable_plural',
    'She gave me many useful advices about the trip.',
    'She gave me a lot of useful advice about the trip.',
  ],
  ['uncountable_plural', 'There are somethings we cannot change.', 'There are some things we cannot change.'],
  ['quantifier', 'The forest gives much timber to the mills.', 'The forest does not give much timber to the mills.'],
  ['quantifier', 'They spend much money on clothes.', 'They spend so much money on clothes.'],
  [
    'verb_pattern',
    'The new law allows to build houses near the river.',
    'The new law allows us to build houses near the river.',
  ],
  [
    'verb_pattern',
    'Good teachers make students to think for themselves.',
    'Good teachers make students think for themselves.',
  ],
  ['verb_form', 'The price of food will be increase next year.', 'The price of food will be higher next year.'],
  [
    'collocation',
    'Comparing with my parents, I have more free time.',
    'Compared with my parents, I have more free time.',
  ],
  [
    'word_order',
    'You should finish it no matter how the task is hard.',
    'You should finish it no matter how hard the task is.',
  ],
  ['word_order', 'The city also should build more parks.', 'The city should also build more parks.'],
  ['final_punctuation', "It is a nice day, isn't it.", "It is a nice day, isn't it?"],
  ['tense', 'Two years ago my brother lives in a small village.', 'Two years ago my brother lived in a small village.'],
];

describe('learner patterns a grammar accepts', () => {
  it.each(PAIRS)('%s fires on %j and not on %j', (signal, flawed, correct) => {
    expect(signals(flawed)).toContain(signal);
    expect(assessSuspicion(flawed, dictionary, {}, PARSER_PROFILE).needsCleaning).toBe(true);
    expect(signals(correct)).not.toContain(signal);
  });

  it('points at the words of the pattern', () => {
    const text = 'The forest gives much timber to the mills.';
    const finding = assessSuspicion(text, dictionary).findings.find((f) => f.signal === 'quantifier');
    expect(text.slice(finding!.start, finding!.end)).toBe('much timber');
  });
});
