// The pipeline's routes: clean, describe, paraphrase, process and the clean batch. Each translates a
// JSON body into one pipeline call with the request's budget, and its answer into the JSON view.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StreamOperation } from '../../lib/metrics/index.ts';
import type { AccessControl } from '../access-control.ts';
import type { Pipeline, ProcessModeName } from '../pipeline.ts';
import { sentenceReporter } from '../streaming/sentence-events.ts';
import { admissionOf, type GatewayLimits } from './access.ts';
import type { eventStreamOf } from './event-stream.ts';
import { cleanView, describeView, paraphraseView, sentenceView } from './json-views.ts';
import { type Body, budgetOf, describeFields, generationOf, namedAdapter } from './request-inputs.ts';
import { batchBody, cleanBody, describeBody, paraphraseBody, processBody } from './schemas.ts';
import { cleanStreamResponse, describeStreamResponse } from './stream-schemas.ts';

export interface PipelineRouteOptions {
  pipeline: Pipeline;
  access?: AccessControl;
  limits: GatewayLimits;
  requestTimeoutMs: number;
  maxBatchItems: number;
  /** The limit of one request's body; a batch may carry this much per item. */
  bodyLimit: number;
  /** The Server-Sent Events answer of a request that asked for one, else undefined. */
  eventStream: (
    request: FastifyRequest,
    reply: FastifyReply,
    operation: StreamOperation,
  ) => ReturnType<typeof eventStreamOf>;
}

export function registerPipelineRoutes(app: FastifyInstance, options: PipelineRouteOptions): void {
  const { pipeline, access, limits, bodyLimit, eventStream } = options;
  // JSON, or with `Accept: text/event-stream` Server-Sent Events (format in event-stream.ts): `sentence`
  // (clean) or `delta` (describe) events as the work goes, then `result` (the JSON answer's body) or
  // `error` ({code, message}). Errors before the first event are the ordinary JSON error.
  const streamable = { sse: 'dual' } as const;
  app.post(
    '/v1/clean',
    { schema: { body: cleanBody, response: cleanStreamResponse }, ...streamable },
    async (request, reply) => {
      const body = request.body as Body;
      const cleanRequest = {
        text: body.text as string,
        language: (body.language as string) ?? '',
        requestId: request.id,
        ...generationOf(body),
        ...namedAdapter(request, body.adapter, access),
      };
      const budget = budgetOf(request, reply, options.requestTimeoutMs);
      const stream = eventStream(request, reply, 'clean');
      if (!stream) return cleanView(await pipeline.clean(cleanRequest, budget));
      return stream.answer(async (emit) => {
        const onSentence = sentenceReporter((sentence) => emit('sentence', sentenceView(sentence)));
        return cleanView(await pipeline.clean(cleanRequest, budget, onSentence));
      });
    },
  );

  app.post(
    '/v1/describe',
    { schema: { body: describeBody, response: describeStreamResponse }, ...streamable },
    async (request, reply) => {
      const body = request.body as Body;
      const describeRequest = {
        text: body.text as string,
        requestId: request.id,
        ...describeFields(request, body, limits, access),
        ...namedAdapter(request, body.adapter, access),
      };
      const budget = budgetOf(request, reply, options.requestTimeoutMs);
      const stream = eventStream(request, reply, 'describe');
      if (!stream) return describeView(await pipeline.describe(describeRequest, budget));
      return stream.answer(async (emit) =>
        describeView(await pipeline.describe(describeRequest, budget, (jsonDelta) => emit('delta', { jsonDelta }))),
      );
    },
  );

  app.post('/v1/paraphrase', { schema: { body: paraphraseBody } }, async (request, reply) => {
    const body = request.body as Body;
    const response = await pipeline.paraphrase(
      {
        text: body.text as string,
        language: (body.language as string) ?? '',
        requestId: request.id,
        ...generationOf(body),
        ...namedAdapter(request, body.adapter, access),
      },
      budgetOf(request, reply, options.requestTimeoutMs),
    );
    return paraphraseView(response);
  });

  app.post('/v1/process', { schema: { body: processBody } }, async (request, reply) => {
    const body = request.body as Body;
    const mode = (body.mode as ProcessModeName | undefined) ?? 'clean_then_describe';
    // A process without a describer part uses no describer task, so the key's task adapters do not apply.
    const describeAccess = mode === 'clean' || mode === 'paraphrase' ? undefined : access;
    const adapters = (body.adapters ?? {}) as { clean?: string; describe?: string; paraphrase?: string };
    const output = await pipeline.process(
      {
        text: body.text as string,
        mode,
        clean: {
          language: (body.language as string) ?? '',
          requestId: request.id,
          ...generationOf(body),
          ...namedAdapter(request, adapters.clean, access),
        },
        describe: {
          requestId: request.id,
          ...describeFields(request, body, limits, describeAccess),
          ...namedAdapter(request, adapters.describe, access),
        },
        paraphrase: namedAdapter(request, adapters.paraphrase, access),
      },
      budgetOf(request, reply, options.requestTimeoutMs),
    );
    return {
      requestId: request.id,
      ...(output.clean ? { clean: cleanView(output.clean) } : {}),
      ...(output.describe ? { describe: describeView(output.describe) } : {}),
      ...(output.paraphrase ? { paraphrase: paraphraseView(output.paraphrase) } : {}),
    };
  });

  // `::` is fastify's escape for a literal colon (Google-style custom method).
  app.post(
    '/v1/clean::batch',
    { schema: { body: batchBody }, bodyLimit: bodyLimit * options.maxBatchItems },
    async (request, reply) => {
      const items = (request.body as { items: unknown[] }).items;
      // onRequest charged one request before the items could be counted.
      const admission = admissionOf(request);
      if (access && admission && items.length <= options.maxBatchItems) await access.charge(admission, items.length, 1);
      const requests = items.map((item) => {
        const entry = (typeof item === 'object' && item !== null ? item : {}) as Body;
        return { text: entry.text as string, language: typeof entry.language === 'string' ? entry.language : '' };
      });
      const results = await pipeline.cleanBatch(requests, budgetOf(request, reply, options.requestTimeoutMs));
      return {
        items: results.map((result) => ('ok' in result ? { ok: cleanView(result.ok) } : { error: result.error })),
      };
    },
  );
}
