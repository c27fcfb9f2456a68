// A streamed text yields the same final result as the unary call, for any multi-sentence text, over
// real HTTP (Server-Sent Events vs JSON) and real gRPC (CleanStream vs Clean); and the streamed
// sentences, put in place, are that result. A text the unary call refuses is refused the same way.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { call, collect, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { postEventStream } from '../support/sse.ts';
import { postJson, startTestSystem } from '../support/system.ts';

let system: RunningSystem;
let base: string;

beforeAll(async () => {
  // No result cache: the second call of each pair must do the same work as the first, not hit the cache.
  system = await startTestSystem('all', { maxTextBytes: '2048', cacheMaxEntries: '0' });
  base = `http://127.0.0.1:${system.ports.http}`;
});
afterAll(async () => system?.stop());

const WORDS = ['she', 'go', 'to', 'scool', 'evry', 'day', 'I', 'recieve', 'the', 'the', 'mail', 'a', 'apple'];
const MORE = ['He', 'have', 'two', 'cat', 'dont', 'like', 'weather', 'is', 'nice', 'today', 'it', 'This', 'fine'];
const sentence = fc.tuple(
  fc.array(fc.constantFrom(...WORDS, ...MORE), { minLength: 1, maxLength: 9 }),
  fc.constantFrom('.', ' .', '!', '?', '...'),
  fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', ' \u00a0'),
);
const multiSentence = fc
  .array(sentence, { minLength: 2, maxLength: 6 })
  .map((sentences) => sentences.map(([words, end, gap]) => `${words.join(' ')}${end}${gap}`).join(''));
// Now and then Unicode noise (astral characters, controls, lone surrogates) after the sentences.
const anyText = fc.oneof(
  { weight: 4, arbitrary: multiSentence },
  {
    weight: 1,
    arbitrary: fc.tuple(multiSentence, fc.string({ unit: 'binary', maxLength: 40 })).map(([a, b]) => a + b),
  },
);

const withoutTimings = ({ timings: _timings, ...rest }: Record<string, any>) => rest;

interface Sentence {
  start: number;
  end: number;
  cleanedText: string;
  edits: { start: number }[];
}

/** The streamed sentences put in place, and their edits in text order: what the result must say. */
function assembled(text: string, sentences: Sentence[]) {
  let cleanedText = text;
  for (const sentence of [...sentences].sort((a, b) => b.start - a.start))
    cleanedText = cleanedText.slice(0, sentence.start) + sentence.cleanedText + cleanedText.slice(sentence.end);
  const edits = sentences.flatMap((sentence) => sentence.edits).sort((a, b) => a.start - b.start);
  return { cleanedText, edits };
}

describe('a streamed clean, for any multi-sentence text', () => {
  it('ends with the result of the unary call (HTTP: event stream vs JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const streamed = await postEventStream(base, '/v1/clean', { text });
        const unary = await postJson(base, '/v1/clean', { text });
        if (unary.status !== 200) {
          expect({ status: streamed.status, body: streamed.body }).toEqual({ status: unary.status, body: unary.body });
          return;
        }
        expect(streamed.status).toBe(200);
        const last = streamed.events.at(-1)!;
        expect(last.event).toBe('result');
        expect(withoutTimings(last.data)).toEqual(withoutTimings(unary.body));
        const sentences = streamed.events.filter((event) => event.event === 'sentence').map((event) => event.data);
        expect(assembled(text, sentences)).toEqual({ cleanedText: unary.body.cleanedText, edits: unary.body.edits });
      }),
      { numRuns: 60 },
    );
  });

  it('ends with the result of the unary call (gRPC: CleanStream vs Clean)', async () => {
    const client = orchestratorClient(system.ports.grpc!);
    try {
      await fc.assert(
        fc.asyncProperty(anyText, async (text) => {
          const streamed = await collect<any>(client.CleanStream({ text }, deadlineIn(30_000)));
          const unary = await call<any>((cb) => client.Clean({ text }, deadlineIn(30_000), cb));
          if (unary.error) {
            expect(streamed.messages).toEqual([]);
            expect([streamed.error?.code, streamed.error?.details]).toEqual([unary.error.code, unary.error.details]);
            return;
          }
          expect(streamed.error).toBeNull();
          const { result } = streamed.messages.at(-1);
          expect(withoutTimings(result)).toEqual(withoutTimings(unary.response));
          const sentences = streamed.messages.slice(0, -1).map((message) => message.sentence);
          expect(assembled(text, sentences)).toEqual({
            cleanedText: unary.response.cleanedText,
            edits: unary.response.edits,
          });
        }),
        { numRuns: 60 },
      );
    } finally {
      client.close();
    }
  });
});
