// Original file: proto/mpr/v1/orchestrator.proto


export interface AdapterChoice {
  'clean'?: (string);
  'describe'?: (string);
  'paraphrase'?: (string);
}

export interface AdapterChoice__Output {
  'clean': (string);
  'describe': (string);
  'paraphrase': (string);
}
