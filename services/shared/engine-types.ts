// Types every agent's engines share: which engine answered, tokens used, timings, generation settings.

export interface EngineInfo {
  kind: 'default' | 'llm';
  id: string;
  version: string;
  executionProvider: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface EngineTimings {
  prefillMs: number;
  timeToFirstTokenMs: number;
  decodeTokensPerSecond: number;
}

export interface GenerationSettings {
  temperature?: number;
  topK?: number;
  topP?: number;
  maxNewTokens?: number;
  seed?: number;
}
