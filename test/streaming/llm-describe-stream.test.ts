// DescribeStream with jw3 on a tiny random-weight model (made here with makeTinyModel): constrained
// decoding streams its JSON text token by token (to jw3's gRPC callers and, through jw1, to HTTP clients
// as delta events), the pieces add up to the document the result carries, and a caller who cancels
// mid-stream stops the decoding.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { makeTinyModel } from '../../models/tools/index.ts';
import { collect, deadlineIn, describerClient } from '../support/grpc-clients.ts';
import { postEventStream } from '../support/sse.ts';
import { getJson, startTestSystem } from '../support/system.ts';

let dir: string;
let system: RunningSystem;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-llm-stream-'));
  const modelDir = join(dir, 'tiny-llama');
  await makeTinyModel({ out: modelDir, seed: 5 });
  system = await startTestSystem('all', { describerModel: modelDir });
});

afterAll(async () => {
  await system?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** DescribeStream calls jw3 ended with `code`, from its own metrics. */
async function describeStreamCalls(code: string): Promise<number> {
  const { body } = await getJson(`http://127.0.0.1:${system.ports.describerMetrics}`, '/metrics');
  const line = String(body)
    .split('\n')
    .find(
      (l) =>
        l.startsWith('mpr_grpc_server_handled_total') &&
        l.includes('method="DescribeStream"') &&
        l.includes(`code="${code}"`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('DescriberService.DescribeStream with an LLM engine', () => {
  it('streams the constrained JSON text piece by piece, adding up to the validated document', async () => {
    const client = describerClient(system.ports.describer!);
    const text = 'My parcel arrived two weeks late and support never answered. I want a refund.';
    const { messages, error } = await collect<any>(
      client.DescribeStream({ text, task: 'decision' }, deadlineIn(120_000)),
    );
    expect(error).toBeNull();
    const pieces = messages.filter((message) => message.event === 'jsonDelta').map((message) => message.jsonDelta);
    expect(messages.at(-1).event).toBe('result');
    expect(messages.slice(0, -1).every((message) => message.event === 'jsonDelta')).toBe(true);
    // Token by token: many pieces, not the document in one.
    expect(pieces.length).toBeGreaterThan(5);
    const { result } = messages.at(-1);
    expect(result).toMatchObject({ task: 'decision', schemaValid: true, constrained: true });
    expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(result.json));
    expect(await describeStreamCalls('OK')).toBe(1);
    client.close();
  });

  it('sends a document whose schema is checked after decoding as one piece (a retry would restart it)', async () => {
    const client = describerClient(system.ports.describer!);
    const schemaJson = JSON.stringify({
      type: 'object',
      properties: { tags: { type: 'array', items: { enum: ['late', 'refund', 'rude'] }, uniqueItems: true } },
      required: ['tags'],
      additionalProperties: false,
    });
    const { messages, error } = await collect<any>(
      client.DescribeStream({ text: 'Late parcel, I want a refund.', schemaJson }, deadlineIn(120_000)),
    );
    expect(error).toBeNull();
    expect(messages.map((message) => message.event)).toEqual(['jsonDelta', 'result']);
    expect(messages[0].jsonDelta).toBe(messages[1].result.json);
    expect(messages[1].result.schemaValid).toBe(true);
    client.close();
  });

  it('reaches an HTTP client of jw1 as delta events, token by token', async () => {
    const base = `http://127.0.0.1:${system.ports.http}`;
    const body = { text: 'The parcel arrived late and nobody answered.', task: 'decision' };
    const streamed = await postEventStream(base, '/v1/describe', body, { signal: AbortSignal.timeout(120_000) });
    expect(streamed.status).toBe(200);
    const deltas = streamed.events.filter((event) => event.event === 'delta').map((event) => event.data.jsonDelta);
    expect(deltas.length).toBeGreaterThan(5);
    const last = streamed.events.at(-1)!;
    expect(last.event).toBe('result');
    expect(last.data).toMatchObject({ schemaValid: true, constrained: true });
    expect(JSON.parse(deltas.join(''))).toEqual(last.data.json);
  });

  it('stops decoding when the caller cancels mid-stream', async () => {
    const client = describerClient(system.ports.describer!);
    const before = await describeStreamCalls('CANCELLED');
    const stream = client.DescribeStream(
      { text: 'The parcel arrived late and nobody answered my emails.', task: 'describe' },
      deadlineIn(120_000),
    );
    const done = collect<any>(stream);
    // Cancelled once the document has begun: the stream is running, not waiting to start.
    stream.once('data', () => stream.cancel());
    const { messages, error } = await done;
    expect(error?.code).toBe(1); // CANCELLED
    expect(messages.some((message) => message.event === 'result')).toBe(false);
    await expect.poll(() => describeStreamCalls('CANCELLED'), { timeout: 30_000, interval: 100 }).toBe(before + 1);
    client.close();
  });
});
