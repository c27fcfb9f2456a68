// The tiny Llama (or Qwen2) in the form onnxruntime-genai's model builder writes it for the CPU: no
// position_ids input; the attention mask reduced to GroupQueryAttention's `seqlens_k` (row sums - 1) and
// `total_sequence_length` (its width); one packed QKV projection; rotary embedding inside
// GroupQueryAttention from cos/sin caches; (Skip)SimplifiedLayerNormalization carrying the residual
// stream; a separate LM head weight. GroupQueryAttention keeps each row's cache left-aligned: a row's
// positions are cache slots 0..seqlens_k, whatever the batch's longest row.
import { ELEM, GraphBuilder, MS_DOMAIN, valueInfo, type ModelProto } from './graph-builder.ts';
import { OPSET } from './llama-graph.ts';
import { activationElem, floatInitializer, projection } from './projection.ts';
import { transposedEmbedding } from './stored-weights.ts';
import type { TinyLlamaConfig } from './tiny-config.ts';
import type { TinyLlamaWeights } from './weights.ts';

/** Columns [q | k | v] of three [d, n] matrices side by side, as the builder packs them. */
function packColumns(rows: number, parts: readonly Float32Array[]): Float32Array {
  const widths = parts.map((p) => p.length / rows);
  const total = widths.reduce((a, b) => a + b, 0);
  const packed = new Float32Array(rows * total);
  for (let r = 0; r < rows; r++) {
    let at = r * total;
    parts.forEach((part, i) => {
      const width = widths[i] as number;
      packed.set(part.subarray(r * width, (r + 1) * width), at);
      at += width;
    });
  }
  return packed;
}

function ropeCaches(g: GraphBuilder, config: TinyLlamaConfig): [string, string] {
  const { headDim, ropeTheta, maxPositionEmbeddings: length } = config;
  const halfDim = headDim / 2;
  const cos = new Float32Array(length * halfDim);
  const sin = new Float32Array(length * halfDim);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < halfDim; i++) {
      const angle = p * (1 / ropeTheta ** ((2 * i) / headDim));
      cos[p * halfDim + i] = Math.cos(angle);
      sin[p * halfDim + i] = Math.sin(angle);
    }
  }
  return [
    floatInitializer(g, config.dtype === 'float16' ? 'float16' : 'float32', 'cos_cache', [length, halfDim], cos),
    floatInitializer(g, config.dtype === 'float16' ? 'float16' : 'float32', 'sin_cache', [length, halfDim], sin),
  ];
}

/** seqlens_k = ReduceSum(attention_mask) - 1 and total_sequence_length = its width, both int32. */
function maskReformat(g: GraphBuilder): [string, string] {
  const base = '/model/attn_mask_reformat/attn_mask_subgraph';
  const one = g.ints([1]);
  const sum = g.named(`${base}/ReduceSum`, 'ReduceSum', ['attention_mask', one], { keepdims: 0 })[0] as string;
  const sub = g.named(`${base}/Sub`, 'Sub', [sum, one])[0] as string;
  const seqlens = g.named(`${base}/Sub/Cast`, 'Cast', [sub], { to: ELEM.INT32 })[0] as string;
  const shape = g.named(`${base}/Shape`, 'Shape', ['attention_mask'])[0] as string;
  const width = g.named(`${base}/Gather`, 'Gather', [shape, g.ints([1], true)], { axis: 0 })[0] as string;
  const total = g.named(`${base}/Gather/Cast`, 'Cast', [width], { to: ELEM.INT32 })[0] as string;
  return [seqlens, total];
}

export function buildGenaiModel(config: TinyLlamaConfig, weights: TinyLlamaWeights): ModelProto {
  const g = new GraphBuilder();
  const { hidden: d, heads, kvHeads, headDim, intermediate, dtype, rmsNormEps: epsilon } = config;
  const floatDtype = dtype === 'float16' ? 'float16' : 'float32';
  floatInitializer(g, floatDtype, 'model.embed_tokens.weight', [config.vocabSize, d], weights.embedding);
  const [cosCache, sinCache] = ropeCaches(g, config);
  const [seqlensK, totalSequenceLength] = maskReformat(g);
  const norm = { epsilon: { float: epsilon }, axis: -1, stash_type: 1 };
  const skipNorm = (scope: string, input: string, skip: string, weight: string): [string, string] => {
    const [out, , , sum] = g.named(
      `${scope}/SkipLayerNorm`,
      'SkipSimplifiedLayerNormalization',
      [input, skip, weight],
      { epsilon: { float: epsilon } },
      [`${scope}/output_0`, '', '', `${scope}/output_3`],
      MS_DOMAIN,
    );
    return [out as string, sum as string];
  };

  const embedded = g.named('/model/embed_tokens/Gather', 'Gather', ['model.embed_tokens.weight', 'input_ids'], {
    axis: 0,
  })[0] as string;
  let residual = embedded;
  let pending: string | null = null;
  weights.layers.forEach((w, l) => {
    const scope = `/model/layers.${l}`;
    const prefix = `model.layers.${l}`;
    const inputNorm = floatInitializer(g, floatDtype, `${prefix}.input_layernorm.weight`, [d], w.inputNorm);
    let normed: string;
    if (pending === null) {
      normed = g.named(
        `${scope}/input_layernorm/LayerNorm`,
        'SimplifiedLayerNormalization',
        [residual, inputNorm],
        norm,
      )[0] as string;
    } else {
      [normed, residual] = skipNorm(`${scope}/input_layernorm`, pending, residual, inputNorm);
    }
    const qkvBias = w.qBias && w.kBias && w.vBias ? Float32Array.of(...w.qBias, ...w.kBias, ...w.vBias) : null;
    const qkv = projection(g, dtype, normed, {
      scope: `${scope}/attn/qkv_proj`,
      weightName: `${prefix}.attn.qkv_proj.weight`,
      weight: packColumns(d, [w.q, w.k, w.v]),
      inDim: d,
      outDim: (heads + 2 * kvHeads) * headDim,
      bias: qkvBias,
    });
    const [attended] = g.named(
      `${scope}/attn/GroupQueryAttention`,
      'GroupQueryAttention',
      [
        qkv,
        '',
        '',
        `past_key_values.${l}.key`,
        `past_key_values.${l}.value`,
        seqlensK,
        totalSequenceLength,
        cosCache,
        sinCache,
      ],
      {
        num_heads: heads,
        kv_num_heads: kvHeads,
        scale: { float: 1 / Math.sqrt(headDim) },
        local_window_size: -1,
        softcap: { float: 0 },
        do_rotary: 1,
        rotary_interleaved: 0,
      },
      [`${scope}/attn/GroupQueryAttention/output_0`, `present.${l}.key`, `present.${l}.value`],
      MS_DOMAIN,
    ) as [string];
    const attentionOut = projection(g, dtype, attended, {
      scope: `${scope}/attn/o_proj`,
      weightName: `${prefix}.attn.o_proj.weight`,
      weight: w.o,
      inDim: heads * headDim,
      outDim: d,
    });
    const postNorm = floatInitializer(
      g,
      floatDtype,
      `${prefix}.post_attention_layernorm.weight`,
      [d],
      w.postAttentionNorm,
    );
    const [normed2, residual2] = skipNorm(`${scope}/post_attention_layernorm`, attentionOut, residual, postNorm);
    residual = residual2;
    const mlpProjection = (name: string, input: string, values: Float32Array, inDim: number, outDim: number) =>
      projection(g, dtype, input, {
        scope: `${scope}/mlp/${name}`,
        weightName: `${prefix}.mlp.${name}.weight`,
        weight: values,
        inDim,
        outDim,
      });
    const gate = mlpProjection('gate_proj', normed2, w.gate, d, intermediate);
    const up = mlpProjection('up_proj', normed2, w.up, d, intermediate);
    const sigmoid = g.named(`${scope}/mlp/act_fn/Sigmoid`, 'Sigmoid', [gate])[0] as string;
    const silu = g.named(`${scope}/mlp/act_fn/Mul`, 'Mul', [gate, sigmoid])[0] as string;
    const product = g.named(`${scope}/mlp/Mul`, 'Mul', [silu, up])[0] as string;
    pending = mlpProjection('down_proj', product, w.down, intermediate, d);
  });
  const finalNorm = floatInitializer(g, floatDtype, 'model.norm.weight', [d], weights.finalNorm);
  let [hidden] = skipNorm(
    `/model/layers.${config.layers}/final_norm_layernorm`,
    pending as unknown as string,
    residual,
    finalNorm,
  );
  if (config.logitsToKeepInput) {
    const start = g.op1('Neg', [g.op1('Unsqueeze', ['num_logits_to_keep', g.ints([0])])]);
    hidden = g.op1('Slice', [hidden, start, g.ints([Number.MAX_SAFE_INTEGER]), g.ints([1])]);
  }
  projection(g, dtype, hidden, {
    scope: '/lm_head',
    weightName: 'lm_head.MatMul.weight',
    weight: weights.lmHead ?? transposedEmbedding(config, weights.embedding),
    inDim: d,
    outDim: config.vocabSize,
    output: 'logits',
  });

  const act = activationElem(dtype);
  const inputs = [
    valueInfo('input_ids', ELEM.INT64, ['batch_size', 'sequence_length']),
    valueInfo('attention_mask', ELEM.INT64, ['batch_size', 'total_sequence_length']),
  ];
  const outputs = [valueInfo('logits', act, ['batch_size', 'sequence_length', config.vocabSize])];
  for (let l = 0; l < config.layers; l++) {
    for (const kind of ['key', 'value']) {
      inputs.push(
        valueInfo(`past_key_values.${l}.${kind}`, act, ['batch_size', kvHeads, 'past_sequence_length', headDim]),
      );
      outputs.push(valueInfo(`present.${l}.${kind}`, act, ['batch_size', kvHeads, 'total_sequence_length', headDim]));
    }
  }
  if (config.logitsToKeepInput) inputs.push(valueInfo('num_logits_to_keep', ELEM.INT64, []));
  return {
    irVersion: 8,
    producerName: 'onnxruntime-genai',
    producerVersion: 'mpr-make-tiny-model',
    opsetImport: [
      { domain: '', version: OPSET },
      { domain: MS_DOMAIN, version: 1 },
    ],
    graph: { name: 'main_graph', node: g.nodes, initializer: g.initializers, input: inputs, output: outputs },
  };
}
