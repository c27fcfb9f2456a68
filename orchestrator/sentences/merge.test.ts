import { describe, expect, it } from 'vitest';
import { MprError } from '../../lib/errors.ts';
import type { CleanResponse__Output } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import { unchangedResponse } from '../clean-response.ts';
import { mergeSentences } from './merge.ts';
import { splitSentences } from './split.ts';

function response(cleanedText: string, extra: Partial<CleanResponse__Output> = {}): CleanResponse__Output {
  return unchangedResponse(cleanedText, 0, {
    usage: { inputTokens: 3, outputTokens: 3 },
    timings: null,
    engine: { kind: 'default', id: 'jw2-rules', version: '1', executionProvider: '' },
    ...extra,
  });
}

describe('mergeSentences', () => {
  const text = 'I recieve it.\n\n  Thanks  alot!';
  const spans = splitSentences(text);

  it('reassembles with the original whitespace and moves edit offsets into the whole text', () => {
    const merged = mergeSentences(
      text,
      [
        {
          span: spans[0]!,
          response: response('I receive it.', {
            edits: [
              {
                start: 2,
                end: 9,
                original: 'recieve',
                replacement: 'receive',
                kind: 'EDIT_KIND_SPELLING',
                message: '',
              },
            ],
          }),
        },
        {
          span: spans[1]!,
          response: response('Thanks a lot!', {
            edits: [
              { start: 6, end: 12, original: '  alot', replacement: ' a lot', kind: 'EDIT_KIND_SPELLING', message: '' },
            ],
          }),
        },
      ],
      5,
    );
    expect(merged.cleanedText).toBe('I receive it.\n\n  Thanks a lot!');
    for (const edit of merged.edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    expect(merged.usage).toEqual({ inputTokens: 6, outputTokens: 6 });
    expect(merged.skipped).toBe(false);
  });

  it('keeps the original text of a failed sentence and reports it, the rest still cleaned', () => {
    const merged = mergeSentences(
      text,
      [
        { span: spans[0]!, error: new MprError('unavailable', 'down') },
        { span: spans[1]!, response: response('Thanks a lot!') },
      ],
      1,
    );
    expect(merged.cleanedText).toBe('I recieve it.\n\n  Thanks a lot!');
    expect(merged.failedSentences).toEqual([{ start: 0, end: 13, error: { code: 'unavailable', message: 'down' } }]);
  });

  it('is skipped with a reason only when every sentence was skipped for that reason', () => {
    const skip = (reason: CleanResponse__Output['skipReason']) => response('x', { skipped: true, skipReason: reason });
    const two = 'One is here. Two is there.';
    const same = mergeSentences(
      two,
      splitSentences(two).map((span) => ({
        span,
        response: { ...skip('SKIP_REASON_ALREADY_CLEAN'), cleanedText: span.text },
      })),
      1,
    );
    expect(same).toMatchObject({ skipped: true, skipReason: 'SKIP_REASON_ALREADY_CLEAN', cleanedText: two });
    const [first, second] = splitSentences(two);
    const mixed = mergeSentences(
      two,
      [
        { span: first!, response: skip('SKIP_REASON_ALREADY_CLEAN') },
        { span: second!, response: response('Two is there.') },
      ],
      1,
    );
    expect(mixed.skipped).toBe(false);
  });

  it('is verified clean only when the model saw a sentence and reproduced every one it saw', () => {
    const two = 'One is here. Two is there.';
    const [first, second] = splitSentences(two);
    const verified = (span: typeof first) => ({ span: span!, response: response(span!.text, { verifiedClean: true }) });
    const skippedClean = {
      span: first!,
      response: response(first!.text, { skipped: true, skipReason: 'SKIP_REASON_ALREADY_CLEAN' }),
    };
    expect(mergeSentences(two, [verified(first), verified(second)], 1).verifiedClean).toBe(true);
    // A sentence the gate skipped is not the model's verdict, but it does not undo the others'.
    expect(mergeSentences(two, [skippedClean, verified(second)], 1).verifiedClean).toBe(true);
    expect(
      mergeSentences(two, [verified(first), { span: second!, response: response('Two are there.') }], 1).verifiedClean,
    ).toBe(false);
    expect(
      mergeSentences(
        two,
        [
          skippedClean,
          {
            span: second!,
            response: response(second!.text, { skipped: true, skipReason: 'SKIP_REASON_ALREADY_CLEAN' }),
          },
        ],
        1,
      ).verifiedClean,
    ).toBe(false);
    expect(
      mergeSentences(two, [verified(first), { span: second!, error: new MprError('unavailable', 'down') }], 1)
        .verifiedClean,
    ).toBe(false);
  });
});
