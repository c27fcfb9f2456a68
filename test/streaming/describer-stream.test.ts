// jw3's DescribeStream over real gRPC with the embedded default engine: the document as one piece, then
// the same response Describe gives; typed errors as the stream's status before any message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { call, collect, deadlineIn, describerClient } from '../support/grpc-clients.ts';
import { startTestSystem } from '../support/system.ts';

let system: RunningSystem;

beforeAll(async () => {
  system = await startTestSystem('describer', { maxTextBytes: '2048' });
});
afterAll(async () => system?.stop());

const withoutTimings = ({ timings: _timings, ...rest }: Record<string, unknown>) => rest;

describe('DescriberService.DescribeStream with the default engine', () => {
  it('sends the document as one piece, then the response Describe gives', async () => {
    const client = describerClient(system.ports.describer!);
    const request = { text: 'My parcel arrived two weeks late. I want a refund from Acme today.', task: 'decision' };
    const { messages, error } = await collect<any>(client.DescribeStream(request, deadlineIn(30_000)));
    expect(error).toBeNull();
    expect(messages.map((message) => message.event)).toEqual(['jsonDelta', 'result']);
    const [piece, last] = messages;
    expect(piece.jsonDelta).toBe(last.result.json);
    const unary = await call<any>((cb) => client.Describe(request, deadlineIn(30_000), cb));
    expect(withoutTimings(last.result)).toEqual(withoutTimings(unary.response));
    expect(last.result).toMatchObject({ task: 'decision', schemaValid: true, engine: { id: 'jw3-rules' } });
    client.close();
  });

  it('ends with the typed status and no message when the request is refused', async () => {
    const client = describerClient(system.ports.describer!);
    const unknown = await collect<any>(
      client.DescribeStream({ text: 'Hello there.', task: 'nope' }, deadlineIn(30_000)),
    );
    expect(unknown.messages).toEqual([]);
    expect(unknown.error?.code).toBe(3); // INVALID_ARGUMENT
    expect(unknown.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unknown_task']);
    const large = await collect<any>(client.DescribeStream({ text: 'x'.repeat(3_000) }, deadlineIn(30_000)));
    expect(large.messages).toEqual([]);
    expect(large.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['text_too_large']);
    client.close();
  });
});
