// Wire messages -> the gateway's JSON: enums as short lower-case names, the describer's JSON text as a
// JSON value, proto3's "unset" zero values dropped where they would mislead.
import { MprError } from '../../lib/errors.ts';
import { EDIT_KIND_PREFIX, SKIP_REASON_PREFIX, enumToName } from '../../lib/wire-names.ts';
import type { CleanResponse__Output } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import type { CleanSentenceResult__Output } from '../../proto/generated/mpr/v1/CleanSentenceResult.ts';
import type { DescribeResponse__Output } from '../../proto/generated/mpr/v1/DescribeResponse.ts';
import type { ParaphraseResponse__Output } from '../../proto/generated/mpr/v1/ParaphraseResponse.ts';

/** Edits and flags with their kind as the short lower-case name. */
const withKindNames = <Item extends { kind: string }>(items: readonly Item[]) =>
  items.map((item) => ({ ...item, kind: enumToName(item.kind, EDIT_KIND_PREFIX) }));

export function cleanView(response: CleanResponse__Output) {
  return {
    cleanedText: response.cleanedText,
    edits: withKindNames(response.edits),
    flags: withKindNames(response.flags ?? []),
    skipped: response.skipped,
    skipReason: response.skipped ? enumToName(response.skipReason, SKIP_REASON_PREFIX) : null,
    usage: response.usage,
    timings: response.timings,
    engine: response.engine,
    guardFallback: response.guardFallback,
    ...(response.guardFallback ? { guardReason: response.guardReason } : {}),
    degraded: response.degraded,
    verifiedClean: response.verifiedClean,
    ...(response.failedSentences.length > 0 ? { failedSentences: response.failedSentences } : {}),
  };
}

/** A `sentence` event of a streamed clean: one sentence's place in the text and its cleaning. */
export function sentenceView(sentence: CleanSentenceResult__Output) {
  return {
    index: sentence.index,
    sentenceCount: sentence.sentenceCount,
    start: sentence.start,
    end: sentence.end,
    cleanedText: sentence.cleanedText,
    edits: withKindNames(sentence.edits),
    flags: withKindNames(sentence.flags),
    skipped: sentence.skipped,
    skipReason: sentence.skipped ? enumToName(sentence.skipReason, SKIP_REASON_PREFIX) : null,
    verifiedClean: sentence.verifiedClean,
    guardFallback: sentence.guardFallback,
    ...(sentence.error ? { error: sentence.error } : {}),
  };
}

/**
 * jw3 promises JSON text in `json`; if it ever breaks that promise, the caller gets a typed 500 that names
 * the agent, not a 400 malformed_json that would blame the caller's body.
 */
function describerJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MprError('internal', `the describer returned text that is not JSON: ${(error as Error).message}`);
  }
}

export function describeView(response: DescribeResponse__Output) {
  return {
    json: describerJson(response.json),
    schemaValid: response.schemaValid,
    schemaErrors: response.schemaErrors,
    constrained: response.constrained,
    unfilledFields: response.unfilledFields,
    task: response.task,
    usage: response.usage,
    timings: response.timings,
    engine: response.engine,
  };
}

export function paraphraseView(response: ParaphraseResponse__Output) {
  return {
    paraphrasedText: response.paraphrasedText,
    adapter: response.adapter,
    usage: response.usage,
    timings: response.timings,
    engine: response.engine,
    guardFallback: response.guardFallback,
    ...(response.guardFallback ? { guardReason: response.guardReason } : {}),
  };
}
