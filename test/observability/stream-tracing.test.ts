// A streamed request is one trace like a unary one, over SSE and over gRPC (whose streaming calls are
// traced on both sides too), and its request span carries the time to its first result.
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { postEventStream } from '../support/sse.ts';
import { parentId, renderTree } from './span-tree.ts';
import { startTracedSystem, type TracedSystem } from './traced-system.ts';

let traced: TracedSystem;

beforeAll(async () => {
  traced = await startTracedSystem({ cacheMaxEntries: '0' });
});
afterAll(async () => traced?.system.stop());

/** The attribute is there, positive, and no longer than the whole call as its client timed it. */
function expectFirstResultOn(root: ReadableSpan, clientMs: number): void {
  const firstResult = root.attributes['mpr.time_to_first_result_ms'];
  expect(typeof firstResult).toBe('number');
  expect(firstResult as number).toBeGreaterThan(0);
  expect(firstResult as number).toBeLessThan(clientMs);
}

describe('a streamed request on the trace', () => {
  it('over SSE: the HTTP span carries the time to the first event, the sentences are its children', async () => {
    const requestId = 'sse-stream-trace';
    const started = performance.now();
    const streamed = await postEventStream(
      traced.base,
      '/v1/clean',
      { text: 'I recieve it tomorow. She go to scool.' },
      { headers: { 'x-request-id': requestId } },
    );
    expect(streamed.events.at(-1)?.event).toBe('result');
    const clientMs = performance.now() - started;
    const { root, spans } = await traced.traceOf(requestId);
    expect(root.name).toBe('POST /v1/clean');
    expect(root.attributes['http.response.status_code']).toBe(200);
    expectFirstResultOn(root, clientMs);
    const tree = renderTree(spans, root);
    expect(
      spans.filter((span) => span.name === 'clean_sentence'),
      tree,
    ).toHaveLength(2);
    expect(
      spans.filter((span) => span.name === 'mpr.v1.CleanerService/Clean'),
      tree,
    ).toHaveLength(4);
  });

  it('over gRPC: the CleanStream server span carries it, with the agents below', async () => {
    const requestId = 'grpc-stream-trace';
    const client = orchestratorClient(traced.system.ports.grpc!);
    const started = performance.now();
    const { error } = await collect(
      client.CleanStream({ text: 'She go to scool. Fine.', requestId }, deadlineIn(30_000)),
    );
    expect(error).toBeNull();
    const clientMs = performance.now() - started;
    client.close();
    const { root, spans } = await traced.traceOf(requestId);
    expect(root.name).toBe('mpr.v1.Orchestrator/CleanStream');
    expect(root.attributes['rpc.grpc.status_code']).toBe(0);
    expectFirstResultOn(root, clientMs);
    expect(spans.some((span) => span.instrumentationScope.name === 'jw2-cleaner')).toBe(true);
  });

  it("over gRPC: DescribeStream's call to jw3's DescribeStream is traced on both sides", async () => {
    const requestId = 'grpc-describe-stream-trace';
    const client = orchestratorClient(traced.system.ports.grpc!);
    const started = performance.now();
    const { error } = await collect(
      client.DescribeStream({ text: 'The parcel is late.', requestId }, deadlineIn(30_000)),
    );
    expect(error).toBeNull();
    const clientMs = performance.now() - started;
    client.close();
    const { root, spans } = await traced.traceOf(requestId);
    expect(root.name).toBe('mpr.v1.Orchestrator/DescribeStream');
    expectFirstResultOn(root, clientMs);
    const server = spans.find(
      (span) =>
        span.name === 'mpr.v1.DescriberService/DescribeStream' && span.instrumentationScope.name === 'jw3-describer',
    );
    expect(server, renderTree(spans, root)).toBeDefined();
    expect(server!.attributes['rpc.grpc.status_code']).toBe(0);
    const clientSpan = spans.find((span) => span.spanContext().spanId === parentId(server!));
    expect(clientSpan?.instrumentationScope.name).toBe('jw1-orchestrator');
  });
});
