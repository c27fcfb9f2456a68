// Original file: proto/mpr/v1/cleaner.proto

import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from '../../mpr/v1/GenerationOptions.ts';

export interface ParaphraseRequest {
  'text'?: (string);
  'language'?: (string);
  'generation'?: (_mpr_v1_GenerationOptions | null);
  'requestId'?: (string);
  'adapter'?: (string);
}

export interface ParaphraseRequest__Output {
  'text': (string);
  'language': (string);
  'generation': (_mpr_v1_GenerationOptions__Output | null);
  'requestId': (string);
  'adapter': (string);
}
