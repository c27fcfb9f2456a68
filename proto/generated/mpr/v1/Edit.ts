// Original file: proto/mpr/v1/common.proto

import type { EditKind as _mpr_v1_EditKind, EditKind__Output as _mpr_v1_EditKind__Output } from '../../mpr/v1/EditKind.ts';

export interface Edit {
  'start'?: (number);
  'end'?: (number);
  'original'?: (string);
  'replacement'?: (string);
  'kind'?: (_mpr_v1_EditKind);
  'message'?: (string);
}

export interface Edit__Output {
  'start': (number);
  'end': (number);
  'original': (string);
  'replacement': (string);
  'kind': (_mpr_v1_EditKind__Output);
  'message': (string);
}
