// Original file: proto/mpr/v1/cleaner.proto

import type { Edit as _mpr_v1_Edit, Edit__Output as _mpr_v1_Edit__Output } from '../../mpr/v1/Edit.ts';
import type { SkipReason as _mpr_v1_SkipReason, SkipReason__Output as _mpr_v1_SkipReason__Output } from '../../mpr/v1/SkipReason.ts';
import type { Usage as _mpr_v1_Usage, Usage__Output as _mpr_v1_Usage__Output } from '../../mpr/v1/Usage.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from '../../mpr/v1/Timings.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from '../../mpr/v1/EngineInfo.ts';
import type { SentenceFailure as _mpr_v1_SentenceFailure, SentenceFailure__Output as _mpr_v1_SentenceFailure__Output } from '../../mpr/v1/SentenceFailure.ts';
import type { Flag as _mpr_v1_Flag, Flag__Output as _mpr_v1_Flag__Output } from '../../mpr/v1/Flag.ts';

export interface CleanResponse {
  'cleanedText'?: (string);
  'edits'?: (_mpr_v1_Edit)[];
  'skipped'?: (boolean);
  'skipReason'?: (_mpr_v1_SkipReason);
  'usage'?: (_mpr_v1_Usage | null);
  'timings'?: (_mpr_v1_Timings | null);
  'engine'?: (_mpr_v1_EngineInfo | null);
  'guardFallback'?: (boolean);
  'guardReason'?: (string);
  'degraded'?: (boolean);
  'failedSentences'?: (_mpr_v1_SentenceFailure)[];
  'verifiedClean'?: (boolean);
  'flags'?: (_mpr_v1_Flag)[];
}

export interface CleanResponse__Output {
  'cleanedText': (string);
  'edits': (_mpr_v1_Edit__Output)[];
  'skipped': (boolean);
  'skipReason': (_mpr_v1_SkipReason__Output);
  'usage': (_mpr_v1_Usage__Output | null);
  'timings': (_mpr_v1_Timings__Output | null);
  'engine': (_mpr_v1_EngineInfo__Output | null);
  'guardFallback': (boolean);
  'guardReason': (string);
  'degraded': (boolean);
  'failedSentences': (_mpr_v1_SentenceFailure__Output)[];
  'verifiedClean': (boolean);
  'flags': (_mpr_v1_Flag__Output)[];
}
