// A linear projection (x @ W [+ b]) in the form each stored dtype takes in exported graphs: a MatMul
// over a float32 or float16 initializer, or com.microsoft.MatMulNBits over int4 blocks. Nodes carry the
// exporters' scope names (`/model/layers.0/self_attn/q_proj/MatMul`), which the adapter rewrite reads.
import { float32ToFloat16 } from '../../src/kernels/float16.ts';
import { ELEM, float16Tensor, floatTensor, MS_DOMAIN, uint8Tensor, type GraphBuilder } from './graph-builder.ts';
import { quantizeInt4 } from './stored-weights.ts';
import { INT4_BLOCK_SIZE, type TinyDtype } from './tiny-config.ts';

export interface ProjectionSpec {
  /** Node scope, e.g. `/model/layers.0/self_attn/q_proj`. */
  scope: string;
  /** Initializer name of the weight, e.g. `model.layers.0.self_attn.q_proj.weight`. */
  weightName: string;
  /** [inDim, outDim], row-major. */
  weight: Float32Array;
  inDim: number;
  outDim: number;
  bias?: Float32Array | null;
  /** Name of the result (default: the last node's `<scope>/<op>/output_0`). */
  output?: string;
}

/** Element type of activations: float16 graphs compute in float16, the others in float32. */
export function activationElem(dtype: TinyDtype): number {
  return dtype === 'float16' ? ELEM.FLOAT16 : ELEM.FLOAT;
}

/** A float constant in the activation type, added as a named initializer. */
export function floatInitializer(
  g: GraphBuilder,
  dtype: TinyDtype,
  name: string,
  dims: number[],
  values: Float32Array,
): string {
  return g.tensor(
    dtype === 'float16' ? float16Tensor(name, dims, float32ToFloat16(values)) : floatTensor(name, dims, values),
  );
}

export function projection(g: GraphBuilder, dtype: TinyDtype, x: string, spec: ProjectionSpec): string {
  const { scope, weightName, weight, inDim, outDim } = spec;
  let out: string;
  const matmulOutputs = spec.output && !spec.bias ? [spec.output] : 1;
  if (dtype === 'int4') {
    const quantized = quantizeInt4(weight, inDim, outDim);
    const packed = g.tensor(
      uint8Tensor(`${weightName}_Q4`, [outDim, quantized.kBlocks, INT4_BLOCK_SIZE / 2], quantized.packed),
    );
    const scales = g.tensor(floatTensor(`${weightName}_scales`, [outDim * quantized.kBlocks], quantized.scales));
    [out] = g.named(
      `${scope}/MatMul_Q4`,
      'MatMulNBits',
      [x, packed, scales],
      { K: inDim, N: outDim, bits: 4, block_size: INT4_BLOCK_SIZE },
      matmulOutputs,
      MS_DOMAIN,
    ) as [string];
  } else {
    const w = floatInitializer(g, dtype, weightName, [inDim, outDim], weight);
    [out] = g.named(`${scope}/MatMul`, 'MatMul', [x, w], {}, matmulOutputs) as [string];
  }
  if (!spec.bias) return out;
  const bias = floatInitializer(g, dtype, weightName.replace(/weight$/, 'bias'), [outDim], spec.bias);
  return g.named(`${scope}/Add`, 'Add', [out, bias], {}, spec.output ? [spec.output] : 1)[0] as string;
}
