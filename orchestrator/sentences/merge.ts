// Puts per-sentence clean results back together, the inverse of split.ts: cleaned sentences in place of
// the originals, the original whitespace between them, edit and flag offsets moved into the whole text, usage
// summed, failures reported with the sentence's original text kept.
import { toMprError } from '../../lib/errors.ts';
import type { CleanResponse__Output } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import { unchangedResponse } from '../clean-response.ts';
import type { SentenceSpan } from './split.ts';

export type SentenceOutcome =
  | { span: SentenceSpan; response: CleanResponse__Output }
  | { span: SentenceSpan; error: unknown };

/** A sentence's edits (or flags) with their offsets moved from the sentence into the whole text. */
export function editsInText<Span extends { start: number; end: number }>(
  edits: readonly Span[],
  span: SentenceSpan,
): Span[] {
  return edits.map((edit) => ({ ...edit, start: edit.start + span.start, end: edit.end + span.start }));
}

export function mergeSentences(text: string, outcomes: SentenceOutcome[], totalMs: number): CleanResponse__Output {
  let cleaned = '';
  let cursor = 0;
  // Skipped until a sentence says otherwise; usage, timings and engine come from the sentences' answers.
  const merged = unchangedResponse('', totalMs, { skipped: true, engine: null });
  // Verified clean when the model saw at least one sentence and reproduced every one it saw.
  let modelSentences = 0;
  let verifiedSentences = 0;
  const reasons = new Set<string>();
  for (const outcome of outcomes) {
    const { span } = outcome;
    cleaned += text.slice(cursor, span.start);
    cursor = span.end;
    if ('error' in outcome) {
      cleaned += span.text;
      merged.skipped = false;
      merged.failedSentences.push({ start: span.start, end: span.end, error: toMprError(outcome.error).toJSON() });
      continue;
    }
    const response = outcome.response;
    cleaned += response.cleanedText;
    merged.edits.push(...editsInText(response.edits, span));
    merged.flags.push(...editsInText(response.flags ?? [], span));
    merged.usage!.inputTokens += response.usage?.inputTokens ?? 0;
    merged.usage!.outputTokens += response.usage?.outputTokens ?? 0;
    merged.timings!.prefillMs += response.timings?.prefillMs ?? 0;
    merged.timings!.queueMs += response.timings?.queueMs ?? 0;
    if (response.skipped) reasons.add(response.skipReason);
    else {
      merged.skipped = false;
      modelSentences++;
      if (response.verifiedClean) verifiedSentences++;
    }
    if (response.engine?.id && (!merged.engine?.id || !response.skipped)) merged.engine = response.engine;
    if (response.guardFallback) {
      merged.guardFallback = true;
      merged.guardReason ||= response.guardReason;
    }
    merged.degraded ||= response.degraded;
  }
  cleaned += text.slice(cursor);
  merged.cleanedText = cleaned;
  merged.verifiedClean =
    modelSentences > 0 && verifiedSentences === modelSentences && merged.failedSentences.length === 0;
  // One reason only when every sentence was skipped for the same one; mixed skips read as not skipped.
  if (merged.skipped && reasons.size === 1) merged.skipReason = [...reasons][0] as CleanResponse__Output['skipReason'];
  else merged.skipped = false;
  return merged;
}
