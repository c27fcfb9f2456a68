// Original file: proto/mpr/v1/orchestrator.proto

import type { ProcessMode as _mpr_v1_ProcessMode, ProcessMode__Output as _mpr_v1_ProcessMode__Output } from '../../mpr/v1/ProcessMode.ts';

export interface ProcessRequest {
  'text'?: (string);
  'mode'?: (_mpr_v1_ProcessMode);
  'task'?: (string);
  'schemaJson'?: (string);
  'instructions'?: (string);
  'language'?: (string);
  'requestId'?: (string);
}

export interface ProcessRequest__Output {
  'text': (string);
  'mode': (_mpr_v1_ProcessMode__Output);
  'task': (string);
  'schemaJson': (string);
  'instructions': (string);
  'language': (string);
  'requestId': (string);
}
