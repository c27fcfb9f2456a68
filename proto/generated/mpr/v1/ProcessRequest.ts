// Original file: proto/mpr/v1/orchestrator.proto

import type { ProcessMode as _mpr_v1_ProcessMode, ProcessMode__Output as _mpr_v1_ProcessMode__Output } from '../../mpr/v1/ProcessMode.ts';
import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from '../../mpr/v1/GenerationOptions.ts';
import type { AdapterChoice as _mpr_v1_AdapterChoice, AdapterChoice__Output as _mpr_v1_AdapterChoice__Output } from '../../mpr/v1/AdapterChoice.ts';

export interface ProcessRequest {
  'text'?: (string);
  'mode'?: (_mpr_v1_ProcessMode);
  'task'?: (string);
  'schemaJson'?: (string);
  'instructions'?: (string);
  'language'?: (string);
  'requestId'?: (string);
  'generation'?: (_mpr_v1_GenerationOptions | null);
  'adapters'?: (_mpr_v1_AdapterChoice | null);
}

export interface ProcessRequest__Output {
  'text': (string);
  'mode': (_mpr_v1_ProcessMode__Output);
  'task': (string);
  'schemaJson': (string);
  'instructions': (string);
  'language': (string);
  'requestId': (string);
  'generation': (_mpr_v1_GenerationOptions__Output | null);
  'adapters': (_mpr_v1_AdapterChoice__Output | null);
}
