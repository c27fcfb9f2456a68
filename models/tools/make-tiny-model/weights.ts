// Deterministic weights for a tiny Llama. Matrices are stored [in, out] (row-major), the layout an ONNX
// MatMul and the reference forward pass both consume directly.
import { createPrng, type Prng } from '../../src/kernels/prng.ts';
import type { TinyLlamaConfig } from './tiny-config.ts';

export interface LayerWeights {
  inputNorm: Float32Array;
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  o: Float32Array;
  postAttentionNorm: Float32Array;
  gate: Float32Array;
  up: Float32Array;
  down: Float32Array;
  /** Qwen2: biases of the q/k/v projections; null for Llama. */
  qBias: Float32Array | null;
  kBias: Float32Array | null;
  vBias: Float32Array | null;
}

export interface TinyLlamaWeights {
  /** [vocab, hidden] */
  embedding: Float32Array;
  layers: LayerWeights[];
  finalNorm: Float32Array;
  /** [hidden, vocab]; null when tied to the embedding. */
  lmHead: Float32Array | null;
}

function matrix(prng: Prng, rows: number, cols: number, scale: number): Float32Array {
  const m = new Float32Array(rows * cols);
  for (let i = 0; i < m.length; i++) m[i] = prng.symmetric(scale);
  return m;
}

function norm(prng: Prng, size: number): Float32Array {
  const w = new Float32Array(size);
  for (let i = 0; i < size; i++) w[i] = 1 + prng.symmetric(0.1);
  return w;
}

export function createWeights(config: TinyLlamaConfig): TinyLlamaWeights {
  const prng = createPrng(config.seed);
  const { hidden: d, headDim, heads, kvHeads, intermediate, vocabSize } = config;
  // Uniform with variance 1/fan_in keeps activations around unit scale. Attention and MLP outputs are
  // scaled up 4x so they outweigh the token's own embedding in the residual stream; otherwise a tied
  // head mostly predicts the current token again and greedy decoding repeats one token forever.
  const fan = (n: number): number => Math.sqrt(3 / n);
  const embedding = matrix(prng, vocabSize, d, 0.5);
  const layers: LayerWeights[] = [];
  for (let l = 0; l < config.layers; l++) {
    layers.push({
      inputNorm: norm(prng, d),
      q: matrix(prng, d, heads * headDim, fan(d)),
      k: matrix(prng, d, kvHeads * headDim, fan(d)),
      v: matrix(prng, d, kvHeads * headDim, fan(d)),
      o: matrix(prng, heads * headDim, d, 4 * fan(heads * headDim)),
      postAttentionNorm: norm(prng, d),
      gate: matrix(prng, d, intermediate, fan(d)),
      up: matrix(prng, d, intermediate, fan(d)),
      down: matrix(prng, intermediate, d, 4 * fan(intermediate)),
      qBias: null,
      kBias: null,
      vBias: null,
    });
  }
  const finalNorm = norm(prng, d);
  const lmHead = config.tieEmbeddings ? null : matrix(prng, d, vocabSize, fan(d));
  if (config.architecture === 'qwen2') {
    // A stream of its own, so a Qwen2 model shares every other weight with the Llama of the same seed.
    const biasPrng = createPrng(config.seed ^ 0xb1a5);
    for (const layer of layers) {
      layer.qBias = matrix(biasPrng, 1, heads * headDim, 0.3);
      layer.kBias = matrix(biasPrng, 1, kvHeads * headDim, 0.3);
      layer.vBias = matrix(biasPrng, 1, kvHeads * headDim, 0.3);
    }
  }
  return { embedding, layers, finalNorm, lmHead };
}
