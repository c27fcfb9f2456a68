// Original file: proto/mpr/v1/describer.proto

import type { DescribeResponse as _mpr_v1_DescribeResponse, DescribeResponse__Output as _mpr_v1_DescribeResponse__Output } from '../../mpr/v1/DescribeResponse.ts';

export interface DescribeStreamEvent {
  'jsonDelta'?: (string);
  'result'?: (_mpr_v1_DescribeResponse | null);
  'event'?: "jsonDelta"|"result";
}

export interface DescribeStreamEvent__Output {
  'jsonDelta'?: (string);
  'result'?: (_mpr_v1_DescribeResponse__Output | null);
  'event'?: "jsonDelta"|"result";
}
