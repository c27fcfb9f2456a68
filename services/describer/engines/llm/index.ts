// Public API of jw3's LLM engine: schema-constrained JSON from a TextGenerator behind the DescriberEngine
// seam, and the tolerant parser used when the constraint is off.
export { LlmDescriberEngine, type LlmDescriberOptions } from './engine.ts';
export { extractJson } from './json-extract.ts';
