// Original file: proto/mpr/v1/describer.proto

import type { Usage as _mpr_v1_Usage, Usage__Output as _mpr_v1_Usage__Output } from '../../mpr/v1/Usage.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from '../../mpr/v1/Timings.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from '../../mpr/v1/EngineInfo.ts';

export interface DescribeResponse {
  'json'?: (string);
  'schemaValid'?: (boolean);
  'schemaErrors'?: (string)[];
  'constrained'?: (boolean);
  'unfilledFields'?: (string)[];
  'task'?: (string);
  'usage'?: (_mpr_v1_Usage | null);
  'timings'?: (_mpr_v1_Timings | null);
  'engine'?: (_mpr_v1_EngineInfo | null);
}

export interface DescribeResponse__Output {
  'json': (string);
  'schemaValid': (boolean);
  'schemaErrors': (string)[];
  'constrained': (boolean);
  'unfilledFields': (string)[];
  'task': (string);
  'usage': (_mpr_v1_Usage__Output | null);
  'timings': (_mpr_v1_Timings__Output | null);
  'engine': (_mpr_v1_EngineInfo__Output | null);
}
