// Inline JSON Schemas of the supported subset, with the instructions a client would send, shared by the
// constrained-decoding tests (strings with limits, enums, nullable types, anyOf with null, bounded
// integers, arrays of enums).
export interface InlineSchema {
  name: string;
  schema: Record<string, unknown>;
  instructions: string;
}

export const INLINE_SCHEMAS: InlineSchema[] = [
  {
    name: 'sentiment',
    instructions: 'Classify the sentiment.',
    schema: {
      type: 'object',
      properties: {
        label: { enum: ['positive', 'negative', 'neutral'] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['label', 'confidence'],
      additionalProperties: false,
    },
  },
  {
    name: 'contacts',
    instructions: 'List the people mentioned.',
    schema: {
      type: 'object',
      properties: {
        people: {
          type: 'array',
          maxItems: 3,
          items: {
            type: 'object',
            properties: { name: { type: 'string', maxLength: 20 }, email: { type: ['string', 'null'] } },
            required: ['name', 'email'],
          },
        },
        note: { type: 'string', maxLength: 40 },
      },
      required: ['people'],
    },
  },
  {
    name: 'reply',
    instructions: 'Answer or say nothing.',
    schema: {
      anyOf: [{ type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }, { type: 'null' }],
    },
  },
  {
    name: 'tags',
    instructions: 'Tag the text.',
    schema: { type: 'array', items: { type: 'string', maxLength: 12 }, minItems: 1, maxItems: 4 },
  },
  {
    name: 'ticket',
    instructions: 'File a ticket.',
    schema: {
      type: 'object',
      properties: {
        priority: { type: 'integer', minimum: 1, maximum: 4 },
        tags: { type: 'array', items: { enum: ['billing', 'shipping', 'other'] }, maxItems: 2 },
        summary: { type: 'string', maxLength: 30 },
        open: { type: 'boolean' },
      },
      required: ['priority', 'open'],
      additionalProperties: false,
    },
  },
];
