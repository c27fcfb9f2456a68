// Original file: proto/mpr/v1/cleaner.proto

import type { EditKind as _mpr_v1_EditKind, EditKind__Output as _mpr_v1_EditKind__Output } from '../../mpr/v1/EditKind.ts';

export interface Flag {
  'start'?: (number);
  'end'?: (number);
  'kind'?: (_mpr_v1_EditKind);
  'message'?: (string);
  'rule'?: (string);
}

export interface Flag__Output {
  'start': (number);
  'end': (number);
  'kind': (_mpr_v1_EditKind__Output);
  'message': (string);
  'rule': (string);
}
