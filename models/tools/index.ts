// Dev tools of the model runtime, for the CLI's `mpr make-tiny-model`, tests and benchmarks: a deterministic
// tiny model, and the graph rewrite that prepares exported models. Kept out of models/index.ts so that a
// serving process never loads the BPE trainer or onnx-proto.
export {
  makeTinyModel,
  type MakeTinyModelOptions,
  type TinyModelInfo,
  type TinyModelOptions,
  resolveTinyConfig,
} from './make-tiny-model/index.ts';
export { addLogitsToKeep, type RewriteOptions, type RewriteReport } from './logits-to-keep/index.ts';
export { makeTinyAdapter, mergeAdapter, type TinyAdapterOptions } from './make-tiny-model/tiny-adapter.ts';
export {
  addAdapterInputs,
  ADAPTER_MODULES,
  type AdapterInputsOptions,
  type AdapterInputsReport,
} from './adapter-inputs/index.ts';
