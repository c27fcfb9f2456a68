// Original file: proto/mpr/v1/orchestrator.proto

import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from '../../mpr/v1/CleanResponse.ts';
import type { ErrorInfo as _mpr_v1_ErrorInfo, ErrorInfo__Output as _mpr_v1_ErrorInfo__Output } from '../../mpr/v1/ErrorInfo.ts';

export interface CleanBatchItem {
  'ok'?: (_mpr_v1_CleanResponse | null);
  'error'?: (_mpr_v1_ErrorInfo | null);
  'result'?: "ok"|"error";
}

export interface CleanBatchItem__Output {
  'ok'?: (_mpr_v1_CleanResponse__Output | null);
  'error'?: (_mpr_v1_ErrorInfo__Output | null);
  'result'?: "ok"|"error";
}
