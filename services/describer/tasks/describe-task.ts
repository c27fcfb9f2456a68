// The "describe" task: a structured profile of a text (language, counts, readability, sentences,
// entities with offsets, keywords, topics). Keywords are limited to the subset models/src/constrained
// compiles into token constraints, so the same schema drives the validator and constrained decoding.
import type { JsonSchema } from '../engine.ts';

export const ENTITY_TYPES = [
  'person',
  'organization',
  'place',
  'date',
  'money',
  'quantity',
  'email',
  'url',
  'phone',
  'identifier',
  'other',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const offset = { type: 'integer', minimum: 0 };
const count = { type: 'integer', minimum: 0 };

export const DESCRIBE_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'summary', 'counts', 'readability', 'sentences', 'entities', 'keywords', 'topics'],
  properties: {
    language: { type: 'string', maxLength: 3, description: 'ISO 639-1 code, or "und" when undetermined' },
    summary: { type: 'string', maxLength: 300 },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['characters', 'words', 'sentences'],
      properties: { characters: count, words: count, sentences: count },
    },
    readability: {
      type: 'object',
      additionalProperties: false,
      required: ['flesch_reading_ease', 'flesch_kincaid_grade'],
      properties: {
        flesch_reading_ease: { type: 'number', minimum: -200, maximum: 200 },
        flesch_kincaid_grade: { type: 'number', minimum: -20, maximum: 100 },
      },
    },
    sentences: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'start', 'end'],
        properties: { text: { type: 'string' }, start: offset, end: offset },
      },
    },
    entities: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'text', 'start', 'end'],
        properties: {
          type: { type: 'string', enum: [...ENTITY_TYPES] },
          text: { type: 'string', maxLength: 500 },
          start: offset,
          end: offset,
          value: { type: 'string', maxLength: 64 },
          amount: { type: 'number' },
          currency: { type: 'string', maxLength: 3 },
          unit: { type: 'string', maxLength: 32 },
          deadline: { type: 'boolean' },
        },
      },
    },
    keywords: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 64 } },
    topics: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 64 } },
  },
};

export const DESCRIBE_INSTRUCTIONS = [
  'Describe the text as JSON matching the schema.',
  'language: the ISO 639-1 code of the text\'s language, or "und" if unclear.',
  "summary: one or two sentences in the text's language, at most 300 characters, no new facts.",
  'counts: characters (UTF-16 code units), words, sentences.',
  'readability: Flesch reading ease and Flesch-Kincaid grade level.',
  'sentences and entities: start and end are UTF-16 offsets into the input, end exclusive, so that',
  'text.slice(start, end) equals the quoted text exactly.',
  'entities: people, organizations, places, dates and times (value: ISO 8601, relative dates resolved against',
  'the reference date), money (amount and ISO 4217 currency), quantities (amount and unit), emails, URLs,',
  'phone numbers, identifiers such as order or ticket numbers (value: the bare id); other for anything else.',
  'deadline: true for a date the writer sets as a limit ("by Friday", "within 14 days").',
  'keywords: up to 10 content words, most important first. topics: up to 5 short lower-case topic labels.',
].join('\n');
