// Original file: proto/mpr/v1/cleaner.proto


export interface CheckRequest {
  'text'?: (string);
  'language'?: (string);
  'adapter'?: (string);
}

export interface CheckRequest__Output {
  'text': (string);
  'language': (string);
  'adapter': (string);
}
