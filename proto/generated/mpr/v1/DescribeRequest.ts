// Original file: proto/mpr/v1/describer.proto

import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from '../../mpr/v1/GenerationOptions.ts';

export interface DescribeRequest {
  'text'?: (string);
  'task'?: (string);
  'schemaJson'?: (string);
  'instructions'?: (string);
  'generation'?: (_mpr_v1_GenerationOptions | null);
  'requestId'?: (string);
  'referenceDate'?: (string);
  'adapter'?: (string);
}

export interface DescribeRequest__Output {
  'text': (string);
  'task': (string);
  'schemaJson': (string);
  'instructions': (string);
  'generation': (_mpr_v1_GenerationOptions__Output | null);
  'requestId': (string);
  'referenceDate': (string);
  'adapter': (string);
}
