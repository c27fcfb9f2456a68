import { describe, expect, it } from 'vitest';
import { analyze } from './analyze-for-tests.ts';

function trait(text: string, name: 'sentiment' | 'urgency' = 'sentiment'): { score: number; explanation: string } {
  return analyze(text).traits[name];
}

describe('sentiment from VADER', () => {
  it.each([
    ['positive', 'Thank you so much, the new kettle works perfectly and the driver was lovely!', 5],
    ['negative', 'Terrible headphones. The left side stopped working and the seller ignored me.', 1],
    ['neutral', 'Please update the delivery address for order 90013 to Elm Street.', 3],
  ])('scores a %s text and names the words', (_tone, text, score) => {
    expect(trait(text, 'sentiment').score).toBe(score);
  });

  it('names the words that moved the score, negation included', () => {
    const { explanation } = trait('The update is not good. The delivery was not bad either.');
    expect(explanation).toContain('positive words: "not bad"');
    expect(explanation).toContain('negative words: "not good"');
  });

  it('keeps a negation inside its sentence', () => {
    const { explanation } = trait('The return label does not work. Very annoying.');
    expect(explanation).toContain('"annoying"');
    expect(explanation).not.toContain('not work very annoying');
  });

  it('reads complaints told as facts, and no tone into names or request formulas', () => {
    expect(trait('My parcel never arrived and I am still waiting.', 'sentiment').explanation).toContain(
      '"never arrived"',
    );
    const request = trait('Please send it to Best Buy in Amazon Street, I would like it there.', 'sentiment');
    expect(request).toEqual({ score: 3, explanation: 'VADER compound 0.00; no positive words; no negative words' });
  });
});

describe('urgency cues', () => {
  it('is low without deadline, urgency words or threats, and says so', () => {
    expect(trait('Could you send me the invoice for February?', 'urgency')).toEqual({
      score: 1,
      explanation: 'no deadline; no urgency words; no threats',
    });
  });

  it('rises with a near deadline, urgency words, a threat and shouting, quoting each', () => {
    const { score, explanation } = trait(
      'Refund me by Friday, immediately, or I will dispute the charge!! This is UNACCEPTABLE and ABSURD.',
      'urgency',
    );
    expect(score).toBe(5);
    expect(explanation).toBe(
      'deadline: "Friday" (2025-03-21); urgency words: "immediately"; threats: "dispute the charge"; 2 exclamation marks; 2 all-caps words',
    );
  });

  it('counts a far deadline less than a near one', () => {
    expect(trait('Please fix it by December 20.', 'urgency').score).toBe(2);
    expect(trait('Please fix it by tomorrow.', 'urgency').score).toBe(3);
  });
});
