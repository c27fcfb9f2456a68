// Original file: proto/mpr/v1/orchestrator.proto

import type { CleanRequest as _mpr_v1_CleanRequest, CleanRequest__Output as _mpr_v1_CleanRequest__Output } from '../../mpr/v1/CleanRequest.ts';

export interface CleanBatchRequest {
  'items'?: (_mpr_v1_CleanRequest)[];
}

export interface CleanBatchRequest__Output {
  'items': (_mpr_v1_CleanRequest__Output)[];
}
