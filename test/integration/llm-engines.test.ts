// `mpr serve` with both agents on a tiny random-weight model (made here with makeTinyModel), through the
// real start-up path: manifest + --cleaner-model/--describer-model -> LLM engines on CPU. The tiny
// model's free output is noise, so the cleaner's guard must refuse it; the describer's constrained
// decoding must still answer every task with schema-valid JSON. A cancelled call stops decoding.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { makeTinyModel } from '../../models/tools/index.ts';
import { call, cleanerClient, deadlineIn, describerClient, orchestratorClient } from '../support/grpc-clients.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';

let dir: string;
let system: RunningSystem;
let modelId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-llm-engines-'));
  const modelDir = join(dir, 'tiny-llama');
  await makeTinyModel({ out: modelDir, seed: 5 });
  modelId = basename(modelDir);
  system = await startTestSystem('all', { cleanerModel: modelDir, describerModel: modelDir });
});

afterAll(async () => {
  await system?.stop();
  await rm(dir, { recursive: true, force: true });
});

const LLM_ENGINE = () => ({ kind: 'llm', id: modelId, version: 'local', executionProvider: 'cpu' });

describe('LLM cleaner behind mpr serve', () => {
  it('answers Clean with the LLM engine and falls back to the input when the guard refuses the noise', async () => {
    const client = cleanerClient(system.ports.cleaner!);
    const text = 'She go to scool evry day.';
    const { error, response } = await call<any>((cb) => client.Clean({ text }, deadlineIn(20_000), cb));
    expect(error).toBeNull();
    expect(response.engine).toEqual(LLM_ENGINE());
    expect(response.guardFallback).toBe(true);
    expect(response.guardReason).toMatch(/^(empty_output|edit_ratio \d+\.\d\d > 0\.5)$/);
    expect(response.cleanedText).toBe(text);
    expect(response.edits).toEqual([]);
    expect(response.usage.inputTokens).toBeGreaterThan(10);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.timings.timeToFirstTokenMs).toBeGreaterThan(0);
    client.close();
  });

  it('keeps check() on the embedded checker', async () => {
    const client = cleanerClient(system.ports.cleaner!);
    const { response } = await call<any>((cb) => client.Check({ text: 'I recieve it tomorow.' }, deadlineIn(5000), cb));
    expect(response).toMatchObject({ language: 'en', needsCleaning: true, engine: LLM_ENGINE() });
    client.close();
  });

  it('names the model in the HTTP gateway answer', async () => {
    const base = `http://127.0.0.1:${system.ports.http}`;
    const { status, body } = await postJson(base, '/v1/clean', { text: 'Their going too the store tomorow.' });
    expect(status).toBe(200);
    expect(body.engine).toEqual(LLM_ENGINE());
    expect(body.guardFallback).toBe(true);
    expect(body.cleanedText).toBe('Their going too the store tomorow.');
  });

  it('stops decoding when the caller cancels the gRPC call', async () => {
    const metrics = `http://127.0.0.1:${system.ports.cleanerMetrics}`;
    const cancelledCalls = async (): Promise<number> => {
      const { body } = await getJson(metrics, '/metrics');
      const line = String(body)
        .split('\n')
        .find(
          (l) =>
            l.startsWith('mpr_grpc_server_handled_total') &&
            l.includes('method="Clean"') &&
            l.includes('code="CANCELLED"'),
        );
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await cancelledCalls();
    // Greedy decoding of this prompt runs to its budget (about 900 tokens, seconds on CPU) unless stopped;
    // a handler that ignored the signal would finish with OK instead of CANCELLED.
    const text = Array.from(
      { length: 15 },
      (_, i) => `Line ${i}: the parcel arrived late and nobody answered my emails.`,
    ).join('\n');
    const client = cleanerClient(system.ports.cleaner!);
    const pending = call<any>((cb) => {
      const c = client.Clean({ text, generation: { maxNewTokens: 2000 } }, deadlineIn(60_000), cb);
      setTimeout(() => c.cancel(), 300);
      return c;
    });
    const { error } = await pending;
    expect(error?.code).toBe(1); // CANCELLED on the client side
    await expect.poll(cancelledCalls, { timeout: 30_000, interval: 100 }).toBe(before + 1);
    client.close();
  });
});

describe('LLM describer behind mpr serve', () => {
  it('answers every named task with constrained, schema-valid JSON naming the model', async () => {
    const client = describerClient(system.ports.describer!);
    const text = 'My parcel arrived two weeks late and support never answered. I want a refund.';
    const results = await Promise.all(
      ['describe', 'decision', 'traits'].map((task) =>
        call<any>((cb) => client.Describe({ text, task }, deadlineIn(60_000), cb)).then((r) => ({ task, ...r })),
      ),
    );
    for (const { task, error, response } of results) {
      expect(error, task).toBeNull();
      expect(response).toMatchObject({
        task,
        schemaValid: true,
        schemaErrors: [],
        constrained: true,
        engine: LLM_ENGINE(),
      });
      expect(JSON.parse(response.json)).toBeTypeOf('object');
      expect(response.usage.outputTokens).toBeGreaterThan(0);
    }
    client.close();
  });

  it('answers an inline schema with instructions', async () => {
    const client = describerClient(system.ports.describer!);
    const schemaJson = JSON.stringify({
      type: 'object',
      properties: {
        label: { enum: ['positive', 'negative', 'neutral'] },
        score: { type: 'integer', minimum: 1, maximum: 5 },
      },
      required: ['label', 'score'],
      additionalProperties: false,
    });
    const { error, response } = await call<any>((cb) =>
      client.Describe(
        { text: 'Great service, thanks!', schemaJson, instructions: 'Rate the sentiment.' },
        deadlineIn(30_000),
        cb,
      ),
    );
    expect(error).toBeNull();
    expect(response).toMatchObject({ task: 'custom', schemaValid: true, constrained: true });
    const document = JSON.parse(response.json);
    expect(['positive', 'negative', 'neutral']).toContain(document.label);
    expect(Number.isInteger(document.score) && document.score >= 1 && document.score <= 5).toBe(true);
    client.close();
  });

  it('refuses a token budget below the shortest valid document before decoding', async () => {
    const client = describerClient(system.ports.describer!);
    const { error } = await call<any>((cb) =>
      client.Describe(
        { text: 'Hello there.', task: 'decision', generation: { maxNewTokens: 3 } },
        deadlineIn(10_000),
        cb,
      ),
    );
    expect(error?.code).toBe(3); // INVALID_ARGUMENT
    expect(error?.metadata.get(ERROR_CODE_KEY)).toEqual(['invalid_argument']);
    expect(error?.details).toContain('shortest document');
    client.close();
  });

  it('gets the generation settings of a Process call through jw1, over gRPC and HTTP', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const { error } = await call<any>((cb) =>
      client.Process(
        { text: 'Hello there.', mode: 'PROCESS_MODE_DESCRIBE', task: 'decision', generation: { maxNewTokens: 3 } },
        deadlineIn(10_000),
        cb,
      ),
    );
    expect(error?.code).toBe(3); // INVALID_ARGUMENT from jw3: the budget reached it
    expect(error?.details).toContain('shortest document');
    client.close();
    const http = await postJson(`http://127.0.0.1:${system.ports.http}`, '/v1/process', {
      text: 'Hello there.',
      mode: 'describe',
      task: 'decision',
      generation: { maxNewTokens: 3 },
    });
    expect(http.status).toBe(400);
    expect(http.body.error.message).toContain('shortest document');
  });
});
