// One HTTP request is one trace across jw1, jw2 and jw3: spans link parent to child over HTTP and gRPC,
// and carry the decisions as attributes.
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/system.ts';
import { childrenOf, parentId, renderTree } from './span-tree.ts';
import { startTracedSystem, type TracedSystem } from './traced-system.ts';

let traced: TracedSystem;

beforeAll(async () => {
  traced = await startTracedSystem();
  // First request warms the code paths (and teaches jw1 the cleaner's identity, which enables the cache).
  await postJson(traced.base, '/v1/process', { text: 'I has a scool.' });
});
afterAll(async () => traced?.system.stop());

function one(spans: ReadableSpan[], name: string, scope?: string): ReadableSpan {
  const found = spans.filter(
    (span) => span.name === name && (scope === undefined || span.instrumentationScope.name === scope),
  );
  expect(
    found.map((span) => span.name),
    `exactly one span ${name} (${scope ?? 'any scope'})`,
  ).toEqual([name]);
  return found[0]!;
}

function parentOf(spans: ReadableSpan[], span: ReadableSpan): ReadableSpan {
  const parent = spans.find((candidate) => candidate.spanContext().spanId === parentId(span));
  expect(parent, `parent of ${span.name}`).toBeDefined();
  return parent!;
}

describe('one /v1/process request', () => {
  it('is one trace whose spans from all three components link parent to child', async () => {
    const response = await postJson(traced.base, '/v1/process', { text: 'She go to scool evry day .' });
    expect(response.status).toBe(200);
    const { root, spans } = await traced.traceOf(response.body.requestId);
    const tree = renderTree(spans, root);

    expect(root.name).toBe('POST /v1/process');
    expect(root.attributes['http.response.status_code']).toBe(200);
    expect(
      spans.filter((span) => parentId(span) === undefined),
      tree,
    ).toEqual([root]);
    const ids = new Set(spans.map((span) => span.spanContext().spanId));
    for (const span of spans.filter((candidate) => candidate !== root))
      expect(ids.has(parentId(span)!), `${span.name} has its parent in the trace`).toBe(true);
    expect(new Set(spans.map((span) => span.instrumentationScope.name))).toEqual(
      new Set(['jw1-orchestrator', 'jw2-cleaner', 'jw3-describer']),
    );

    const process = one(spans, 'pipeline.process');
    expect(parentOf(spans, process)).toBe(root);
    const pipelineClean = one(spans, 'pipeline.clean');
    expect(parentOf(spans, pipelineClean)).toBe(process);
    expect(parentOf(spans, one(spans, 'pipeline.describe'))).toBe(process);
    expect(one(spans, 'split_sentences').attributes['mpr.sentences']).toBe(1);

    // The gate's local stages (trivial, cache) run in skip_gate; its last stage, jw2's cheap checker, runs in
    // the same Clean call (check_first), so the decision lands on that call's agent_call span.
    const gate = one(spans, 'skip_gate');
    expect(one(spans, 'cache_lookup').attributes['mpr.cache.result']).toBe('miss');
    expect(parentOf(spans, one(spans, 'cache_lookup'))).toBe(gate);
    const cleanerCall = spans.find((span) => span.name === 'agent_call' && span.attributes['mpr.agent'] === 'cleaner')!;
    expect(cleanerCall.attributes).toMatchObject({ 'mpr.skip.decision': 'proceed', 'mpr.skip.reason': 'needs_model' });

    // Each agent call: jw1's client span -> the agent's server span -> the engine spans.
    for (const [rpc, engineSpans, agentScope] of [
      ['mpr.v1.CleanerService/Clean', ['cleaner.engine.check', 'cleaner.engine.clean'], 'jw2-cleaner'],
      ['mpr.v1.DescriberService/Describe', ['describer.engine.describe'], 'jw3-describer'],
    ] as const) {
      const client = one(spans, rpc, 'jw1-orchestrator');
      const server = one(spans, rpc, agentScope);
      expect(client.kind).toBe(2); // CLIENT
      expect(server.kind).toBe(1); // SERVER
      expect(parentOf(spans, server)).toBe(client);
      for (const engineSpan of engineSpans) expect(parentOf(spans, one(spans, engineSpan))).toBe(server);
      expect(server.attributes['rpc.grpc.status_code']).toBe(0);
      expect(server.attributes['mpr.request_id']).toBe(response.body.requestId);
    }
    expect(parentOf(spans, one(spans, 'mpr.v1.CleanerService/Clean', 'jw1-orchestrator'))).toBe(cleanerCall);
    expect(one(spans, 'cleaner.engine.clean').attributes['mpr.edits']).toBeGreaterThanOrEqual(2);
  });

  it('puts every hop under its parent, from the HTTP span down to each agent engine', async () => {
    // The share of the root's time its children cover is a figure, not a check: `npm run bench:tracing`.
    const response = await postJson(traced.base, '/v1/process', { text: 'Their is a problm with the sistem.' });
    const { root, spans } = await traced.traceOf(response.body.requestId);
    type Hop = { hop: string; children: Hop[] };
    const hops = (span: ReadableSpan): Hop => ({
      hop: `${span.name} [${span.instrumentationScope.name}]`,
      children: childrenOf(spans, span).map(hops),
    });
    const hop = (name: string, scope: string, ...children: Hop[]): Hop => ({ hop: `${name} [${scope}]`, children });
    const [jw1, jw2, jw3] = ['jw1-orchestrator', 'jw2-cleaner', 'jw3-describer'];
    expect(hops(root), renderTree(spans, root)).toEqual(
      hop(
        'POST /v1/process',
        jw1,
        hop('http.read_request', jw1),
        hop(
          'pipeline.process',
          jw1,
          hop(
            'pipeline.clean',
            jw1,
            hop('split_sentences', jw1),
            hop(
              'clean_sentence',
              jw1,
              hop('skip_gate', jw1, hop('cache_lookup', jw1)),
              hop(
                'agent_call',
                jw1,
                hop(
                  'mpr.v1.CleanerService/Clean',
                  jw1,
                  hop(
                    'mpr.v1.CleanerService/Clean',
                    jw2,
                    hop('cleaner.engine.check', jw2),
                    hop('cleaner.engine.clean', jw2),
                  ),
                ),
              ),
            ),
          ),
          hop(
            'pipeline.describe',
            jw1,
            hop(
              'agent_call',
              jw1,
              hop(
                'mpr.v1.DescriberService/Describe',
                jw1,
                hop(
                  'mpr.v1.DescriberService/Describe',
                  jw3,
                  hop('describer.engine.describe', jw3),
                  hop('describer.schema_validate', jw3),
                ),
              ),
            ),
          ),
        ),
        hop('http.write_response', jw1),
      ),
    );
  });

  it("continues the caller's trace from a W3C traceparent header", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const response = await postJson(
      traced.base,
      '/v1/clean',
      { text: 'I recieve mail.' },
      { traceparent: `00-${traceId}-${callerSpan}-01` },
    );
    expect(response.status).toBe(200);
    const spans = traced.exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const root = spans.find((span) => span.name === 'POST /v1/clean');
    expect(root?.parentSpanContext?.spanId).toBe(callerSpan);
    expect(spans.some((span) => span.instrumentationScope.name === 'jw2-cleaner')).toBe(true);
  });

  it('marks failed spans with the stable error code on every hop', async () => {
    const response = await postJson(traced.base, '/v1/process', { text: 'Hello there, friend.', task: 'no_such_task' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('unknown_task');
    const requestId = response.headers.get('x-request-id')!;
    const { root, spans } = await traced.traceOf(requestId);
    expect(root.attributes['mpr.error_code']).toBe('unknown_task');
    for (const span of [
      one(spans, 'mpr.v1.DescriberService/Describe', 'jw3-describer'),
      one(spans, 'pipeline.describe'),
      one(spans, 'pipeline.process'),
    ]) {
      expect(span.status.code, span.name).toBe(2); // ERROR
      expect(span.attributes['mpr.error_code'], span.name).toBe('unknown_task');
    }
  });
});

describe('the skip-gate on the trace', () => {
  it('puts every skip reason on the trace, as in the response', async () => {
    const cases = [
      { text: '42 :-)', reason: 'trivial' },
      { text: '\u200b\u2060', reason: 'empty' },
      { text: 'Это предложение написано по-русски.', reason: 'unsupported_language' },
      { text: 'The weather is nice today.', reason: 'already_clean' },
      // Cleaned by the warm-up request: its answer is cached.
      { text: 'I has a scool.', reason: 'cache_hit' },
    ];
    for (const { text, reason } of cases) {
      const response = await postJson(traced.base, '/v1/clean', { text });
      expect(response.body, text).toMatchObject({ skipped: true, skipReason: reason });
      const { spans } = await traced.traceOf(response.headers.get('x-request-id')!);
      const decisions = spans
        .filter((span) => span.attributes['mpr.skip.reason'] !== undefined)
        .map((span) => [span.attributes['mpr.skip.decision'], span.attributes['mpr.skip.reason']]);
      expect(decisions, text).toEqual([['skip', reason]]);
    }
  });
});
