// The one CleanResponse that jw1 builds itself: the text unchanged, no edits, no model tokens, no model
// time. Skips, the degraded answer, cache hits and the merger's starting point are all this plus a few
// fields, so no field can be forgotten in one of them.
import type { CleanResponse__Output } from '../proto/generated/mpr/v1/CleanResponse.ts';
import type { EngineInfo__Output } from '../proto/generated/mpr/v1/EngineInfo.ts';

/** jw1's own time since `started` (a performance.now() reading), in milliseconds. */
export const elapsedSince = (started: number) => performance.now() - started;

export const NO_ENGINE: EngineInfo__Output = { kind: '', id: '', version: '', executionProvider: '' };

/** What an answer made without the model cost: no tokens, only `totalMs` of jw1's own time. */
export function noModelCost(totalMs: number): Pick<CleanResponse__Output, 'usage' | 'timings'> {
  return {
    usage: { inputTokens: 0, outputTokens: 0 },
    timings: { totalMs, queueMs: 0, prefillMs: 0, timeToFirstTokenMs: 0, decodeTokensPerSecond: 0 },
  };
}

export function unchangedResponse(
  text: string,
  totalMs: number,
  extra: Partial<CleanResponse__Output> = {},
): CleanResponse__Output {
  return {
    cleanedText: text,
    edits: [],
    skipped: false,
    skipReason: 'SKIP_REASON_UNSPECIFIED',
    ...noModelCost(totalMs),
    engine: NO_ENGINE,
    guardFallback: false,
    guardReason: '',
    degraded: false,
    failedSentences: [],
    verifiedClean: false,
    flags: [],
    ...extra,
  };
}
