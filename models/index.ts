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
  resolveModel,
  parseManifest,
  DEFAULT_MANIFEST_PATH,
  type ModelSpec,
  type ModelManifest,
  type ManifestEntry,
  type ManifestFile,
  type GenerationDefaults,
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
