// Original file: proto/mpr/v1/cleaner.proto

import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from '../../mpr/v1/GenerationOptions.ts';

export interface CleanRequest {
  'text'?: (string);
  'language'?: (string);
  'generation'?: (_mpr_v1_GenerationOptions | null);
  'requestId'?: (string);
  'checkFirst'?: (boolean);
  'checkLanguageOnly'?: (boolean);
  'adapter'?: (string);
}

export interface CleanRequest__Output {
  'text': (string);
  'language': (string);
  'generation': (_mpr_v1_GenerationOptions__Output | null);
  'requestId': (string);
  'checkFirst': (boolean);
  'checkLanguageOnly': (boolean);
  'adapter': (string);
}
