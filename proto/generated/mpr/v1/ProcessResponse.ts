// Original file: proto/mpr/v1/orchestrator.proto

import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from '../../mpr/v1/CleanResponse.ts';
import type { DescribeResponse as _mpr_v1_DescribeResponse, DescribeResponse__Output as _mpr_v1_DescribeResponse__Output } from '../../mpr/v1/DescribeResponse.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from '../../mpr/v1/Timings.ts';
import type { ParaphraseResponse as _mpr_v1_ParaphraseResponse, ParaphraseResponse__Output as _mpr_v1_ParaphraseResponse__Output } from '../../mpr/v1/ParaphraseResponse.ts';

export interface ProcessResponse {
  'requestId'?: (string);
  'clean'?: (_mpr_v1_CleanResponse | null);
  'describe'?: (_mpr_v1_DescribeResponse | null);
  'timings'?: (_mpr_v1_Timings | null);
  'paraphrase'?: (_mpr_v1_ParaphraseResponse | null);
}

export interface ProcessResponse__Output {
  'requestId': (string);
  'clean': (_mpr_v1_CleanResponse__Output | null);
  'describe': (_mpr_v1_DescribeResponse__Output | null);
  'timings': (_mpr_v1_Timings__Output | null);
  'paraphrase': (_mpr_v1_ParaphraseResponse__Output | null);
}
