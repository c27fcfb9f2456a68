// The gateway's answers as the page uses them (the full contract is /openapi.json).
import type { Edit } from './marks.ts';

export interface EngineInfo {
  kind: string;
  id: string;
  version: string;
  executionProvider: string;
  adapter?: string;
  [more: string]: unknown;
}

export interface Timings {
  totalMs: number;
  queueMs: number;
  prefillMs: number;
  timeToFirstTokenMs: number;
  decodeTokensPerSecond: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface Flag {
  start: number;
  end: number;
  kind: string;
  message: string;
  rule: string;
}

export interface CleanResult {
  cleanedText: string;
  edits: Edit[];
  /** Spans left unchanged that look wrong (absent from older gateways). */
  flags?: Flag[];
  skipped: boolean;
  skipReason: string | null;
  usage: Usage;
  timings: Timings;
  engine: EngineInfo;
  guardFallback: boolean;
  guardReason?: string;
  degraded: boolean;
  verifiedClean: boolean;
  failedSentences?: { start: number; end: number; error: { code: string; message: string } }[];
}

export interface DescribeResult {
  json: unknown;
  schemaValid: boolean;
  schemaErrors: string[];
  constrained: boolean;
  unfilledFields: string[];
  task: string;
  usage: Usage;
  timings: Timings;
  engine: EngineInfo;
}
