// The tiny Llama (or Qwen2) as an ONNX graph with the Optimum `text-generation-with-past` interface, in
// the form each stored dtype takes: float32; float16 like a half-precision export (float16 weights,
// activations, KV cache and logits; RMSNorm, RoPE tables and softmax in float32 with casts around them,
// as transformers computes them); int4 MatMulNBits projections and LM head over float32 activations, like
// transformers.js `model_q4.onnx`. Grouped-query attention broadcasts queries [B, kvH, rep, S, hd]
// against keys [B, kvH, 1, hd, T], so shared KV heads are never copied.
import { ELEM, GraphBuilder, MS_DOMAIN, valueInfo, type ModelProto } from './graph-builder.ts';
import { activationElem, floatInitializer, projection } from './projection.ts';
import { transposedEmbedding } from './stored-weights.ts';
import type { TinyLlamaConfig } from './tiny-config.ts';
import type { TinyLlamaWeights } from './weights.ts';

export const OPSET = 17;
/** ArgMax of the logits per position (first index on ties), as the runtime's greedy fast path expects. */
export const GREEDY_OUTPUT = 'greedy_token_ids';
const MASKED = -1e9;

interface SharedTensors {
  /** [B, 1, S, hd] for keys and [B, 1, 1, S, hd] for grouped queries, in the activation type. */
  cosK: string;
  sinK: string;
  cosQ: string;
  sinQ: string;
  /** Additive float32 mask [B, 1, 1, S, T]. */
  maskBias: string;
}

const half = (config: TinyLlamaConfig): boolean => config.dtype === 'float16';

/** An activation-typed scalar constant. */
function scalar(g: GraphBuilder, config: TinyLlamaConfig, value: number): string {
  return half(config) ? g.op1('Cast', [g.floats([value], [])], { to: ELEM.FLOAT16 }) : g.floats([value], []);
}

function rmsNorm(g: GraphBuilder, config: TinyLlamaConfig, x: string, weight: string): string {
  const x32 = half(config) ? g.op1('Cast', [x], { to: ELEM.FLOAT }) : x;
  const mean = g.op1('ReduceMean', [g.op1('Mul', [x32, x32])], { axes: [-1], keepdims: 1 });
  const rms = g.op1('Sqrt', [g.op1('Add', [mean, g.floats([config.rmsNormEps], [])])]);
  const normed = g.op1('Div', [x32, rms]);
  return g.op1('Mul', [half(config) ? g.op1('Cast', [normed], { to: ELEM.FLOAT16 }) : normed, weight]);
}

function rotateHalf(g: GraphBuilder, x: string, headDim: number): string {
  const halfDim = headDim / 2;
  const [x1, x2] = g.op('Split', [x, g.ints([halfDim, halfDim])], { axis: -1 }, 2) as [string, string];
  return g.op1('Concat', [g.op1('Neg', [x2]), x1], { axis: -1 });
}

function applyRope(g: GraphBuilder, x: string, cos: string, sin: string, headDim: number): string {
  return g.op1('Add', [g.op1('Mul', [x, cos]), g.op1('Mul', [rotateHalf(g, x, headDim), sin])]);
}

function sharedTensors(g: GraphBuilder, config: TinyLlamaConfig): SharedTensors {
  const { headDim, ropeTheta } = config;
  const invFreq = Array.from({ length: headDim / 2 }, (_, i) => 1 / ropeTheta ** ((2 * i) / headDim));
  const positions = g.op1('Unsqueeze', [g.op1('Cast', ['position_ids'], { to: ELEM.FLOAT }), g.ints([-1])]);
  const freqs = g.op1('Mul', [positions, g.floats(invFreq)]);
  const angles = g.op1('Concat', [freqs, freqs], { axis: -1 });
  const toActivation = (t: string): string => (half(config) ? g.op1('Cast', [t], { to: ELEM.FLOAT16 }) : t);
  const cos = toActivation(g.op1('Cos', [angles]));
  const sin = toActivation(g.op1('Sin', [angles]));

  // Query i sits at cache index T - S + i and may see keys j <= T - S + i that the attention mask keeps.
  const total = g.op1('Squeeze', [g.op1('Shape', ['attention_mask'], { start: 1, end: 2 }), g.ints([0])]);
  const seq = g.op1('Squeeze', [g.op1('Shape', ['input_ids'], { start: 1, end: 2 }), g.ints([0])]);
  const one = g.ints([1], true);
  const keyIndex = g.op1('Range', [g.ints([0], true), total, one]);
  const queryIndex = g.op1('Range', [g.op1('Sub', [total, seq]), total, one]);
  const causal = g.op1('LessOrEqual', [keyIndex, g.op1('Unsqueeze', [queryIndex, g.ints([1])])]);
  const padding = g.op1('Unsqueeze', [g.op1('Cast', ['attention_mask'], { to: ELEM.BOOL }), g.ints([1, 2, 3])]);
  const allowed = g.op1('And', [causal, padding]);
  const maskBias = g.op1('Where', [allowed, g.floats([0], []), g.floats([MASKED], [])]);
  return {
    cosK: g.op1('Unsqueeze', [cos, g.ints([1])]),
    sinK: g.op1('Unsqueeze', [sin, g.ints([1])]),
    cosQ: g.op1('Unsqueeze', [cos, g.ints([1, 2])]),
    sinQ: g.op1('Unsqueeze', [sin, g.ints([1, 2])]),
    maskBias,
  };
}

/** past ++ fresh along time; a float16 cache around float32 math is cast at the boundary. */
function cacheConcat(g: GraphBuilder, config: TinyLlamaConfig, past: string, fresh: string, present: string): string {
  if (config.kvDtype === 'float32' || half(config)) return g.op1('Concat', [past, fresh], { axis: 2 }, present);
  const fresh16 = g.op1('Cast', [fresh], { to: ELEM.FLOAT16 });
  const all16 = g.op1('Concat', [past, fresh16], { axis: 2 }, present);
  return g.op1('Cast', [all16], { to: ELEM.FLOAT });
}

function attention(
  g: GraphBuilder,
  config: TinyLlamaConfig,
  w: TinyLlamaWeights['layers'][number],
  layer: number,
  x: string,
  shared: SharedTensors,
): string {
  const { hidden, heads, kvHeads, headDim, dtype } = config;
  const rep = heads / kvHeads;
  const scope = `/model/layers.${layer}/self_attn`;
  const weight = `model.layers.${layer}.self_attn`;
  const proj = (name: string, values: Float32Array, inDim: number, outDim: number, bias: Float32Array | null) =>
    projection(g, dtype, x, {
      scope: `${scope}/${name}`,
      weightName: `${weight}.${name}.weight`,
      weight: values,
      inDim,
      outDim,
      bias,
    });
  const q = proj('q_proj', w.q, hidden, heads * headDim, w.qBias);
  const k = proj('k_proj', w.k, hidden, kvHeads * headDim, w.kBias);
  const v = proj('v_proj', w.v, hidden, kvHeads * headDim, w.vBias);
  const q5 = g.op1('Transpose', [g.op1('Reshape', [q, g.ints([0, 0, kvHeads, rep, headDim])])], {
    perm: [0, 2, 3, 1, 4],
  });
  const k4 = g.op1('Transpose', [g.op1('Reshape', [k, g.ints([0, 0, kvHeads, headDim])])], { perm: [0, 2, 1, 3] });
  const v4 = g.op1('Transpose', [g.op1('Reshape', [v, g.ints([0, 0, kvHeads, headDim])])], { perm: [0, 2, 1, 3] });
  const qRot = applyRope(g, q5, shared.cosQ, shared.sinQ, headDim);
  const kRot = applyRope(g, k4, shared.cosK, shared.sinK, headDim);
  const keys = cacheConcat(g, config, `past_key_values.${layer}.key`, kRot, `present.${layer}.key`);
  const values = cacheConcat(g, config, `past_key_values.${layer}.value`, v4, `present.${layer}.value`);
  const keysT = g.op1('Transpose', [g.op1('Unsqueeze', [keys, g.ints([2])])], { perm: [0, 1, 2, 4, 3] });
  const scores = g.op1('Mul', [g.op1('MatMul', [qRot, keysT]), scalar(g, config, 1 / Math.sqrt(headDim))]);
  const scores32 = half(config) ? g.op1('Cast', [scores], { to: ELEM.FLOAT }) : scores;
  const probs32 = g.op1('Softmax', [g.op1('Add', [scores32, shared.maskBias])], { axis: -1 });
  const probs = half(config) ? g.op1('Cast', [probs32], { to: ELEM.FLOAT16 }) : probs32;
  const context = g.op1('MatMul', [probs, g.op1('Unsqueeze', [values, g.ints([2])])]);
  const merged = g.op1('Reshape', [g.op1('Transpose', [context], { perm: [0, 3, 1, 2, 4] }), g.ints([0, 0, hidden])]);
  return projection(g, dtype, merged, {
    scope: `${scope}/o_proj`,
    weightName: `${weight}.o_proj.weight`,
    weight: w.o,
    inDim: heads * headDim,
    outDim: hidden,
  });
}

function mlp(
  g: GraphBuilder,
  config: TinyLlamaConfig,
  w: TinyLlamaWeights['layers'][number],
  layer: number,
  x: string,
): string {
  const { hidden, intermediate, dtype } = config;
  const scope = `/model/layers.${layer}/mlp`;
  const proj = (name: string, input: string, values: Float32Array, inDim: number, outDim: number) =>
    projection(g, dtype, input, {
      scope: `${scope}/${name}`,
      weightName: `model.layers.${layer}.mlp.${name}.weight`,
      weight: values,
      inDim,
      outDim,
    });
  const gate = proj('gate_proj', x, w.gate, hidden, intermediate);
  const up = proj('up_proj', x, w.up, hidden, intermediate);
  const silu = g.op1('Mul', [gate, g.op1('Sigmoid', [gate])]);
  return proj('down_proj', g.op1('Mul', [silu, up]), w.down, intermediate, hidden);
}

function lmHead(g: GraphBuilder, config: TinyLlamaConfig, weights: TinyLlamaWeights, x: string): void {
  const { dtype, hidden, vocabSize } = config;
  const spec = { scope: '/lm_head', weightName: 'lm_head.weight', inDim: hidden, outDim: vocabSize, output: 'logits' };
  if (weights.lmHead) {
    projection(g, dtype, x, { ...spec, weight: weights.lmHead });
  } else if (dtype === 'int4') {
    // Quantizers give a tied head its own quantized copy; the embedding lookup keeps the float table.
    projection(g, dtype, x, { ...spec, weight: transposedEmbedding(config, weights.embedding) });
  } else {
    const head = g.op1('Transpose', ['model.embed_tokens.weight'], { perm: [1, 0] });
    g.named('/lm_head/MatMul', 'MatMul', [x, head], {}, ['logits']);
  }
}

export function buildLlamaModel(config: TinyLlamaConfig, weights: TinyLlamaWeights): ModelProto {
  const g = new GraphBuilder();
  const { hidden: d, dtype } = config;
  const normDtype = dtype === 'float16' ? 'float16' : 'float32';
  floatInitializer(g, normDtype, 'model.embed_tokens.weight', [config.vocabSize, d], weights.embedding);
  const shared = sharedTensors(g, config);
  let x = g.named('/model/embed_tokens/Gather', 'Gather', ['model.embed_tokens.weight', 'input_ids'], {
    axis: 0,
  })[0] as string;
  weights.layers.forEach((w, l) => {
    const p = `model.layers.${l}`;
    const inputNorm = floatInitializer(g, normDtype, `${p}.input_layernorm.weight`, [d], w.inputNorm);
    x = g.op1('Add', [x, attention(g, config, w, l, rmsNorm(g, config, x, inputNorm), shared)]);
    const postNorm = floatInitializer(g, normDtype, `${p}.post_attention_layernorm.weight`, [d], w.postAttentionNorm);
    x = g.op1('Add', [x, mlp(g, config, w, l, rmsNorm(g, config, x, postNorm))]);
  });
  if (config.logitsToKeepInput) {
    // HF semantics: keep the last n positions; 0 keeps all (slice start -0 = 0).
    const start = g.op1('Neg', [g.op1('Unsqueeze', ['num_logits_to_keep', g.ints([0])])]);
    const end = g.ints([Number.MAX_SAFE_INTEGER]);
    x = g.op1('Slice', [x, start, end, g.ints([1])]);
  }
  const finalNorm = floatInitializer(g, normDtype, 'model.norm.weight', [d], weights.finalNorm);
  lmHead(g, config, weights, rmsNorm(g, config, x, finalNorm));
  if (config.greedyOutput) g.op1('ArgMax', ['logits'], { axis: -1, keepdims: 0 }, GREEDY_OUTPUT);
  return decoderModel(g, config, 'tiny_llama');
}

/** The Optimum decoder interface around a finished node list. */
function decoderModel(g: GraphBuilder, config: TinyLlamaConfig, name: string): ModelProto {
  const act = activationElem(config.dtype);
  const kvDims = ['batch_size', config.kvHeads, 'past_sequence_length', config.headDim];
  const presentDims = ['batch_size', config.kvHeads, 'total_sequence_length', config.headDim];
  const inputs = [
    valueInfo('input_ids', ELEM.INT64, ['batch_size', 'sequence_length']),
    valueInfo('attention_mask', ELEM.INT64, ['batch_size', 'total_sequence_length']),
    valueInfo('position_ids', ELEM.INT64, ['batch_size', 'sequence_length']),
  ];
  const outputs = [valueInfo('logits', act, ['batch_size', 'logits_length', config.vocabSize])];
  if (config.greedyOutput) outputs.push(valueInfo(GREEDY_OUTPUT, ELEM.INT64, ['batch_size', 'logits_length']));
  const kvElem = config.kvDtype === 'float16' ? ELEM.FLOAT16 : ELEM.FLOAT;
  for (let l = 0; l < config.layers; l++) {
    for (const kind of ['key', 'value']) {
      inputs.push(valueInfo(`past_key_values.${l}.${kind}`, kvElem, kvDims));
      outputs.push(valueInfo(`present.${l}.${kind}`, kvElem, presentDims));
    }
  }
  if (config.logitsToKeepInput) inputs.push(valueInfo('num_logits_to_keep', ELEM.INT64, []));
  const opsetImport = [{ domain: '', version: OPSET }];
  if (config.dtype === 'int4') opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  return {
    irVersion: 8,
    producerName: 'mpr-make-tiny-model',
    producerVersion: '1',
    opsetImport,
    graph: { name, node: g.nodes, initializer: g.initializers, input: inputs, output: outputs },
  };
}
