// Original file: proto/mpr/v1/orchestrator.proto

import type { Edit as _mpr_v1_Edit, Edit__Output as _mpr_v1_Edit__Output } from '../../mpr/v1/Edit.ts';
import type { SkipReason as _mpr_v1_SkipReason, SkipReason__Output as _mpr_v1_SkipReason__Output } from '../../mpr/v1/SkipReason.ts';
import type { ErrorInfo as _mpr_v1_ErrorInfo, ErrorInfo__Output as _mpr_v1_ErrorInfo__Output } from '../../mpr/v1/ErrorInfo.ts';
import type { Flag as _mpr_v1_Flag, Flag__Output as _mpr_v1_Flag__Output } from '../../mpr/v1/Flag.ts';

export interface CleanSentenceResult {
  'index'?: (number);
  'sentenceCount'?: (number);
  'start'?: (number);
  'end'?: (number);
  'cleanedText'?: (string);
  'edits'?: (_mpr_v1_Edit)[];
  'skipped'?: (boolean);
  'skipReason'?: (_mpr_v1_SkipReason);
  'verifiedClean'?: (boolean);
  'guardFallback'?: (boolean);
  'error'?: (_mpr_v1_ErrorInfo | null);
  'flags'?: (_mpr_v1_Flag)[];
}

export interface CleanSentenceResult__Output {
  'index': (number);
  'sentenceCount': (number);
  'start': (number);
  'end': (number);
  'cleanedText': (string);
  'edits': (_mpr_v1_Edit__Output)[];
  'skipped': (boolean);
  'skipReason': (_mpr_v1_SkipReason__Output);
  'verifiedClean': (boolean);
  'guardFallback': (boolean);
  'error': (_mpr_v1_ErrorInfo__Output | null);
  'flags': (_mpr_v1_Flag__Output)[];
}
