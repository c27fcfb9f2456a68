// What the OpenAPI document says about each route beyond its request schema (which the route declares
// itself, in schemas.ts): a summary, the answer's schema, the typed errors and the request headers.
// Keyed by "METHOD url" as fastify declares it; openapi.ts merges an entry into its route's schema when
// the document is generated, so serving stays exactly as the route declares it.
import { ERROR_TABLE } from '../../lib/errors.ts';
import { API_KEY_HEADER, REQUEST_ID_HEADER, TIMEOUT_HEADER } from './headers.ts';
import {
  batchResult,
  cleanResult,
  describeResult,
  errorBody,
  errorCodesByStatus,
  healthResult,
  paraphraseResult,
  processResult,
  readyResult,
} from './response-schemas.ts';

export interface RouteDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** Answer schemas by status (200 and the like); /v1/ routes also get every typed error. */
  response: Record<string, object>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'No valid API key or token (when authentication is on): send Authorization: Bearer <key>',
  403: 'The key may not use this task or describer adapter',
  404: 'No such route',
  408: 'The request did not arrive in time',
  413: 'Too large',
  415: 'Unsupported media type, or a compressed body',
  431: 'Request headers too large',
  429: 'Too many requests: retry after Retry-After seconds',
  499: 'The client went away before the answer',
  500: 'Internal error',
  501: 'Not configured (no paraphrase adapter)',
  503: 'An agent is unavailable, or jw1 is shutting down: retry after Retry-After seconds',
  504: 'The deadline passed',
};

const retryAfter = {
  'retry-after': { type: 'integer', minimum: 1, description: 'seconds to wait before retrying' },
} as const;

/** One response per HTTP status that a typed error can have, each listing its codes (not_found excepted). */
export function errorResponses(): Record<string, object> {
  const responses: Record<string, object> = {};
  for (const [status, codes] of errorCodesByStatus()) {
    if (status === 404) continue;
    const retries = codes.some((code) => 'retryAfterSeconds' in ERROR_TABLE[code]);
    responses[String(status)] = {
      description: `${STATUS_TEXT[status] ?? 'Error'}. Codes: ${codes.join(', ')}.`,
      ...(retries ? { headers: retryAfter } : {}),
      ...errorBody(codes),
    };
  }
  return responses;
}

/** The headers every /v1/ route reads. */
export const requestHeaders = {
  type: 'object',
  properties: {
    [REQUEST_ID_HEADER]: {
      type: 'string',
      pattern: '^[\\w.:-]{1,128}$',
      description: 'echoed in the answer; one is made when absent or unfit',
    },
    [TIMEOUT_HEADER]: {
      type: 'integer',
      minimum: 1,
      description: "this request's deadline in ms, capped by the server's request timeout",
    },
    [API_KEY_HEADER]: {
      type: 'string',
      description:
        'an API key, as Authorization: Bearer does, when authentication is on; otherwise only a label naming the caller for rate limits',
    },
  },
} as const;

const text = ['text'];

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /v1/clean': {
    summary: 'Correct a text with minimal edits',
    description:
      'Returns the cleaned text and each edit with offsets into the original text. Texts that need no work ' +
      'are answered by the skip-gate without asking the cleaner (skipped, skipReason).',
    tags: text,
    response: { 200: { description: 'The cleaned text and its edits', ...cleanResult } },
  },
  'POST /v1/describe': {
    summary: 'Describe a text as JSON valid against a task schema',
    description:
      'Named tasks: describe (entities), decision, traits. Or send your own JSON Schema in `schema` ' +
      '(with optional instructions).',
    tags: text,
    response: { 200: { description: 'The JSON document and its validation', ...describeResult } },
  },
  'POST /v1/paraphrase': {
    summary: 'Say a text in other words',
    description:
      "By the cleaner's paraphrase adapter (or the one `adapter` names), with the same guard against " +
      'chatter; 501 paraphrase_unavailable when the cleaner has none configured.',
    tags: text,
    response: { 200: { description: 'The paraphrase', ...paraphraseResult } },
  },
  'POST /v1/process': {
    summary: 'Clean, describe, clean then describe, or paraphrase a text',
    tags: text,
    response: { 200: { description: 'The results of the steps asked for', ...processResult } },
  },
  'POST /v1/clean::batch': {
    summary: 'Correct several texts in one call',
    description: 'Each item succeeds or fails alone; the answers come back in order.',
    tags: text,
    response: { 200: { description: 'One entry per item', ...batchResult } },
  },
  'GET /healthz': {
    summary: 'Liveness',
    tags: ['operations'],
    response: { 200: { description: 'The process is alive', ...healthResult } },
  },
  'GET /readyz': {
    summary: 'Readiness',
    description:
      'Ready while accepting traffic, once each agent has answered at least once since start. The body ' +
      "shows each agent's current health.",
    tags: ['operations'],
    response: {
      200: { description: 'Ready', ...readyResult },
      503: { description: 'Not ready (starting, or shutting down)', ...readyResult },
    },
  },
  'GET /metrics': {
    summary: 'Prometheus metrics of jw1',
    tags: ['operations'],
    response: {
      200: {
        description: 'Prometheus text exposition format',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
  },
};

export function routeKey(method: string, url: string): string {
  return `${method} ${url}`;
}
