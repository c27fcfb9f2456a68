// Original file: proto/mpr/v1/common.proto


export interface EngineInfo {
  'kind'?: (string);
  'id'?: (string);
  'version'?: (string);
  'executionProvider'?: (string);
}

export interface EngineInfo__Output {
  'kind': (string);
  'id': (string);
  'version': (string);
  'executionProvider': (string);
}
