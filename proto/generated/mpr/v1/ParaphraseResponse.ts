// Original file: proto/mpr/v1/cleaner.proto

import type { Usage as _mpr_v1_Usage, Usage__Output as _mpr_v1_Usage__Output } from '../../mpr/v1/Usage.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from '../../mpr/v1/Timings.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from '../../mpr/v1/EngineInfo.ts';

export interface ParaphraseResponse {
  'paraphrasedText'?: (string);
  'usage'?: (_mpr_v1_Usage | null);
  'timings'?: (_mpr_v1_Timings | null);
  'engine'?: (_mpr_v1_EngineInfo | null);
  'guardFallback'?: (boolean);
  'guardReason'?: (string);
  'adapter'?: (string);
}

export interface ParaphraseResponse__Output {
  'paraphrasedText': (string);
  'usage': (_mpr_v1_Usage__Output | null);
  'timings': (_mpr_v1_Timings__Output | null);
  'engine': (_mpr_v1_EngineInfo__Output | null);
  'guardFallback': (boolean);
  'guardReason': (string);
  'adapter': (string);
}
