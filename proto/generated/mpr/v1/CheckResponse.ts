// Original file: proto/mpr/v1/cleaner.proto

import type { Edit as _mpr_v1_Edit, Edit__Output as _mpr_v1_Edit__Output } from '../../mpr/v1/Edit.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from '../../mpr/v1/EngineInfo.ts';
import type { SkipReason as _mpr_v1_SkipReason, SkipReason__Output as _mpr_v1_SkipReason__Output } from '../../mpr/v1/SkipReason.ts';

export interface CheckResponse {
  'language'?: (string);
  'languageSupported'?: (boolean);
  'needsCleaning'?: (boolean);
  'issues'?: (_mpr_v1_Edit)[];
  'engine'?: (_mpr_v1_EngineInfo | null);
  'verdict'?: (_mpr_v1_SkipReason);
}

export interface CheckResponse__Output {
  'language': (string);
  'languageSupported': (boolean);
  'needsCleaning': (boolean);
  'issues': (_mpr_v1_Edit__Output)[];
  'engine': (_mpr_v1_EngineInfo__Output | null);
  'verdict': (_mpr_v1_SkipReason__Output);
}
