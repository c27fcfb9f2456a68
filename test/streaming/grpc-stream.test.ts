// jw1's Orchestrator.CleanStream and DescribeStream over real gRPC: a sentence message per sentence
// with offsets into the whole text, then the result Clean gives; jw3's JSON text relayed, then the
// document Describe gives; typed statuses before any message; the caller's rate limit; the metric.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { call, collect, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { getJson, startTestSystem } from '../support/system.ts';

let system: RunningSystem;

beforeAll(async () => {
  system = await startTestSystem('all', { maxTextBytes: '2048', cacheMaxEntries: '0' });
});
afterAll(async () => system?.stop());

const withoutTimings = ({ timings: _timings, ...rest }: Record<string, any>) => rest;

describe('Orchestrator.CleanStream', () => {
  it('sends every sentence as it is cleaned, then the result Clean gives', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const text = 'I recieve it tomorow. This one is fine.\nShe go to scool evry day.';
    const { messages, error } = await collect<any>(client.CleanStream({ text }, deadlineIn(30_000)));
    expect(error).toBeNull();
    expect(messages.map((message) => message.event)).toEqual(['sentence', 'sentence', 'sentence', 'result']);
    const sentences = messages.slice(0, 3).map((message) => message.sentence);
    expect(sentences.map((sentence) => sentence.index).sort()).toEqual([0, 1, 2]);
    for (const sentence of sentences) {
      expect(sentence.sentenceCount).toBe(3);
      expect(sentence.error).toBeNull();
      for (const edit of sentence.edits) {
        expect(edit.kind).toMatch(/^EDIT_KIND_/);
        expect(text.slice(edit.start, edit.end)).toBe(edit.original);
      }
    }
    const fine = sentences.find((sentence) => sentence.index === 1);
    expect(fine).toMatchObject({ start: 22, end: 39, skipped: true, skipReason: 'SKIP_REASON_ALREADY_CLEAN' });
    const { result } = messages.at(-1);
    expect(result.cleanedText).toBe('I receive it tomorrow. This one is fine.\nShe goes to school every day.');
    const unary = await call<any>((cb) => client.Clean({ text }, deadlineIn(30_000), cb));
    expect(withoutTimings(result)).toEqual(withoutTimings(unary.response));
    client.close();
  });

  it('ends with the typed status and no message when the text is refused', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const { messages, error } = await collect<any>(client.CleanStream({ text: 'x'.repeat(3_000) }, deadlineIn(10_000)));
    expect(messages).toEqual([]);
    expect(error?.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(error?.metadata.get(ERROR_CODE_KEY)).toEqual(['text_too_large']);
    client.close();
  });

  it('counts the time to the first message', async () => {
    const count = async () => {
      const { body } = await getJson(`http://127.0.0.1:${system.ports.http}`, '/metrics');
      const line = String(body)
        .split('\n')
        .find((l) => l.startsWith('mpr_stream_time_to_first_result_seconds_count{operation="clean",transport="grpc"}'));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await count();
    const client = orchestratorClient(system.ports.grpc!);
    await collect<any>(client.CleanStream({ text: 'Two sentences here. Both fine.' }, deadlineIn(30_000)));
    expect(await count()).toBe(before + 1);
    client.close();
  });
});

describe('Orchestrator.DescribeStream', () => {
  it("relays jw3's JSON text, then the document Describe gives", async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const request = { text: 'My parcel arrived two weeks late. I want a refund.', task: 'traits' };
    const { messages, error } = await collect<any>(client.DescribeStream(request, deadlineIn(30_000)));
    expect(error).toBeNull();
    expect(messages.map((message) => message.event)).toEqual(['jsonDelta', 'result']);
    expect(messages[0].jsonDelta).toBe(messages[1].result.json);
    const unary = await call<any>((cb) => client.Describe(request, deadlineIn(30_000), cb));
    expect(withoutTimings(messages[1].result)).toEqual(withoutTimings(unary.response));
    client.close();
  });
});

describe('a stream past the rate limit', () => {
  it('is refused with RESOURCE_EXHAUSTED rate_limited before any message', async () => {
    const limited = await startTestSystem('all', { rateLimitRps: '1', rateLimitBurst: '1' });
    const client = orchestratorClient(limited.ports.grpc!);
    try {
      const first = await collect<any>(client.CleanStream({ text: 'First one.' }, deadlineIn(30_000)));
      expect(first.error).toBeNull();
      const refused = await collect<any>(client.DescribeStream({ text: 'Second one.' }, deadlineIn(30_000)));
      expect(refused.messages).toEqual([]);
      expect(refused.error?.code).toBe(8); // RESOURCE_EXHAUSTED
      expect(refused.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['rate_limited']);
    } finally {
      client.close();
      await limited.stop();
    }
  });
});
