// The "traits" task: tone and style of a text as 1..5 scores, each with a short justification.
import type { JsonSchema } from '../engine.ts';

export const TRAIT_NAMES = ['clarity', 'politeness', 'urgency', 'formality', 'sentiment'] as const;
export type TraitName = (typeof TRAIT_NAMES)[number];

export const TRAIT_EXPLANATION_MAX = 200;

const trait = {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'explanation'],
  properties: {
    score: { type: 'integer', minimum: 1, maximum: 5 },
    explanation: { type: 'string', maxLength: TRAIT_EXPLANATION_MAX },
  },
};

export const TRAITS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...TRAIT_NAMES],
  properties: Object.fromEntries(TRAIT_NAMES.map((name) => [name, trait])),
};

export const TRAITS_INSTRUCTIONS = [
  'Rate the text on each trait from 1 (lowest) to 5 (highest) and justify each score in one short',
  'sentence (at most 200 characters) that points at words in the text. Answer with JSON matching the schema.',
  'clarity: how easy it is to understand. politeness: courtesy toward the reader. urgency: how soon the',
  'writer expects action. formality: 1 chatty .. 5 formal. sentiment: 1 very negative, 3 neutral, 5 very positive.',
].join('\n');
