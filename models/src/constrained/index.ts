// JSON-Schema-constrained decoding: a schema compiles to a byte automaton, masks come from walking a
// per-vocabulary token trie against it, and the token budget is part of the constraint.
//
// Output conventions (deterministic): no whitespace anywhere; declared object keys in schema property
// order, then undeclared keys (additionalProperties / patternProperties classes); optional properties
// may be omitted, required ones never; strings are valid UTF-8 with the escapes \" \\ \/ \b \f \n \r
// \t \uXXXX (no surrogate escapes: astral characters are raw UTF-8); integers have at most 15 digits;
// unbounded numbers at most 21 integer, 22 fraction and 2 exponent digits. minimum/maximum are enforced: integers
// digit by digit, bounded numbers as an in-range integer part plus a fraction only where the whole unit
// interval is in range (no exponent). Free-form values nest at most `maxAnyDepth` levels and their keys
// are at most 64 characters. Recursive schemas are bounded by the token budget (the closing is steered
// to in time). Keywords compiled as a superset (overlapping oneOf, not, if/then/else, uniqueItems,
// contains, dependencies) are listed in `CompiledSchema.inexact`: callers validate those documents.
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
export { compileSchemaCached, shortestValidDocument } from './grammar-cache.ts';
export { documentValidator, validateDocument, canonicalJson } from './document-validator.ts';
export type { DocumentValidation, DocumentValidator } from './document-validator.ts';
export { SchemaRefusal } from './schema-refusal.ts';
export { draftOf } from './schema-document.ts';
export type { Draft } from './schema-document.ts';
