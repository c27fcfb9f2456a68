// Public API of the model runtime. Services import from here only; dev tools (tiny models, graph
// rewrites) have their own entry, models/tools/index.ts.
export type * from './src/generation/types.ts';
export { loadTextGenerator, type OnnxTextGenerator, type TextGeneratorOptions } from './src/generation/index.ts';
export type { ExecutionProvider, GraphOptimizationLevel, SessionConfig, BackendLogger } from './src/backend/onnx.ts';
export { loadModelTokenizer, type ModelTokenizer, type ChatMessage } from './src/tokenizer/index.ts';
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
  compileSchemaCached,
  shortestValidDocument,
  documentValidator,
  validateDocument as validateSchemaDocument,
  canonicalJson,
  SchemaRefusal,
  type DocumentValidation,
  type DocumentValidator,
  type PreparedGrammar,
  type JsonConstraintOptions,
  type SchemaLimits,
} from './src/constrained/index.ts';
