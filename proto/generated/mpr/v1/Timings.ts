// Original file: proto/mpr/v1/common.proto


export interface Timings {
  'totalMs'?: (number | string);
  'queueMs'?: (number | string);
  'prefillMs'?: (number | string);
  'timeToFirstTokenMs'?: (number | string);
  'decodeTokensPerSecond'?: (number | string);
}

export interface Timings__Output {
  'totalMs': (number);
  'queueMs': (number);
  'prefillMs': (number);
  'timeToFirstTokenMs': (number);
  'decodeTokensPerSecond': (number);
}
