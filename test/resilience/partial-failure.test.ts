// One sentence of a long text fails and the others do not: the caller gets the cleaned sentences, the
// failed one's original text in place, and its offsets and error in failedSentences. Sentences of one
// text are cleaned in parallel, but never more at once than jw1's sentence parallelism allows.
import { describe, expect, it } from 'vitest';
import { useFaultySystem } from '../support/fault-engine.ts';
import { postJson } from '../support/system.ts';

const SENTENCE_PARALLELISM = 2;

describe('a long text cleaned sentence by sentence', () => {
  const faulty = useFaultySystem({
    requestTimeoutMs: '5000',
    cacheMaxEntries: '0',
    sentenceParallelism: String(SENTENCE_PARALLELISM),
  });

  it('answers 200 with the other sentences cleaned and the failed one kept and reported', async () => {
    const { engine, base } = faulty;
    const failing = 'She go to scool evry day .';
    const text = `I recieve mail.  ${failing}\nThanks alot for the help.`;
    const failingStart = text.indexOf(failing);
    engine.mode = { kind: 'fail-matching', pattern: /scool/, code: 'model_error' };
    const callsBefore = engine.calls;

    const result = await postJson(base, '/v1/clean', { text });

    expect(result.status).toBe(200);
    expect(engine.calls - callsBefore).toBe(3);
    expect(result.body.cleanedText).toBe(`I receive mail.  ${failing}\nThanks a lot for the help.`);
    expect(result.body.failedSentences).toEqual([
      {
        start: failingStart,
        end: failingStart + failing.length,
        error: { code: 'model_error', message: expect.any(String) },
      },
    ]);
    expect(result.body.verifiedClean).toBe(false);
    expect(result.body.edits.map((edit: { original: string }) => edit.original)).toEqual(
      expect.arrayContaining(['recieve', 'alot']),
    );
    for (const edit of result.body.edits) {
      expect(text.slice(edit.start, edit.end)).toBe(edit.original);
      const insideFailed = edit.start < failingStart + failing.length && edit.end > failingStart;
      expect(insideFailed).toBe(false);
    }
  });

  it('reports no failed sentences when every sentence is cleaned', async () => {
    const { base } = faulty;
    const text = 'I recieve mail.  She go to scool evry day .\nThanks alot for the help.';
    const result = await postJson(base, '/v1/clean', { text });
    expect(result.status).toBe(200);
    expect(result.body.cleanedText).toBe('I receive mail.  She goes to school every day.\nThanks a lot for the help.');
    expect(result.body.failedSentences).toBeUndefined();
  });

  it(`never has more than ${SENTENCE_PARALLELISM} sentences of one text at the model at once`, async () => {
    const { engine, base } = faulty;
    const sentences = [
      'She go to scool evry day .',
      'He go to scool evry week .',
      'She go to scool evry morning .',
      'He go to the libary evry day .',
      'She go to werk evry day .',
      'I recieve mail number 3.',
    ];
    engine.mode = { kind: 'slow', delayMs: 150 };
    engine.resetPeak();
    const callsBefore = engine.calls;

    const result = await postJson(base, '/v1/clean', { text: sentences.join(' ') });

    expect(result.status).toBe(200);
    expect(engine.calls - callsBefore).toBe(sentences.length);
    // Exactly the bound: sentences do run in parallel, and no more of them than allowed.
    expect(engine.peakInFlight).toBe(SENTENCE_PARALLELISM);
    expect(result.body.cleanedText).toBe(
      'She goes to school every day. He goes to school every week. She goes to school every morning. He goes to the library every day. She goes to work every day. I receive mail number 3.',
    );
    expect(result.body.failedSentences).toBeUndefined();
  });

  // Last: its failures count toward the cleaner's circuit breaker.
  it('answers with the error itself, not the unchanged input, when every sentence fails', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'fail-matching', pattern: /./, code: 'model_error' };
    const result = await postJson(base, '/v1/clean', { text: 'I recieve mail. She go to scool evry day .' });
    expect(result.status).toBe(500);
    expect(result.body.error.code).toBe('model_error');
  });
});
