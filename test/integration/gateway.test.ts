// The whole system in one process, called over real HTTP: happy paths and every kind of bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { getJson, postJson, postRaw, startTestSystem } from '../support/system.ts';

let system: RunningSystem;
let base: string;

beforeAll(async () => {
  system = await startTestSystem('all', { maxTextBytes: '4096', maxBatchItems: '4' });
  base = `http://127.0.0.1:${system.ports.http}`;
});
afterAll(async () => system?.stop());

function expectError(result: { status: number; body: any }, status: number, code: string) {
  expect(result.status).toBe(status);
  expect(result.body.error.code).toBe(code);
  expect(typeof result.body.error.message).toBe('string');
  expect(result.body.error.message.length).toBeGreaterThan(0);
}

describe('gateway happy paths', () => {
  it('corrects the README example with edits whose offsets point into the original text', async () => {
    const text = 'She go to scool evry day .';
    const result = await postJson(base, '/v1/clean', { text });
    expect(result.status).toBe(200);
    expect(result.body.cleanedText).toContain('school');
    expect(result.body.cleanedText).toContain('every');
    expect(result.body.skipped).toBe(false);
    expect(result.body.edits.length).toBeGreaterThanOrEqual(2);
    for (const edit of result.body.edits) {
      expect(text.slice(edit.start, edit.end)).toBe(edit.original);
      expect(typeof edit.kind).toBe('string');
      expect(edit.kind).not.toMatch(/^EDIT_KIND_/);
    }
    expect(result.body.engine).toMatchObject({ kind: 'default', id: 'jw2-rules' });
    expect(result.headers.get('x-request-id')).toBeTruthy();
  });

  it('reports a word it cannot fix safely as a flag in the whole text, and does not skip its sentence', async () => {
    const text = 'All is well here. The nocive gas filled the room.';
    const result = await postJson(base, '/v1/clean', { text });
    expect(result.status).toBe(200);
    expect(result.body.cleanedText).toBe(text);
    expect(result.body.skipped).toBe(false);
    expect(result.body.flags).toEqual([
      { start: 22, end: 28, kind: 'spelling', message: expect.stringContaining('nocive'), rule: 'spelling' },
    ]);
    expect(text.slice(22, 28)).toBe('nocive');
  });

  it('serves a repeated text from the cache, but never to a request in another language', async () => {
    const text = 'He have two cat.';
    const first = await postJson(base, '/v1/clean', { text, language: 'en' });
    expect(first.body).toMatchObject({ skipped: false });
    expect(first.body.usage.inputTokens).toBeGreaterThan(0);
    const again = await postJson(base, '/v1/clean', { text, language: 'en' });
    expect(again.body).toMatchObject({
      skipped: true,
      skipReason: 'cache_hit',
      cleanedText: first.body.cleanedText,
      edits: first.body.edits,
    });
    // A hit spends no model tokens: per-request token accounting must not count the first request twice.
    expect(again.body.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    const german = await postJson(base, '/v1/clean', { text, language: 'de' });
    expect(german.body).toMatchObject({ skipped: true, skipReason: 'unsupported_language', cleanedText: text });
  });

  it('skips clean text with the reason already_clean and returns it unchanged', async () => {
    const text = 'The weather is nice today.';
    const result = await postJson(base, '/v1/clean', { text });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ cleanedText: text, skipped: true, skipReason: 'already_clean', edits: [] });
  });

  it('skips trivial and invisible-only text without calling the model', async () => {
    const trivial = await postJson(base, '/v1/clean', { text: '42 :-)' });
    expect(trivial.body).toMatchObject({ skipped: true, skipReason: 'trivial' });
    const invisible = await postJson(base, '/v1/clean', { text: 'a\u200b' });
    expect(invisible.body).toMatchObject({ skipped: true, skipReason: 'trivial' });
  });

  it('skips text in a language the cleaner does not handle', async () => {
    const result = await postJson(base, '/v1/clean', { text: 'Это предложение написано по-русски.' });
    expect(result.body).toMatchObject({ skipped: true, skipReason: 'unsupported_language' });
  });

  it('describes text as schema-valid JSON', async () => {
    const result = await postJson(base, '/v1/describe', { text: 'Mail jane@example.com before 12 March 2024.' });
    expect(result.status).toBe(200);
    expect(result.body.schemaValid).toBe(true);
    expect(result.body.task).toBe('describe');
    const emails = result.body.json.entities.filter((entity: { type: string }) => entity.type === 'email');
    expect(emails.map((entity: { text: string }) => entity.text)).toEqual(['jane@example.com']);
  });

  it('processes clean-then-describe and describes the cleaned text', async () => {
    const result = await postJson(base, '/v1/process', { text: 'She go to scool evry day .' });
    expect(result.status).toBe(200);
    expect(result.body.clean.cleanedText).toContain('school');
    expect(result.body.describe.schemaValid).toBe(true);
    expect(result.body.describe.json.counts.words).toBeGreaterThan(3);
    expect(result.body.requestId).toBe(result.headers.get('x-request-id'));
  });

  it('answers a batch item by item, in order, with one bad item failing alone', async () => {
    const result = await postJson(base, '/v1/clean:batch', {
      items: [{ text: 'I has a scool.' }, { text: '' }, { text: 5 }, { text: 'Fine text here.' }],
    });
    expect(result.status).toBe(200);
    expect(result.body.items).toHaveLength(4);
    expect(result.body.items[0].ok.cleanedText).toContain('school');
    expect(result.body.items[1].error.code).toBe('empty_text');
    expect(result.body.items[2].error.code).toBe('invalid_argument');
    expect(result.body.items[3].ok.cleanedText).toBe('Fine text here.');
  });

  it('reports liveness and readiness', async () => {
    expect((await getJson(base, '/healthz')).status).toBe(200);
    const ready = await getJson(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.agents).toEqual({ cleaner: 'SERVING', describer: 'SERVING' });
  });
});

describe('gateway bad input', () => {
  it('refuses empty text', async () =>
    expectError(await postJson(base, '/v1/clean', { text: '   ' }), 400, 'empty_text'));
  it('refuses text over the limit with 413', async () =>
    expectError(await postJson(base, '/v1/clean', { text: 'a'.repeat(5000) }), 413, 'text_too_large'));
  it('refuses a body far over the limit with 413', async () =>
    expectError(await postJson(base, '/v1/clean', { text: 'a'.repeat(200_000) }), 413, 'text_too_large'));
  it('refuses invalid UTF-8', async () =>
    expectError(
      await postRaw(
        base,
        '/v1/clean',
        Buffer.concat([Buffer.from('{"text":"ab'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      ),
      400,
      'invalid_text',
    ));
  it('refuses NUL and control characters', async () => {
    expectError(await postJson(base, '/v1/clean', { text: 'abc\u0000def' }), 400, 'invalid_text');
    expectError(await postJson(base, '/v1/clean', { text: 'abc\u0007def' }), 400, 'invalid_text');
  });
  it('refuses lone surrogates', async () =>
    expectError(await postRaw(base, '/v1/clean', '{"text":"ab\\ud800cd"}'), 400, 'invalid_text'));
  it('refuses malformed JSON', async () =>
    expectError(await postRaw(base, '/v1/clean', '{"text": "abc"'), 400, 'malformed_json'));
  it('refuses an empty body', async () => expectError(await postRaw(base, '/v1/clean', ''), 400, 'malformed_json'));
  it('refuses wrong field types without coercion', async () =>
    expectError(await postJson(base, '/v1/clean', { text: 42 }), 400, 'invalid_argument'));
  it('refuses unknown fields', async () =>
    expectError(await postJson(base, '/v1/clean', { text: 'hi there', txet: 'x' }), 400, 'invalid_argument'));
  it('refuses a missing text', async () => expectError(await postJson(base, '/v1/clean', {}), 400, 'invalid_argument'));
  it('refuses other media types with 415', async () =>
    expectError(await postRaw(base, '/v1/clean', 'text=hi', 'text/plain'), 415, 'unsupported_media_type'));
  it('refuses an unknown describe task', async () =>
    expectError(await postJson(base, '/v1/describe', { text: 'Hello there.', task: 'nope' }), 400, 'unknown_task'));
  it('refuses an unsupported inline schema', async () =>
    expectError(
      await postJson(base, '/v1/describe', { text: 'Hello there.', schema: { type: 'string', pattern: '(a)\\1' } }),
      400,
      'unsupported_schema',
    ));
  it('refuses batches over the limit', async () =>
    expectError(
      await postJson(base, '/v1/clean:batch', { items: Array.from({ length: 5 }, () => ({ text: 'hi there' })) }),
      413,
      'batch_too_large',
    ));
  it('answers unknown routes with a typed 404', async () =>
    expectError(await postJson(base, '/v1/nope', { text: 'x' }), 404, 'not_found'));
  it('still serves after all of the above', async () => {
    expect((await postJson(base, '/v1/clean', { text: 'I recieve mail.' })).body.cleanedText).toBe('I receive mail.');
  });
});
