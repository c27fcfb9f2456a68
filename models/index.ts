// Public API of the model runtime. Services import from here only.
export type * from './src/generation/types.ts';
export { loadTextGenerator, type OnnxTextGenerator, type TextGeneratorOptions } from './src/generation/index.ts';
export type { ExecutionProvider, GraphOptimizationLevel, SessionConfig, BackendLogger } from './src/backend/onnx.ts';
export { loadModelTokenizer, type ModelTokenizer, type ChatMessage } from './src/tokenizer/index.ts';
export {
  makeTinyModel,
  type MakeTinyModelOptions,
  type TinyModelInfo,
  type TinyModelOptions,
} from './tools/make-tiny-model/index.ts';
export {
  loadModelManifest,
  parseManifest,
  DEFAULT_MANIFEST_PATH,
  AGENTS,
  type AgentName,
  type AgentModel,
  type ModelSpec,
  type NoModel,
  type ModelManifest,
  type GenerationDefaults,
  type LoadManifestOptions,
} from './src/registry.ts';
export {
  prepareJsonGrammar,
  constraintFor,
  createJsonConstraint,
  assertSchemaFitsBudget,
  shortestDocumentTokens,
  type PreparedGrammar,
  type JsonConstraintOptions,
  type SchemaLimits,
} from './src/constrained/index.ts';
export { addLogitsToKeep, type RewriteOptions, type RewriteReport } from './tools/logits-to-keep/index.ts';
