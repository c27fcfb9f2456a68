// Original file: proto/mpr/v1/orchestrator.proto

import type { CleanBatchItem as _mpr_v1_CleanBatchItem, CleanBatchItem__Output as _mpr_v1_CleanBatchItem__Output } from '../../mpr/v1/CleanBatchItem.ts';

export interface CleanBatchResponse {
  'items'?: (_mpr_v1_CleanBatchItem)[];
}

export interface CleanBatchResponse__Output {
  'items': (_mpr_v1_CleanBatchItem__Output)[];
}
