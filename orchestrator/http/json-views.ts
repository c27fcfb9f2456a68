// Wire messages -> the gateway's JSON: enums as short lower-case names, the describer's JSON text as a
// JSON value, proto3's "unset" zero values dropped where they would mislead.
import { EDIT_KIND_PREFIX, SKIP_REASON_PREFIX, enumToName } from '../../lib/wire-names.ts';
import type { CleanResponse__Output } from '../../proto/generated/mpr/v1/CleanResponse.ts';
import type { DescribeResponse__Output } from '../../proto/generated/mpr/v1/DescribeResponse.ts';

export function cleanView(response: CleanResponse__Output) {
  return {
    cleanedText: response.cleanedText,
    edits: response.edits.map((edit) => ({ ...edit, kind: enumToName(edit.kind, EDIT_KIND_PREFIX) })),
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

export function describeView(response: DescribeResponse__Output) {
  return {
    json: JSON.parse(response.json) as unknown,
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
