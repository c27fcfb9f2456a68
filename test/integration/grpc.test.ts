// The agents and the orchestrator called over real gRPC on loopback: results, typed statuses with
// reasons, health, reflection and deadlines.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { optionalPart } from '../support/optional.ts';
import { startTestSystem } from '../support/system.ts';
import {
  call,
  cleanerClient,
  deadlineIn,
  describerClient,
  healthClient,
  orchestratorClient,
  reflectionClient,
} from '../support/grpc-clients.ts';

const linkGrammar = await optionalPart('link-grammar');
let system: RunningSystem;

beforeAll(async () => {
  system = await startTestSystem('all', { maxTextBytes: '2048' });
});
afterAll(async () => system?.stop());

describe('CleanerService', () => {
  it('cleans text and reports edits with enum kinds, usage and engine', async () => {
    const client = cleanerClient(system.ports.cleaner!);
    const text = 'She go to scool evry day .';
    const { error, response } = await call<any>((cb) => client.Clean({ text }, deadlineIn(5000), cb));
    expect(error).toBeNull();
    expect(response.cleanedText).toContain('school');
    expect(response.edits.length).toBeGreaterThan(0);
    for (const edit of response.edits) {
      expect(edit.kind).toMatch(/^EDIT_KIND_[A-Z_]+$/);
      expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    }
    expect(response.engine.id).toBe('jw2-rules');
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    client.close();
  });

  it('checks cheaply and names the language', async () => {
    const client = cleanerClient(system.ports.cleaner!);
    const clean = await call<any>((cb) => client.Check({ text: 'This sentence is fine.' }, deadlineIn(5000), cb));
    expect(clean.response).toMatchObject({ language: 'en', languageSupported: true, needsCleaning: false });
    const dirty = await call<any>((cb) => client.Check({ text: 'I recieve it tomorow.' }, deadlineIn(5000), cb));
    expect(dirty.response.needsCleaning).toBe(true);
    expect(dirty.response.issues.length).toBeGreaterThan(0);
    client.close();
  });

  it('with check_first, answers without the model when the checker finds nothing to do', async () => {
    const client = cleanerClient(system.ports.cleaner!);
    const clean = await call<any>((cb) =>
      client.Clean({ text: 'This sentence is fine.', checkFirst: true }, deadlineIn(5000), cb),
    );
    expect(clean.response).toMatchObject({
      cleanedText: 'This sentence is fine.',
      skipped: true,
      skipReason: 'SKIP_REASON_ALREADY_CLEAN',
      edits: [],
    });
    expect(clean.response.engine.id).toBe('jw2-rules');
    const russian = await call<any>((cb) =>
      client.Clean({ text: 'Это предложение написано по-русски.', checkFirst: true }, deadlineIn(5000), cb),
    );
    expect(russian.response).toMatchObject({ skipped: true, skipReason: 'SKIP_REASON_UNSUPPORTED_LANGUAGE' });
    const dirty = await call<any>((cb) =>
      client.Clean({ text: 'I recieve it tomorow.', checkFirst: true }, deadlineIn(5000), cb),
    );
    expect(dirty.response).toMatchObject({ skipped: false, cleanedText: 'I receive it tomorrow.' });
    const verdicts = await Promise.all(
      ['This sentence is fine.', 'I recieve it tomorow.'].map((text) =>
        call<any>((cb) => client.Check({ text }, deadlineIn(5000), cb)),
      ),
    );
    expect(verdicts.map((result) => result.response.verdict)).toEqual([
      'SKIP_REASON_ALREADY_CLEAN',
      'SKIP_REASON_UNSPECIFIED',
    ]);
    client.close();
  });

  it(
    'sends a sentence its rules pass but the grammar parser cannot link to the model',
    linkGrammar.options,
    async () => {
      // The system starts with MPR_CLEANER_CHECKER_PARSER=auto, and .ci/run installs Link Grammar.
      const client = cleanerClient(system.ports.cleaner!);
      const text = 'New plant could not grow after the fires.';
      const check = await call<any>((cb) => client.Check({ text }, deadlineIn(5000), cb));
      expect(check.response).toMatchObject({ needsCleaning: true, verdict: 'SKIP_REASON_UNSPECIFIED' });
      expect(check.response.issues).toEqual([
        expect.objectContaining({
          start: 0,
          end: text.length,
          kind: 'EDIT_KIND_GRAMMAR',
          message: expect.stringContaining('grammar parser'),
        }),
      ]);
      const fixed = await call<any>((cb) =>
        client.Clean({ text: 'New plants could not grow after the fires.', checkFirst: true }, deadlineIn(5000), cb),
      );
      expect(fixed.response).toMatchObject({ skipped: true, skipReason: 'SKIP_REASON_ALREADY_CLEAN' });
      client.close();
    },
  );

  it('answers bad input with INVALID_ARGUMENT / RESOURCE_EXHAUSTED and the stable reason code', async () => {
    const client = cleanerClient(system.ports.cleaner!);
    const empty = await call((cb) => client.Clean({ text: '' }, deadlineIn(5000), cb));
    expect(empty.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(empty.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['empty_text']);
    const control = await call((cb) => client.Clean({ text: 'a\u0000b' }, deadlineIn(5000), cb));
    expect(control.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(control.error?.details).toMatch(/invalid_text: .*U\+0000/);
    const large = await call((cb) => client.Clean({ text: 'x'.repeat(3000) }, deadlineIn(5000), cb));
    expect(large.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(large.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['text_too_large']);
    client.close();
  });
});

describe('DescriberService', () => {
  it('returns schema-valid JSON for each named task and refuses unknown ones', async () => {
    const client = describerClient(system.ports.describer!);
    for (const task of ['describe', 'decision', 'traits']) {
      const { error, response } = await call<any>((cb) =>
        client.Describe({ text: 'Please refund my order 1234 today!', task }, deadlineIn(5000), cb),
      );
      expect(error).toBeNull();
      expect(response.task).toBe(task);
      expect(response.schemaValid).toBe(true);
      expect(() => JSON.parse(response.json)).not.toThrow();
    }
    const unknown = await call((cb) => client.Describe({ text: 'hello there', task: 'poem' }, deadlineIn(5000), cb));
    expect(unknown.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(unknown.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unknown_task']);
    client.close();
  });
});

describe('Orchestrator service', () => {
  it('processes clean then describe over gRPC', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const { error, response } = await call<any>((cb) =>
      client.Process(
        { text: 'I recieve the the letter.', mode: 'PROCESS_MODE_CLEAN_THEN_DESCRIBE', requestId: 'r-1' },
        deadlineIn(5000),
        cb,
      ),
    );
    expect(error).toBeNull();
    expect(response.requestId).toBe('r-1');
    expect(response.clean.cleanedText).toBe('I receive the letter.');
    expect(JSON.parse(response.describe.json).counts.words).toBe(4);
    client.close();
  });

  it('gives per-item results in CleanBatch', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const { response } = await call<any>((cb) =>
      client.CleanBatch({ items: [{ text: 'evry day' }, { text: '' }] }, deadlineIn(5000), cb),
    );
    expect(response.items[0].ok.cleanedText).toBe('Every day');
    expect(response.items[1].error.code).toBe('empty_text');
    client.close();
  });

  it('honours the caller deadline', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    const { error } = await call((cb) =>
      client.Clean({ text: 'She go to scool evry day .' }, { deadline: Date.now() + 1 }, cb),
    );
    expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    client.close();
  });
});

describe('standard services on every gRPC port', () => {
  it('serves grpc.health.v1 for the server and each service', async () => {
    const checks: Array<[number, string]> = [
      [system.ports.cleaner!, 'mpr.v1.CleanerService'],
      [system.ports.describer!, 'mpr.v1.DescriberService'],
      [system.ports.grpc!, 'mpr.v1.Orchestrator'],
    ];
    for (const [port, service] of checks) {
      const client = healthClient(port);
      for (const name of ['', service]) {
        const { response } = await call<any>((cb) => client.check({ service: name }, deadlineIn(3000), cb));
        expect(response.status).toBe('SERVING');
      }
      const unknown = await call((cb) => client.check({ service: 'nope.Service' }, deadlineIn(3000), cb));
      expect(unknown.error?.code).toBe(grpc.status.NOT_FOUND);
      client.close();
    }
  });

  it('serves reflection that lists the mpr.v1 services', async () => {
    const client = reflectionClient(system.ports.cleaner!);
    const stream = client.ServerReflectionInfo();
    const listed = await new Promise<string[]>((resolve, reject) => {
      stream.on('data', (message: any) =>
        resolve(message.list_services_response.service.map((s: { name: string }) => s.name)),
      );
      stream.on('error', reject);
      stream.write({ list_services: '' });
    });
    stream.end();
    expect(listed).toEqual(expect.arrayContaining(['mpr.v1.CleanerService', 'mpr.v1.DescriberService']));
    client.close();
  });
});
