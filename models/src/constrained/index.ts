// JSON-Schema-constrained decoding: a schema compiles to a byte automaton, masks come from walking a
// per-vocabulary token trie against it, and the token budget is part of the constraint.
export {
  assertSchemaFitsBudget,
  constraintFor,
  createJsonConstraint,
  jsonGrammar,
  prepareJsonGrammar,
  schemaHash,
  shortestDocumentTokens,
} from './grammar-cache.ts';
export type { JsonConstraintOptions, PreparedGrammar } from './grammar-cache.ts';
export { JsonTokenConstraint } from './json-constraint.ts';
export { JsonGrammar } from './json-grammar.ts';
export { compileSchema } from './schema-compiler.ts';
export type { CompiledSchema } from './schema-compiler.ts';
export { DEFAULT_SCHEMA_LIMITS } from './schema-ir.ts';
export type { SchemaLimits } from './schema-ir.ts';
export { vocabularyTrie } from './vocabulary-trie.ts';
export type { VocabularyTrie } from './vocabulary-trie.ts';
