// Original file: proto/mpr/v1/orchestrator.proto

export const ProcessMode = {
  PROCESS_MODE_UNSPECIFIED: 'PROCESS_MODE_UNSPECIFIED',
  PROCESS_MODE_CLEAN: 'PROCESS_MODE_CLEAN',
  PROCESS_MODE_DESCRIBE: 'PROCESS_MODE_DESCRIBE',
  PROCESS_MODE_CLEAN_THEN_DESCRIBE: 'PROCESS_MODE_CLEAN_THEN_DESCRIBE',
} as const;

export type ProcessMode =
  | 'PROCESS_MODE_UNSPECIFIED'
  | 0
  | 'PROCESS_MODE_CLEAN'
  | 1
  | 'PROCESS_MODE_DESCRIBE'
  | 2
  | 'PROCESS_MODE_CLEAN_THEN_DESCRIBE'
  | 3

export type ProcessMode__Output = typeof ProcessMode[keyof typeof ProcessMode]
