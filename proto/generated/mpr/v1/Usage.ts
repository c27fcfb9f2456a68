// Original file: proto/mpr/v1/common.proto


export interface Usage {
  'inputTokens'?: (number);
  'outputTokens'?: (number);
}

export interface Usage__Output {
  'inputTokens': (number);
  'outputTokens': (number);
}
