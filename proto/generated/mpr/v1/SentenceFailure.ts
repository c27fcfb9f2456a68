// Original file: proto/mpr/v1/cleaner.proto

import type { ErrorInfo as _mpr_v1_ErrorInfo, ErrorInfo__Output as _mpr_v1_ErrorInfo__Output } from '../../mpr/v1/ErrorInfo.ts';

export interface SentenceFailure {
  'start'?: (number);
  'end'?: (number);
  'error'?: (_mpr_v1_ErrorInfo | null);
}

export interface SentenceFailure__Output {
  'start': (number);
  'end': (number);
  'error': (_mpr_v1_ErrorInfo__Output | null);
}
