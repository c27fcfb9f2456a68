// Each rule family on both sides: sentences it must fix, and correct sentences close to them that it
// must leave alone. Sentences written for this project.
import { describe, expect, it } from 'vitest';
import { createDefaultCleanerEngine } from '../index.ts';

const engine = createDefaultCleanerEngine();

const FIXES: [family: string, input: string, expected: string][] = [
  ['spelling', 'Thoes apples are ripe.', 'Those apples are ripe.'],
  ['confusion', 'Their is a bakery near the station.', 'There is a bakery near the station.'],
  ['confusion', 'The kids visited there parents on Sunday.', 'The kids visited their parents on Sunday.'],
  ['confusion', 'Their going to the museum tomorrow.', "They're going to the museum tomorrow."],
  ['confusion', 'Its a long way to the coast.', "It's a long way to the coast."],
  ['confusion', "The company changed it's own rules.", 'The company changed its own rules.'],
  ['confusion', 'Your going to like this song.', "You're going to like this song."],
  ['confusion', 'My sister is taller then me.', 'My sister is taller than me.'],
  ['confusion', 'Since than we have met twice.', 'Since then we have met twice.'],
  ['confusion', 'She runs faster then me.', 'She runs faster than me.'],
  ['confusion', 'Its to late to call him.', "It's too late to call him."],
  ['confusion', 'I think its too cold outside.', "I think it's too cold outside."],
  ['confusion', 'This box is bigger then the other one.', 'This box is bigger than the other one.'],
  ['confusion', 'The coffee was to hot to drink.', 'The coffee was too hot to drink.'],
  ['confusion', 'We want too leave early.', 'We want to leave early.'],
  ['confusion', 'Do not loose your ticket.', 'Do not lose your ticket.'],
  ['confusion', 'The rain had a strong affect on the harvest.', 'The rain had a strong effect on the harvest.'],
  ['agreement', "He don't eat meat.", "He doesn't eat meat."],
  ['agreement', 'They was late for the bus.', 'They were late for the bus.'],
  ['agreement', 'I think we is ready.', 'I think we are ready.'],
  ['agreement', 'People is waiting outside.', 'People are waiting outside.'],
  ['agreement', 'My cousins has two dogs.', 'My cousins have two dogs.'],
  ['agreement', 'She go to work by train.', 'She goes to work by train.'],
  ['agreement', 'I has a question.', 'I have a question.'],
  ['agreement', 'My brother and my sister is at home.', 'My brother and my sister are at home.'],
  ['agreement', 'She and her friend has a car.', 'She and her friend have a car.'],
  ['agreement', 'He and I was ready.', 'He and I were ready.'],
  ['verb form', 'You can took the last seat.', 'You can take the last seat.'],
  ['verb form', 'She did not answered the phone.', 'She did not answer the phone.'],
  ['verb form', 'We hope to went there in June.', 'We hope to go there in June.'],
  ['verb form', 'He saved money for buy a bike.', 'He saved money to buy a bike.'],
  ['verb form', 'They have ate all the cake.', 'They have eaten all the cake.'],
  // "saw" is also the base of "to saw": the participle of the verb whose past it is
  ['verb form', 'I have never saw the sea.', 'I have never seen the sea.'],
  ['a/an', 'She ate a orange and an banana.', 'She ate an orange and a banana.'],
  ['doubled word', 'We went to the the beach.', 'We went to the beach.'],
  ['capitals', 'i like tea. it is warm.', 'I like tea. It is warm.'],
  ['phrases', 'As result, the road was closed.', 'As a result, the road was closed.'],
  ['phrases', 'She is one of best runners in town.', 'She is one of the best runners in town.'],
  ['phrases', 'This plan is more better.', 'This plan is better.'],
  ['phrases', 'You could of told me.', 'You could have told me.'],
  ['phrases', 'Despite of the cold, we swam.', 'Despite the cold, we swam.'],
  ['phrases', 'I am agree with you.', 'I agree with you.'],
  ['phrases', 'We are disagree about the plan.', 'We disagree about the plan.'],
  ['inflection', 'Every childs in the class goed home.', 'Every child in the class went home.'],
  ['inflection', 'The childs played outside.', 'The children played outside.'],
  ['punctuation', 'However we stayed at home.', 'However, we stayed at home.'],
  ['punctuation', 'In my opinion the park is too small.', 'In my opinion, the park is too small.'],
  ['punctuation', 'We walked to the river after lunch', 'We walked to the river after lunch.'],
  ['capitals', 'She teaches english on monday.', 'She teaches English on Monday.'],
  ['number', 'There are many way to get there.', 'There are many ways to get there.'],
  ['number', 'I have two brother and a sister.', 'I have two brothers and a sister.'],
  ['number', 'The trip takes three hour.', 'The trip takes three hours.'],
  ['number', 'There is many reasons to stay.', 'There are many reasons to stay.'],
  ['number', 'There was several options on the menu.', 'There were several options on the menu.'],
];

const LEAVE = [
  'The town lost its train station and its bus line.',
  'The dog wagged its tail too.',
  'My friend and colleague is here.',
  'Bread and butter is my breakfast.',
  'I met my brother and my sister is here too.',
  'One of the cat and the dog is asleep.',
  'We ate dinner and then we talked.',
  'First the teacher spoke, then me.',
  'We agreed to meet later, and then we left.',
  'I agree with you, and they agree too.',
  'Every child in the class went home.',
  'There is a bakery near their house.',
  'Over there children play football.',
  'They are going there tomorrow; their car is ready.',
  "It's clear that the dog wants its dinner.",
  'Its importance is clear to everyone.',
  "You're welcome to bring your own chair.",
  'Your right hand is stronger.',
  'We ate first and then we talked.',
  'She is older, and then she moved away.',
  'The bag is too heavy to carry.',
  'We went to the market to buy food.',
  'The knot came loose in the wind.',
  'If the boss fires you you will find another job.',
  'Of course he knows the way.',
  'I can not find my keys anywhere.',
  'Many car owners drive too fast.',
  'These kind of shoes are comfortable.',
  'Those are my keys.',
  'There is a few left in the box.',
  'Many left before the end.',
  'There is more to say about it.',
  'Both cook and clean on weekends.',
  'We waited for two hundred years.',
  'These evidence files are sealed.',
  'Whoever wants it it will cost the same.',
  'The new law will affect small shops.',
  'The effect of the change was small.',
  'One of my friends is a nurse.',
  'Understanding maths and physics is useful.',
  'He and I are neighbors.',
  'The news is on at nine.',
  'Is it ready? Are they here?',
  'You can take the last seat.',
  'She did not answer the phone.',
  'For instance, many people walk to work.',
  'The house is for sale.',
  'They have eaten all the cake.',
  'An hour later we had had enough.',
  'As a result, the road was closed.',
  'This plan is much better.',
  'They went home in the end.',
  'However, we stayed at home.',
  'Also the bus was late.',
  'Do you like green tea',
  'Thanks a lot',
  'The china cups are old.',
];

describe('rule families', () => {
  it.each(FIXES)('%s: fixes %j', async (_family, input, expected) => {
    const { cleanedText, edits } = await engine.clean(input);
    expect(cleanedText).toBe(expected);
    expect(edits.every((edit) => typeof edit.rule === 'string' && edit.rule.length > 0)).toBe(true);
  });

  it.each(LEAVE)('leaves %j unchanged', async (text) => {
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(text);
    expect(edits).toEqual([]);
  });
});
