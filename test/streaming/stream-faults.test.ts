// Streams that break after their first event, in the real system with jw2's fault engine stuck on one
// sentence after another was answered, and jw3's stuck after the first piece of its document. A client
// that goes away cancels the work it started, over SSE and over gRPC (the engines' cancelled counts
// grow); a deadline that passes mid-stream ends it with an error event or status, or, for a clean, with
// the sentence it cut reported as failed in the partial result (as the unary call answers).
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultyCleanerEngine, startSystemWithCleaner, type FaultySystem } from '../support/fault-engine.ts';
import { createFaultyDescriberEngine, type FaultyDescriberEngine } from '../support/fault-describer.ts';
import { collect, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { postEventStream } from '../support/sse.ts';
import { waitFor } from '../support/wait.ts';

let system: FaultySystem;
let describer: FaultyDescriberEngine;

beforeAll(async () => {
  describer = createFaultyDescriberEngine();
  system = await startSystemWithCleaner(await createFaultyCleanerEngine(), { cacheMaxEntries: '0' }, describer);
});
afterAll(async () => system?.stop());

// The first sentence is answered (jw2's checker finds it clean); the second needs the model, which hangs.
const TEXT = 'This sentence is fine. She go to scool evry day.';
const STUCK = /scool/;

/** SSE: aborts the request once the first event has arrived; resolves with that event's name. */
async function abortAfterFirstEvent(path: string, body: unknown): Promise<string> {
  const controller = new AbortController();
  let first = '';
  await postEventStream(system.base, path, body, {
    signal: controller.signal,
    onEvent: (event) => {
      first ||= event.event;
      controller.abort();
    },
  }).catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return first;
}

/** gRPC: cancels the call once the first message has arrived; resolves with its event and the status. */
async function cancelAfterFirstMessage(stream: grpc.ClientReadableStream<any>) {
  let first = '';
  stream.once('data', (message: { event: string }) => {
    first = message.event;
    stream.cancel();
  });
  const { error } = await collect(stream);
  return { first, code: error?.code };
}

describe('a streaming client that disconnects', () => {
  it('cancels the cleaning of the sentences still running (SSE)', async () => {
    system.engine.mode = { kind: 'hang-matching', pattern: STUCK };
    const before = system.engine.cancelled;
    expect(await abortAfterFirstEvent('/v1/clean', { text: TEXT })).toBe('sentence');
    await waitFor(() => system.engine.cancelled === before + 1 && system.engine.inFlight === 0, 10_000);
  });

  it('cancels the cleaning of the sentences still running (gRPC CleanStream)', async () => {
    system.engine.mode = { kind: 'hang-matching', pattern: STUCK };
    const before = system.engine.cancelled;
    const client = orchestratorClient(system.grpcPort);
    const { first, code } = await cancelAfterFirstMessage(client.CleanStream({ text: TEXT }, deadlineIn(30_000)));
    expect(first).toBe('sentence');
    expect(code).toBe(grpc.status.CANCELLED);
    await waitFor(() => system.engine.cancelled === before + 1 && system.engine.inFlight === 0, 10_000);
    client.close();
  });

  it('cancels the description being generated (SSE and gRPC DescribeStream)', async () => {
    describer.mode = 'hang';
    try {
      const before = describer.cancelled;
      expect(await abortAfterFirstEvent('/v1/describe', { text: 'The parcel arrived late.' })).toBe('delta');
      await waitFor(() => describer.cancelled === before + 1 && describer.inFlight === 0, 10_000);
      const client = orchestratorClient(system.grpcPort);
      const stream = client.DescribeStream({ text: 'The parcel arrived late.' }, deadlineIn(30_000));
      const { first, code } = await cancelAfterFirstMessage(stream);
      expect(first).toBe('jsonDelta');
      expect(code).toBe(grpc.status.CANCELLED);
      await waitFor(() => describer.cancelled === before + 2 && describer.inFlight === 0, 10_000);
      client.close();
    } finally {
      describer.mode = 'healthy';
    }
  });
});

describe('a deadline that passes mid-stream', () => {
  it('ends a describe stream with an error event (SSE) or the DEADLINE_EXCEEDED status (gRPC)', async () => {
    describer.mode = 'hang';
    try {
      const streamed = await postEventStream(
        system.base,
        '/v1/describe',
        { text: 'The parcel arrived late.' },
        { headers: { 'x-mpr-timeout-ms': '5000' } },
      );
      expect(streamed.status).toBe(200);
      expect(streamed.events.map((event) => event.event)).toEqual(['delta', 'error']);
      expect(streamed.events[1]!.data).toEqual({ code: 'deadline_exceeded', message: expect.any(String) });
      const client = orchestratorClient(system.grpcPort);
      const { messages, error } = await collect<any>(
        client.DescribeStream({ text: 'The parcel arrived late.' }, deadlineIn(5_000)),
      );
      expect(messages.map((message) => message.event)).toEqual(['jsonDelta']);
      expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
      client.close();
    } finally {
      describer.mode = 'healthy';
    }
  });

  it('reports the sentence it cut as failed and ends the clean stream with the partial result', async () => {
    system.engine.mode = { kind: 'hang-matching', pattern: STUCK };
    const streamed = await postEventStream(
      system.base,
      '/v1/clean',
      { text: TEXT },
      { headers: { 'x-mpr-timeout-ms': '5000' } },
    );
    expect(streamed.events.map((event) => event.event)).toEqual(['sentence', 'sentence', 'result']);
    const failed = streamed.events[1]!.data;
    expect(failed).toMatchObject({ index: 1, start: 23, end: TEXT.length, cleanedText: 'She go to scool evry day.' });
    expect(failed.error.code).toBe('deadline_exceeded');
    const result = streamed.events[2]!.data;
    expect(result.cleanedText).toBe(TEXT);
    expect(result.failedSentences).toEqual([{ start: 23, end: TEXT.length, error: failed.error }]);
  });
});
