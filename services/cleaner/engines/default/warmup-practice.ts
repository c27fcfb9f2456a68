// Sentences the engine cleans and checks at start-up, before jw2 reports SERVING: the first requests
// of a cold process otherwise pay for compiling every fixer's code on the way (several times the cost
// of a warm request). They touch each fixer family once: spelling, confusions, agreement, verb forms,
// articles, doubled words, capitals, phrases, commas, number, and the language-model families.
// Written for this project.
export const WARMUP_PRACTICE: readonly string[] = [
  'i recieve alot of leters from my freind every weak.',
  'Their going to there house becuase its to late.',
  'He dont know that people is waiting and they was late.',
  'You can took the bus or you could of walked for buy food.',
  'She ate a apple and an banana in in the kitchen.',
  'As result we have went to the market more faster then before.',
  'However the goverment have many informations about this problems.',
  'These evidence show that the students likes to study in the night.',
  'In my opinion the technology make our life more easier than in past.',
  'My sister and my brother is taller then me, and they enjoys footbal.',
  "The company changed it's rules last year, so your going to like it.",
  'Every childs in the village goed to the school on monday morning.',
];

/** Rounds over the practice at most, and how long the practice may take in all. */
export const WARMUP_ROUNDS = 20;
export const WARMUP_BUDGET_MS = 1500;
