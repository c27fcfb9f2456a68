export type * from './types.ts';
export { loadTextGenerator, type OnnxTextGenerator, type TextGeneratorOptions } from './text-generator.ts';
export { TemperatureProcessor, TopKProcessor, TopPProcessor, samplingProcessors } from './logits-processors.ts';
export { argmax, createSeededSampler, greedySampler, type Sampler } from './sampler.ts';
export { StopStringMatcher } from './stop-strings.ts';
