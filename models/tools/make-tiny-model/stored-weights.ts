// Weights as a layout stores them: float16 rounding, and int4 block quantization in MatMulNBits' format.
// `effectiveWeights` gives the float values the graph then computes with, so the reference forward pass
// can be held to the graph exactly up to activation rounding.
import { roundToFloat16 } from '../../src/kernels/float16.ts';
import { INT4_BLOCK_SIZE, type TinyLlamaConfig } from './tiny-config.ts';
import type { LayerWeights, TinyLlamaWeights } from './weights.ts';

/** A [K, N] matrix as MatMulNBits stores it (4 bits, symmetric, implicit zero point 8). */
export interface Int4Matrix {
  /** [N, kBlocks, blockSize / 2]: column n's K values in blocks, two per byte, low nibble first. */
  packed: Uint8Array;
  /** [N * kBlocks] */
  scales: Float32Array;
  kBlocks: number;
  /** The dequantized [K, N] values ((q - 8) * scale), what the operator multiplies by. */
  dequantized: Float32Array;
}

/**
 * Symmetric int4 block quantization along K, the way onnxruntime's MatMul4BitsQuantizer does it: the
 * value of largest magnitude in a block maps to -8, so scale = that value / -8 (its sign included).
 * K need not be a multiple of the block: the last block is padded with zeros.
 */
export function quantizeInt4(weights: Float32Array, k: number, n: number, blockSize = INT4_BLOCK_SIZE): Int4Matrix {
  const kBlocks = Math.ceil(k / blockSize);
  const blob = blockSize / 2;
  const packed = new Uint8Array(n * kBlocks * blob);
  const scales = new Float32Array(n * kBlocks);
  const dequantized = new Float32Array(k * n);
  for (let col = 0; col < n; col++) {
    for (let block = 0; block < kBlocks; block++) {
      const first = block * blockSize;
      const last = Math.min(k, first + blockSize);
      let extreme = 0;
      for (let row = first; row < last; row++) {
        const value = weights[row * n + col] as number;
        if (Math.abs(value) > Math.abs(extreme)) extreme = value;
      }
      const scale = Math.fround(extreme / -8);
      scales[col * kBlocks + block] = scale;
      const reciprocal = scale === 0 ? 0 : 1 / scale;
      for (let j = 0; j < blockSize; j++) {
        const row = first + j;
        const value = row < k ? (weights[row * n + col] as number) : 0;
        const q = Math.min(15, Math.max(0, Math.round(value * reciprocal) + 8));
        if (row < k) dequantized[row * n + col] = Math.fround((q - 8) * scale);
        const at = (col * kBlocks + block) * blob + (j >> 1);
        packed[at] = (packed[at] as number) | (j & 1 ? q << 4 : q);
      }
    }
  }
  return { packed, scales, kBlocks, dequantized };
}

/** [vocab, hidden] embedding transposed to the [hidden, vocab] LM head a tied model multiplies by. */
export function transposedEmbedding(config: TinyLlamaConfig, embedding: Float32Array): Float32Array {
  const { hidden, vocabSize } = config;
  const head = new Float32Array(hidden * vocabSize);
  for (let t = 0; t < vocabSize; t++)
    for (let i = 0; i < hidden; i++) head[i * vocabSize + t] = embedding[t * hidden + i] as number;
  return head;
}

const PROJECTIONS = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] as const;

function projectionShape(config: TinyLlamaConfig, name: (typeof PROJECTIONS)[number]): [number, number] {
  const { hidden: d, heads, kvHeads, headDim, intermediate } = config;
  const shapes = {
    q: [d, heads * headDim],
    k: [d, kvHeads * headDim],
    v: [d, kvHeads * headDim],
    o: [heads * headDim, d],
    gate: [d, intermediate],
    up: [d, intermediate],
    down: [intermediate, d],
  } as const;
  return [...shapes[name]];
}

const roundAll = (values: Float32Array): Float32Array => values.map(roundToFloat16);
const roundOrNull = (values: Float32Array | null): Float32Array | null => (values ? roundAll(values) : null);

/**
 * The weights the graph of `config.dtype` computes with: float16-rounded (every tensor), or with each
 * projection and the LM head int4-dequantized (a tied model's head is then its own quantized copy of the
 * embedding, as quantizers write it; the embedding lookup stays float32).
 */
export function effectiveWeights(config: TinyLlamaConfig, weights: TinyLlamaWeights): TinyLlamaWeights {
  if (config.dtype === 'float32') return weights;
  if (config.dtype === 'float16') {
    return {
      embedding: roundAll(weights.embedding),
      finalNorm: roundAll(weights.finalNorm),
      lmHead: roundOrNull(weights.lmHead),
      layers: weights.layers.map((layer) => {
        const rounded = { ...layer };
        for (const key of Object.keys(layer) as (keyof LayerWeights)[])
          rounded[key] = roundOrNull(layer[key]) as Float32Array;
        return rounded;
      }),
    };
  }
  const head = weights.lmHead ?? transposedEmbedding(config, weights.embedding);
  return {
    embedding: weights.embedding,
    finalNorm: weights.finalNorm,
    lmHead: quantizeInt4(head, config.hidden, config.vocabSize).dequantized,
    layers: weights.layers.map((layer) => {
      const quantized = { ...layer };
      for (const name of PROJECTIONS) {
        const [k, n] = projectionShape(config, name);
        quantized[name] = quantizeInt4(layer[name], k, n).dequantized;
      }
      return quantized;
    }),
  };
}
