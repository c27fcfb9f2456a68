// /v1/clean and /v1/describe as Server-Sent Events over real HTTP (Accept: text/event-stream): a
// sentence event per sentence with offsets into the whole text, then the same result the JSON answer
// has; describe's JSON text in deltas, then the validated document; typed errors before the stream are
// ordinary JSON answers; the rate limit applies; the time to the first event is a metric.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';
import { postEventStream, type StreamEvent } from '../support/sse.ts';

let system: RunningSystem;
let base: string;

beforeAll(async () => {
  // No result cache: the unary call made after a streamed one must do the same work, not hit the cache.
  system = await startTestSystem('all', { maxTextBytes: '2048', cacheMaxEntries: '0' });
  base = `http://127.0.0.1:${system.ports.http}`;
});
afterAll(async () => system?.stop());

const withoutTimings = ({ timings: _timings, ...rest }: Record<string, any>) => rest;
const named = (events: StreamEvent[], name: string) => events.filter((event) => event.event === name);

describe('POST /v1/clean as an event stream', () => {
  const text = 'Hello there.  I recieve it tomorow.\n\nShe go to scool evry day.';

  it('sends each sentence with offsets into the whole text, then the result the JSON answer has', async () => {
    const streamed = await postEventStream(base, '/v1/clean', { text });
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(streamed.headers.get('x-request-id')).toBeTruthy();
    expect(streamed.events.at(-1)?.event).toBe('result');
    const sentences = named(streamed.events, 'sentence').map((event) => event.data);
    expect(sentences.map((sentence) => sentence.index).sort()).toEqual([0, 1, 2]);
    for (const sentence of sentences) {
      expect(sentence.sentenceCount).toBe(3);
      for (const edit of sentence.edits) {
        expect(text.slice(edit.start, edit.end)).toBe(edit.original);
        expect(edit.start).toBeGreaterThanOrEqual(sentence.start);
        expect(edit.end).toBeLessThanOrEqual(sentence.end);
      }
    }
    const greeting = sentences.find((sentence) => sentence.index === 0);
    expect(greeting).toMatchObject({ start: 0, end: 12, skipped: true, skipReason: 'already_clean', edits: [] });
    const result = streamed.events.at(-1)!.data;
    // The sentences, put in place, are the cleaned text; their edits are the result's.
    let rebuilt = text;
    for (const sentence of [...sentences].sort((a, b) => b.start - a.start))
      rebuilt = rebuilt.slice(0, sentence.start) + sentence.cleanedText + rebuilt.slice(sentence.end);
    expect(rebuilt).toBe(result.cleanedText);
    expect(sentences.flatMap((sentence) => sentence.edits).sort((a, b) => a.start - b.start)).toEqual(result.edits);
    const unary = await postJson(base, '/v1/clean', { text });
    expect(withoutTimings(result)).toEqual(withoutTimings(unary.body));
  });

  it('answers typed errors before the stream with the ordinary JSON error', async () => {
    const large = await postEventStream(base, '/v1/clean', { text: 'x'.repeat(3_000) });
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('text_too_large');
    const invalid = await postEventStream(base, '/v1/clean', { text: 5 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_argument');
    const blank = await postEventStream(base, '/v1/clean', { text: ' \n ' });
    expect(blank.status).toBe(400);
    expect(blank.events).toEqual([]);
  });

  it('answers JSON to a request that does not ask for an event stream', async () => {
    const response = await fetch(`${base}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, */*' },
      body: JSON.stringify({ text }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).cleanedText).toContain('school');
  });

  it('counts the time to the first event', async () => {
    const count = async () => {
      const { body } = await getJson(base, '/metrics');
      const line = String(body)
        .split('\n')
        .find((l) => l.startsWith('mpr_stream_time_to_first_result_seconds_count{operation="clean",transport="http"}'));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await count();
    await postEventStream(base, '/v1/clean', { text: 'One more sentence here. And anothr one.' });
    expect(await count()).toBe(before + 1);
  });
});

describe('POST /v1/describe as an event stream', () => {
  it('sends the JSON text in deltas, then the validated document the JSON answer has', async () => {
    const body = { text: 'My parcel arrived two weeks late. I want a refund from Acme.', task: 'decision' };
    const streamed = await postEventStream(base, '/v1/describe', body);
    expect(streamed.status).toBe(200);
    expect(streamed.events.map((event) => event.event)).toEqual(['delta', 'result']);
    const [delta, result] = streamed.events;
    expect(JSON.parse(delta!.data.jsonDelta)).toEqual(result!.data.json);
    expect(result!.data).toMatchObject({ task: 'decision', schemaValid: true });
    const unary = await postJson(base, '/v1/describe', body);
    expect(withoutTimings(result!.data)).toEqual(withoutTimings(unary.body));
  });

  it('answers an unknown task with the ordinary JSON 400', async () => {
    const streamed = await postEventStream(base, '/v1/describe', { text: 'Hello there.', task: 'nope' });
    expect(streamed.status).toBe(400);
    expect(streamed.body.error.code).toBe('unknown_task');
  });
});

describe('an event stream past the rate limit', () => {
  it('is refused with the JSON 429 and Retry-After before any event', async () => {
    const limited = await startTestSystem('all', { rateLimitRps: '1', rateLimitBurst: '1' });
    try {
      const at = `http://127.0.0.1:${limited.ports.http}`;
      const headers = { 'x-api-key': 'stream-client' };
      expect((await postEventStream(at, '/v1/clean', { text: 'First one.' }, { headers })).status).toBe(200);
      const refused = await postEventStream(at, '/v1/clean', { text: 'Second one.' }, { headers });
      expect(refused.status).toBe(429);
      expect(refused.events).toEqual([]);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});
