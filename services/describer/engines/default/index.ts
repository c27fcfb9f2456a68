// Public API of the embedded (rule-based) describer engine.
export { createDefaultDescriberEngine } from './default-engine.ts';
