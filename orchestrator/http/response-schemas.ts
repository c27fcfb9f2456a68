// JSON Schemas of the gateway's answers, for the OpenAPI document (openapi.ts). They describe what
// json-views.ts produces; the OpenAPI test checks real answers against them, so a field added to a view
// without its schema fails there. Objects stay open (no additionalProperties: false) so that a client
// written against this document keeps working when a field is added.
import { ERROR_TABLE, type ErrorCode } from '../../lib/errors.ts';

const count = { type: 'integer', minimum: 0 } as const;
const milliseconds = { type: 'number', minimum: 0 } as const;

export const editSchema = {
  type: 'object',
  description: 'One correction. Offsets are UTF-16 code units into the original text, end exclusive.',
  required: ['start', 'end', 'original', 'replacement', 'kind', 'message'],
  properties: {
    start: count,
    end: count,
    original: { type: 'string', description: 'the original text between start and end' },
    replacement: { type: 'string', description: 'what replaces it (empty for a deletion)' },
    kind: {
      type: 'string',
      enum: [
        'unspecified',
        'spelling',
        'grammar',
        'punctuation',
        'whitespace',
        'capitalization',
        'article',
        'repeated_word',
        'normalization',
        'other',
      ],
    },
    message: { type: 'string', description: 'why, for people' },
  },
} as const;

const usage = {
  type: 'object',
  required: ['inputTokens', 'outputTokens'],
  properties: { inputTokens: count, outputTokens: count },
} as const;

const timings = {
  type: 'object',
  description: 'Where the time went, in milliseconds (zero where it does not apply, e.g. a rules engine).',
  required: ['totalMs', 'queueMs', 'prefillMs', 'timeToFirstTokenMs', 'decodeTokensPerSecond'],
  properties: {
    totalMs: milliseconds,
    queueMs: milliseconds,
    prefillMs: milliseconds,
    timeToFirstTokenMs: milliseconds,
    decodeTokensPerSecond: { type: 'number', minimum: 0 },
  },
} as const;

const engine = {
  type: 'object',
  description: 'The engine that answered: the embedded default or a model (with its execution provider).',
  required: ['kind', 'id', 'version', 'executionProvider'],
  properties: {
    kind: { type: 'string', examples: ['default', 'onnx'] },
    id: { type: 'string' },
    version: { type: 'string' },
    executionProvider: { type: 'string', description: 'e.g. cpu or cuda; empty for the embedded engine' },
  },
} as const;

const errorInfo = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const;

const flagSchema = {
  type: 'object',
  description: 'A span that looks wrong but was left unchanged because no replacement is safe.',
  required: ['start', 'end', 'kind', 'message', 'rule'],
  properties: {
    start: count,
    end: count,
    kind: editSchema.properties.kind,
    message: { type: 'string' },
    rule: { type: 'string', description: "the engine's rule that raised it" },
  },
} as const;

export const cleanResult = {
  type: 'object',
  required: [
    'cleanedText',
    'edits',
    'flags',
    'skipped',
    'skipReason',
    'usage',
    'timings',
    'engine',
    'guardFallback',
    'degraded',
    'verifiedClean',
  ],
  properties: {
    cleanedText: { type: 'string' },
    edits: { type: 'array', items: editSchema },
    flags: { type: 'array', items: flagSchema },
    skipped: { type: 'boolean', description: 'true when no agent was asked (see skipReason)' },
    skipReason: {
      type: ['string', 'null'],
      enum: ['unspecified', 'empty', 'trivial', 'unsupported_language', 'cache_hit', 'already_clean', null],
    },
    usage,
    timings,
    engine,
    guardFallback: {
      type: 'boolean',
      description: 'true when a guard refused the model output and the text came back unchanged',
    },
    guardReason: { type: 'string', description: 'present when guardFallback is true' },
    degraded: { type: 'boolean', description: 'true when the cleaner was down and the text came back unchanged' },
    verifiedClean: { type: 'boolean', description: 'true when the cheap checker found nothing to correct' },
    failedSentences: {
      type: 'array',
      description: 'sentences the cleaner failed on, returned unchanged; absent when there are none',
      items: {
        type: 'object',
        required: ['start', 'end', 'error'],
        properties: { start: count, end: count, error: errorInfo },
      },
    },
  },
} as const;

export const describeResult = {
  type: 'object',
  required: [
    'json',
    'schemaValid',
    'schemaErrors',
    'constrained',
    'unfilledFields',
    'task',
    'usage',
    'timings',
    'engine',
  ],
  properties: {
    json: { description: "the document, a JSON value valid against the task's schema when schemaValid is true" },
    schemaValid: { type: 'boolean' },
    schemaErrors: { type: 'array', items: { type: 'string' } },
    constrained: { type: 'boolean', description: 'true when decoding was constrained by the schema' },
    unfilledFields: { type: 'array', items: { type: 'string' } },
    task: { type: 'string', description: 'the task that ran (describe, decision, traits, or custom)' },
    usage,
    timings,
    engine,
  },
} as const;

export const paraphraseResult = {
  type: 'object',
  required: ['paraphrasedText', 'adapter', 'usage', 'timings', 'engine', 'guardFallback'],
  properties: {
    paraphrasedText: { type: 'string' },
    adapter: { type: 'string', description: 'the LoRA adapter that produced the text' },
    usage,
    timings,
    engine,
    guardFallback: {
      type: 'boolean',
      description: 'true when the guard refused the model output (empty, or chatter only) and the text came back',
    },
    guardReason: { type: 'string', description: 'present when guardFallback is true' },
  },
} as const;

export const processResult = {
  type: 'object',
  required: ['requestId'],
  properties: {
    requestId: { type: 'string' },
    clean: cleanResult,
    describe: describeResult,
    paraphrase: paraphraseResult,
  },
} as const;

export const batchResult = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      description: 'one entry per item, in order: its answer, or its own error',
      items: {
        oneOf: [
          { type: 'object', required: ['ok'], properties: { ok: cleanResult } },
          { type: 'object', required: ['error'], properties: { error: errorInfo } },
        ],
      },
    },
  },
} as const;

export const healthResult = {
  type: 'object',
  required: ['status'],
  properties: { status: { const: 'ok' } },
} as const;

export const readyResult = {
  type: 'object',
  required: ['status', 'accepting', 'agentsReachedOnce', 'agents'],
  properties: {
    status: { enum: ['ready', 'not_ready'] },
    accepting: { type: 'boolean' },
    agentsReachedOnce: { type: 'boolean' },
    agents: {
      type: 'object',
      description: "each agent's current gRPC health status",
      required: ['cleaner', 'describer'],
      properties: { cleaner: { type: 'string' }, describer: { type: 'string' } },
    },
  },
} as const;

/** The codes each HTTP status can carry, from lib/errors.ts's table. */
export function errorCodesByStatus(): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const [code, entry] of Object.entries(ERROR_TABLE) as [ErrorCode, (typeof ERROR_TABLE)[ErrorCode]][]) {
    byStatus.set(entry.http, [...(byStatus.get(entry.http) ?? []), code]);
  }
  return byStatus;
}

/** The error body `{error: {code, message}}` with the codes one status can carry. */
export function errorBody(codes: readonly ErrorCode[]) {
  return {
    type: 'object' as const,
    required: ['error'],
    properties: {
      error: {
        type: 'object' as const,
        required: ['code', 'message'],
        properties: { code: { type: 'string' as const, enum: [...codes] }, message: { type: 'string' as const } },
      },
    },
  };
}
