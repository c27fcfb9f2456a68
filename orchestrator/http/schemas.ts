// JSON Schemas of the gateway's request bodies. Unknown fields are refused (a misspelt option must not
// be silently ignored) and no type coercion happens: "text": 5 is an error, not "5". A request is named
// by the x-request-id header only (echoed in the answer), so a body holds no request id.
const generation = {
  type: 'object',
  additionalProperties: false,
  properties: {
    temperature: { type: 'number', minimum: 0, maximum: 5 },
    topK: { type: 'integer', minimum: 0 },
    topP: { type: 'number', minimum: 0, maximum: 1 },
    maxNewTokens: { type: 'integer', minimum: 0, maximum: 8192 },
    seed: { type: 'integer', minimum: 0 },
  },
} as const;

const text = { type: 'string' } as const;
const language = { type: 'string', maxLength: 35 } as const;
/** A LoRA adapter of the agent's model, by name (models/registry.yaml). */
const adapter = { type: 'string', minLength: 1, maxLength: 128 } as const;
/** What the describer is asked: /v1/describe and /v1/process take the same fields. */
const describeOptions = {
  task: { type: 'string', maxLength: 64 },
  schema: { type: 'object' },
  instructions: { type: 'string', maxLength: 8192 },
  // Checked in full by the describer (ISO 8601 date, or date-time with a zone); here only bounded.
  referenceDate: { type: 'string', maxLength: 40 },
} as const;

export const cleanBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text, language, generation, adapter },
} as const;

export const paraphraseBody = cleanBody;

export const describeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text, ...describeOptions, generation, adapter },
} as const;

export const processBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text,
    mode: { enum: ['clean', 'describe', 'clean_then_describe', 'paraphrase'] },
    language,
    ...describeOptions,
    generation,
    // Per agent call: clean, describe, and the paraphrase of mode paraphrase.
    adapters: {
      type: 'object',
      additionalProperties: false,
      properties: { clean: adapter, describe: adapter, paraphrase: adapter },
    },
  },
} as const;

export const batchBody = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    // Items are checked one by one in the pipeline so that one bad item fails alone.
    items: { type: 'array', items: {} },
  },
} as const;
