// Original file: proto/mpr/v1/common.proto

import type { Long } from '@grpc/proto-loader';

export interface GenerationOptions {
  'temperature'?: (number | string);
  'topK'?: (number);
  'topP'?: (number | string);
  'maxNewTokens'?: (number);
  'seed'?: (number | string | Long);
}

export interface GenerationOptions__Output {
  'temperature': (number);
  'topK': (number);
  'topP': (number);
  'maxNewTokens': (number);
  'seed': (string);
}
