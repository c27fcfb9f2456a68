// Public API of the embedded (rule-based) describer engine.
export { createDefaultDescriberEngine, type DefaultDescriberEngine } from './default-engine.ts';
