// Original file: proto/mpr/v1/orchestrator.proto

import type { CleanSentenceResult as _mpr_v1_CleanSentenceResult, CleanSentenceResult__Output as _mpr_v1_CleanSentenceResult__Output } from '../../mpr/v1/CleanSentenceResult.ts';
import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from '../../mpr/v1/CleanResponse.ts';

export interface CleanStreamEvent {
  'sentence'?: (_mpr_v1_CleanSentenceResult | null);
  'result'?: (_mpr_v1_CleanResponse | null);
  'event'?: "sentence"|"result";
}

export interface CleanStreamEvent__Output {
  'sentence'?: (_mpr_v1_CleanSentenceResult__Output | null);
  'result'?: (_mpr_v1_CleanResponse__Output | null);
  'event'?: "sentence"|"result";
}
