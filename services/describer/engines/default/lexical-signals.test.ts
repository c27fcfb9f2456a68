import { describe, expect, it } from 'vitest';
import { detectTopics, extractKeywords } from './keywords.ts';
import { countSyllables, readability } from './readability.ts';
import { analyze } from './analyze-for-tests.ts';
import { segmentWords } from './segmentation.ts';

function scores(text: string): Record<string, number> {
  return Object.fromEntries(Object.entries(analyze(text).traits).map(([name, t]) => [name, t.score]));
}

describe('style traits from lexical signals', () => {
  it('tells a polite, formal request from a rude, urgent one', () => {
    const polite = scores('Dear Ms. Lee, could you please send the report? Thank you kindly. Regards, Tom');
    const rude = scores('This is RIDICULOUS and useless!! Fix it NOW, asap, immediately!!! Terrible service.');
    expect(polite.politeness).toBe(5);
    expect(rude.politeness).toBe(1);
    expect(polite.urgency).toBe(1);
    expect(rude.urgency).toBe(4);
    expect(polite.formality).toBeGreaterThan(rude.formality!);
    expect(polite.sentiment).toBeGreaterThanOrEqual(3);
    expect(rude.sentiment).toBeLessThan(3);
  });

  // Each style trait on a text with its markers and on one without any: a plain statement scores the
  // middle of the scale and its explanation says nothing was found.
  it.each<[string, string, number, string, number]>([
    ['politeness', 'Could you please check it? Thank you.', 5, 'polite markers: "could you", "please"', 3],
    ['politeness', 'This is useless, stupid service.', 1, 'rude markers: "useless", "stupid"', 3],
    ['formality', 'Dear Sir, please find the invoice attached. Regards, Tom', 5, 'formal markers: "dear"', 3],
    ['formality', "hey, I'm gonna be late lol", 1, 'informal markers: "hey"', 3],
  ])('%s: "%s" scores %i', (name, text, score, evidence, plainScore) => {
    const trait = analyze(text).traits[name as 'politeness' | 'formality'];
    expect(trait.score).toBe(score);
    expect(trait.explanation).toContain(evidence);
    const plain = analyze('The parcel came on Monday.').traits[name as 'politeness' | 'formality'];
    expect(plain.score).toBe(plainScore);
    expect(plain.explanation).toMatch(
      name === 'politeness' ? /^no polite markers; no rude markers/ : /^no formal markers; no informal markers$/,
    );
  });

  it('matches whole words unless a prefix is meant', () => {
    expect(analyze('Hello there, shell script.').traits.politeness.explanation).toContain('no rude markers');
    expect(analyze('I apologise for the delay.').traits.politeness.explanation).toContain('"apologise"');
  });

  it('scores clarity from sentence length', () => {
    expect(scores('Short one. Another short one.').clarity).toBe(5);
    const long = `This sentence ${'keeps going and going '.repeat(12)}without a stop.`;
    expect(scores(long).clarity).toBe(1);
  });
});

describe('keywords and topics', () => {
  it('ranks content words by frequency, ties in order of first use', () => {
    const words = segmentWords('The invoice and the refund. Refund the invoice twice, refund now. Delivery late.');
    expect(extractKeywords(words, 'en')).toEqual(['refund', 'invoice', 'twice', 'delivery', 'late']);
  });

  it('maps keywords to topics, most evidence first, ties in table order, English only', () => {
    expect(detectTopics('My password reset fails; I cannot log in to my account. Also a refund please.', 'en')).toEqual(
      ['account access', 'billing', 'technical issue'],
    );
    expect(detectTopics('Mein Passwort geht nicht.', 'de')).toEqual([]);
  });
});

describe('readability', () => {
  it('estimates syllables', () => {
    expect(['cat', 'make', 'table', 'banana', 'readability', 'named'].map(countSyllables)).toEqual([1, 1, 2, 3, 5, 1]);
  });

  it('scores simple text as easier than dense text', () => {
    const easy = readability(segmentWords('The cat sat on the mat. It was fun.'), 2);
    const hard = readability(
      segmentWords('Institutional considerations necessitate comprehensive organizational restructuring.'),
      1,
    );
    expect(easy.flesch_reading_ease).toBeGreaterThan(90);
    expect(hard.flesch_reading_ease).toBeLessThan(0);
    expect(hard.flesch_kincaid_grade).toBeGreaterThan(easy.flesch_kincaid_grade);
    expect(readability([], 0)).toEqual({ flesch_reading_ease: 0, flesch_kincaid_grade: 0 });
  });
});
