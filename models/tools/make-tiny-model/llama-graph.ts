// The tiny Llama as an ONNX graph with the Optimum `text-generation-with-past` interface. Standard ops
// only (opset 17). Grouped-query attention broadcasts queries [B, kvH, rep, S, hd] against keys
// [B, kvH, 1, hd, T], so shared KV heads are never copied.
import { ELEM, GraphBuilder, valueInfo, type ModelProto } from './graph-builder.ts';
import type { TinyLlamaConfig } from './tiny-config.ts';
import type { TinyLlamaWeights } from './weights.ts';

export const OPSET = 17;
/** ArgMax of the logits per position (first index on ties), as the runtime's greedy fast path expects. */
export const GREEDY_OUTPUT = 'greedy_token_ids';
const MASKED = -1e9;

interface SharedTensors {
  /** [B, 1, S, hd] for keys and [B, 1, 1, S, hd] for grouped queries. */
  cosK: string;
  sinK: string;
  cosQ: string;
  sinQ: string;
  /** Additive mask [B, 1, 1, S, T]. */
  maskBias: string;
}

function rmsNorm(g: GraphBuilder, x: string, weight: string, eps: number): string {
  const squared = g.op1('Mul', [x, x]);
  const mean = g.op1('ReduceMean', [squared], { axes: [-1], keepdims: 1 });
  const rms = g.op1('Sqrt', [g.op1('Add', [mean, g.floats([eps], [])])]);
  return g.op1('Mul', [g.op1('Div', [x, rms]), weight]);
}

function rotateHalf(g: GraphBuilder, x: string, headDim: number): string {
  const half = headDim / 2;
  const [x1, x2] = g.op('Split', [x, g.ints([half, half])], { axis: -1 }, 2) as [string, string];
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
  const cos = g.op1('Cos', [angles]);
  const sin = g.op1('Sin', [angles]);

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

/** past ++ fresh along time; with a float16 cache the boundary is cast and the math stays fp32. */
function cacheConcat(g: GraphBuilder, config: TinyLlamaConfig, past: string, fresh: string, present: string): string {
  if (config.kvDtype === 'float32') return g.op1('Concat', [past, fresh], { axis: 2 }, present);
  const fresh16 = g.op1('Cast', [fresh], { to: ELEM.FLOAT16 });
  const all16 = g.op1('Concat', [past, fresh16], { axis: 2 }, present);
  return g.op1('Cast', [all16], { to: ELEM.FLOAT });
}

function attention(g: GraphBuilder, config: TinyLlamaConfig, layer: number, x: string, shared: SharedTensors): string {
  const { hidden, heads, kvHeads, headDim } = config;
  const rep = heads / kvHeads;
  const p = `model.layers.${layer}.self_attn`;
  const q = g.op1('MatMul', [x, `${p}.q_proj.weight`]);
  const k = g.op1('MatMul', [x, `${p}.k_proj.weight`]);
  const v = g.op1('MatMul', [x, `${p}.v_proj.weight`]);
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
  const scores = g.op1('Mul', [g.op1('MatMul', [qRot, keysT]), g.floats([1 / Math.sqrt(headDim)], [])]);
  const probs = g.op1('Softmax', [g.op1('Add', [scores, shared.maskBias])], { axis: -1 });
  const context = g.op1('MatMul', [probs, g.op1('Unsqueeze', [values, g.ints([2])])]);
  const merged = g.op1('Reshape', [g.op1('Transpose', [context], { perm: [0, 3, 1, 2, 4] }), g.ints([0, 0, hidden])]);
  return g.op1('MatMul', [merged, `${p}.o_proj.weight`]);
}

function mlp(g: GraphBuilder, layer: number, x: string): string {
  const p = `model.layers.${layer}.mlp`;
  const gate = g.op1('MatMul', [x, `${p}.gate_proj.weight`]);
  const up = g.op1('MatMul', [x, `${p}.up_proj.weight`]);
  const silu = g.op1('Mul', [gate, g.op1('Sigmoid', [gate])]);
  return g.op1('MatMul', [g.op1('Mul', [silu, up]), `${p}.down_proj.weight`]);
}

function addWeights(g: GraphBuilder, config: TinyLlamaConfig, weights: TinyLlamaWeights): void {
  const { hidden: d, heads, kvHeads, headDim, intermediate, vocabSize } = config;
  g.weight('model.embed_tokens.weight', [vocabSize, d], weights.embedding);
  weights.layers.forEach((w, l) => {
    const p = `model.layers.${l}`;
    g.weight(`${p}.input_layernorm.weight`, [d], w.inputNorm);
    g.weight(`${p}.self_attn.q_proj.weight`, [d, heads * headDim], w.q);
    g.weight(`${p}.self_attn.k_proj.weight`, [d, kvHeads * headDim], w.k);
    g.weight(`${p}.self_attn.v_proj.weight`, [d, kvHeads * headDim], w.v);
    g.weight(`${p}.self_attn.o_proj.weight`, [heads * headDim, d], w.o);
    g.weight(`${p}.post_attention_layernorm.weight`, [d], w.postAttentionNorm);
    g.weight(`${p}.mlp.gate_proj.weight`, [d, intermediate], w.gate);
    g.weight(`${p}.mlp.up_proj.weight`, [d, intermediate], w.up);
    g.weight(`${p}.mlp.down_proj.weight`, [intermediate, d], w.down);
  });
  g.weight('model.norm.weight', [d], weights.finalNorm);
  if (weights.lmHead) g.weight('lm_head.weight', [d, vocabSize], weights.lmHead);
}

export function buildLlamaModel(config: TinyLlamaConfig, weights: TinyLlamaWeights): ModelProto {
  const g = new GraphBuilder();
  addWeights(g, config, weights);
  const shared = sharedTensors(g, config);
  let x = g.op1('Gather', ['model.embed_tokens.weight', 'input_ids'], { axis: 0 });
  for (let l = 0; l < config.layers; l++) {
    const normed = rmsNorm(g, x, `model.layers.${l}.input_layernorm.weight`, config.rmsNormEps);
    x = g.op1('Add', [x, attention(g, config, l, normed, shared)]);
    const normed2 = rmsNorm(g, x, `model.layers.${l}.post_attention_layernorm.weight`, config.rmsNormEps);
    x = g.op1('Add', [x, mlp(g, l, normed2)]);
  }
  if (config.logitsToKeepInput) {
    // HF semantics: keep the last n positions; 0 keeps all (slice start -0 = 0).
    const start = g.op1('Neg', [g.op1('Unsqueeze', ['num_logits_to_keep', g.ints([0])])]);
    const end = g.ints([Number.MAX_SAFE_INTEGER]);
    x = g.op1('Slice', [x, start, end, g.ints([1])]);
  }
  const normed = rmsNorm(g, x, 'model.norm.weight', config.rmsNormEps);
  const head = config.tieEmbeddings
    ? g.op1('Transpose', ['model.embed_tokens.weight'], { perm: [1, 0] })
    : 'lm_head.weight';
  g.op1('MatMul', [normed, head], {}, 'logits');
  if (config.greedyOutput) g.op1('ArgMax', ['logits'], { axis: -1, keepdims: 0 }, GREEDY_OUTPUT);

  const kvDims = ['batch_size', config.kvHeads, 'past_sequence_length', config.headDim];
  const presentDims = ['batch_size', config.kvHeads, 'total_sequence_length', config.headDim];
  const inputs = [
    valueInfo('input_ids', ELEM.INT64, ['batch_size', 'sequence_length']),
    valueInfo('attention_mask', ELEM.INT64, ['batch_size', 'total_sequence_length']),
    valueInfo('position_ids', ELEM.INT64, ['batch_size', 'sequence_length']),
  ];
  const outputs = [valueInfo('logits', ELEM.FLOAT, ['batch_size', 'logits_length', config.vocabSize])];
  if (config.greedyOutput) outputs.push(valueInfo(GREEDY_OUTPUT, ELEM.INT64, ['batch_size', 'logits_length']));
  const kvElem = config.kvDtype === 'float16' ? ELEM.FLOAT16 : ELEM.FLOAT;
  for (let l = 0; l < config.layers; l++) {
    for (const kind of ['key', 'value']) {
      inputs.push(valueInfo(`past_key_values.${l}.${kind}`, kvElem, kvDims));
      outputs.push(valueInfo(`present.${l}.${kind}`, kvElem, presentDims));
    }
  }
  if (config.logitsToKeepInput) inputs.push(valueInfo('num_logits_to_keep', ELEM.INT64, []));

  return {
    irVersion: 8,
    producerName: 'mpr-make-tiny-model',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: { name: 'tiny_llama', node: g.nodes, initializer: g.initializers, input: inputs, output: outputs },
  };
}
