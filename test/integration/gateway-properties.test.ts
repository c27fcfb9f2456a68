// Properties of the gateway for any input, over real HTTP: an answer is either a 200 whose edits point
// into the original text and rebuild the cleaned text exactly, or a typed 4xx; never a 5xx, never a
// crashed process. Inputs: arbitrary Unicode (controls, lone surrogates, astral characters) and
// English-like texts of several sentences with typos and odd whitespace.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { ERROR_TABLE } from '../../lib/errors.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';

let system: RunningSystem;
let base: string;

beforeAll(async () => {
  system = await startTestSystem('all', { maxTextBytes: '2048', maxBatchItems: '8' });
  base = `http://127.0.0.1:${system.ports.http}`;
});
afterAll(async () => system?.stop());

interface Edit {
  start: number;
  end: number;
  original: string;
  replacement: string;
}

/** The cleaned text rebuilt from the original and the edits, checking each edit on the way. */
function rebuilt(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    expect(edit.start).toBeGreaterThanOrEqual(at);
    expect(edit.end).toBeGreaterThanOrEqual(edit.start);
    expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

function expectWellFormed(text: string, status: number, body: any): void {
  if (status === 200) {
    expect(rebuilt(text, body.edits)).toBe(body.cleanedText);
    for (const failed of body.failedSentences ?? []) expect(failed.end).toBeLessThanOrEqual(text.length);
    return;
  }
  expect([400, 413], JSON.stringify(body)).toContain(status);
  expect(ERROR_TABLE[body.error.code as keyof typeof ERROR_TABLE]?.http).toBe(status);
  expect(body.error.message.length).toBeGreaterThan(0);
}

const WORDS = [
  'she',
  'go',
  'to',
  'scool',
  'evry',
  'day',
  'I',
  'recieve',
  'the',
  'the',
  'mail',
  'a',
  'apple',
  'He',
  'have',
  'two',
  'cat',
  'dont',
  'like',
  'weather',
  'is',
  'nice',
  'today',
  'it',
];
const englishLike = fc
  .array(
    fc.tuple(
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 }),
      fc.constantFrom('.', ' .', '!', '?', '', '...'),
      fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', ' \u00a0'),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((sentences) => sentences.map(([words, end, gap]) => `${words.join(' ')}${end}${gap}`).join(''));
const anyUnicode = fc.string({ unit: 'binary', maxLength: 120 });
const anyText = fc.oneof(
  englishLike,
  anyUnicode,
  fc.tuple(englishLike, anyUnicode).map(([a, b]) => a + b),
);

describe('the gateway, for any text', () => {
  it('answers /v1/clean with exact edits or a typed 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const { status, body } = await postJson(base, '/v1/clean', { text });
        expectWellFormed(text, status, body);
      }),
      { numRuns: 150 },
    );
    expect((await getJson(base, '/healthz')).status).toBe(200);
  });

  it('answers a batch item by item, in order, each well formed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 8 }), async (texts) => {
        const { status, body } = await postJson(base, '/v1/clean:batch', { items: texts.map((text) => ({ text })) });
        expect(status).toBe(200);
        expect(body.items).toHaveLength(texts.length);
        texts.forEach((text, i) => {
          const item = body.items[i];
          // An item's error carries no status of its own: the one its code has in the error table.
          if (item.ok) expectWellFormed(text, 200, item.ok);
          else expectWellFormed(text, ERROR_TABLE[item.error.code as keyof typeof ERROR_TABLE]?.http ?? 500, item);
        });
      }),
      { numRuns: 40 },
    );
    expect((await getJson(base, '/healthz')).status).toBe(200);
  });
});
