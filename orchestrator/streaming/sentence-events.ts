// A clean's per-sentence outcomes as the stream's sentence events: offsets moved into the whole text, a
// failed sentence carrying its error and its original text. Failures wait for the first success: if
// every sentence fails, the request fails as its unary twin would (or answers degraded), and no
// sentence event has gone out, so an HTTP caller gets the plain typed error (a 429 with Retry-After, say)
// rather than a started stream.
import { toMprError } from '../../lib/errors.ts';
import type { CleanSentenceResult__Output } from '../../proto/generated/mpr/v1/CleanSentenceResult.ts';
import type { SentenceListener } from '../pipeline.ts';
import { editsInText, type SentenceOutcome } from '../sentences/index.ts';

export function sentenceResult(outcome: SentenceOutcome, index: number, count: number): CleanSentenceResult__Output {
  const { span } = outcome;
  const place = { index, sentenceCount: count, start: span.start, end: span.end };
  if ('error' in outcome) {
    return {
      ...place,
      cleanedText: span.text,
      edits: [],
      flags: [],
      skipped: false,
      skipReason: 'SKIP_REASON_UNSPECIFIED',
      verifiedClean: false,
      guardFallback: false,
      error: toMprError(outcome.error).toJSON(),
    };
  }
  const { response } = outcome;
  return {
    ...place,
    cleanedText: response.cleanedText,
    edits: editsInText(response.edits, span),
    flags: editsInText(response.flags ?? [], span),
    skipped: response.skipped,
    skipReason: response.skipReason,
    verifiedClean: response.verifiedClean,
    guardFallback: response.guardFallback,
    error: null,
  };
}

/** The pipeline's sentence listener that emits each sentence's event (failures after a first success). */
export function sentenceReporter(emit: (sentence: CleanSentenceResult__Output) => void): SentenceListener {
  let succeeded = false;
  const heldFailures: CleanSentenceResult__Output[] = [];
  return (outcome, index, count) => {
    const sentence = sentenceResult(outcome, index, count);
    if ('error' in outcome && !succeeded) {
      heldFailures.push(sentence);
      return;
    }
    emit(sentence);
    if (!succeeded) {
      succeeded = true;
      for (const failure of heldFailures.splice(0)) emit(failure);
    }
  };
}
