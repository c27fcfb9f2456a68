// A plain TypeScript forward pass of the tiny Llama (no KV cache, one sequence), written from the
// architecture's definition. Tests hold the ONNX graph to it.
import type { TinyLlamaConfig } from './tiny-config.ts';
import type { TinyLlamaWeights } from './weights.ts';

/** x [rows, n] @ w [n, m] -> [rows, m] */
function matmul(x: Float64Array, rows: number, w: Float32Array, n: number, m: number): Float64Array {
  const out = new Float64Array(rows * m);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) {
      const xv = x[r * n + i] as number;
      const wRow = i * m;
      const oRow = r * m;
      for (let j = 0; j < m; j++) out[oRow + j] = (out[oRow + j] as number) + xv * (w[wRow + j] as number);
    }
  }
  return out;
}

/** Adds a [m] bias to every row of x [rows, m] in place (Qwen2's q/k/v biases). */
function addBias(x: Float64Array, bias: Float32Array | null): void {
  if (!bias) return;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (bias[i % bias.length] as number);
}

function rmsNorm(x: Float64Array, rows: number, d: number, w: Float32Array, eps: number): Float64Array {
  const out = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let i = 0; i < d; i++) sum += (x[r * d + i] as number) ** 2;
    const inv = 1 / Math.sqrt(sum / d + eps);
    for (let i = 0; i < d; i++) out[r * d + i] = (x[r * d + i] as number) * inv * (w[i] as number);
  }
  return out;
}

/** Rotates each head vector of x [rows, nHeads * hd] in place for the row's position (rotate-half RoPE). */
function rope(x: Float64Array, rows: number, nHeads: number, hd: number, theta: number): void {
  const half = hd / 2;
  for (let pos = 0; pos < rows; pos++) {
    for (let h = 0; h < nHeads; h++) {
      const base = pos * nHeads * hd + h * hd;
      for (let i = 0; i < half; i++) {
        const angle = pos * (1 / theta ** ((2 * i) / hd));
        const c = Math.cos(angle);
        const s = Math.sin(angle);
        const a = x[base + i] as number;
        const b = x[base + i + half] as number;
        x[base + i] = a * c - b * s;
        x[base + i + half] = b * c + a * s;
      }
    }
  }
}

/** Logits [tokens.length, vocab] for every position. */
export function referenceForward(
  config: TinyLlamaConfig,
  weights: TinyLlamaWeights,
  tokens: readonly number[],
): Float32Array {
  const { hidden: d, heads, kvHeads, headDim: hd, intermediate, vocabSize, rmsNormEps: eps } = config;
  const S = tokens.length;
  const rep = heads / kvHeads;
  let x: Float64Array = new Float64Array(S * d);
  tokens.forEach((t, s) => {
    for (let i = 0; i < d; i++) x[s * d + i] = weights.embedding[t * d + i] as number;
  });

  for (const w of weights.layers) {
    const h = rmsNorm(x, S, d, w.inputNorm, eps);
    const q = matmul(h, S, w.q, d, heads * hd);
    const k = matmul(h, S, w.k, d, kvHeads * hd);
    const v = matmul(h, S, w.v, d, kvHeads * hd);
    addBias(q, w.qBias);
    addBias(k, w.kBias);
    addBias(v, w.vBias);
    rope(q, S, heads, hd, config.ropeTheta);
    rope(k, S, kvHeads, hd, config.ropeTheta);
    const context = new Float64Array(S * heads * hd);
    const scores = new Float64Array(S);
    for (let head = 0; head < heads; head++) {
      const kvHead = Math.floor(head / rep);
      for (let i = 0; i < S; i++) {
        let max = -Infinity;
        for (let j = 0; j <= i; j++) {
          let dot = 0;
          for (let e = 0; e < hd; e++)
            dot += (q[i * heads * hd + head * hd + e] as number) * (k[j * kvHeads * hd + kvHead * hd + e] as number);
          scores[j] = dot / Math.sqrt(hd);
          max = Math.max(max, scores[j] as number);
        }
        let sum = 0;
        for (let j = 0; j <= i; j++) {
          scores[j] = Math.exp((scores[j] as number) - max);
          sum += scores[j] as number;
        }
        for (let j = 0; j <= i; j++) {
          const p = (scores[j] as number) / sum;
          for (let e = 0; e < hd; e++) {
            const at = i * heads * hd + head * hd + e;
            context[at] = (context[at] as number) + p * (v[j * kvHeads * hd + kvHead * hd + e] as number);
          }
        }
      }
    }
    const attn = matmul(context, S, w.o, heads * hd, d);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (attn[i] as number);

    const h2 = rmsNorm(x, S, d, w.postAttentionNorm, eps);
    const gate = matmul(h2, S, w.gate, d, intermediate);
    const up = matmul(h2, S, w.up, d, intermediate);
    for (let i = 0; i < gate.length; i++) {
      const g = gate[i] as number;
      gate[i] = (g / (1 + Math.exp(-g))) * (up[i] as number);
    }
    const down = matmul(gate, S, w.down, intermediate, d);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (down[i] as number);
  }

  x = rmsNorm(x, S, d, weights.finalNorm, eps);
  const logits = new Float32Array(S * vocabSize);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < vocabSize; t++) {
      let dot = 0;
      if (weights.lmHead) {
        for (let i = 0; i < d; i++) dot += (x[s * d + i] as number) * (weights.lmHead[i * vocabSize + t] as number);
      } else {
        for (let i = 0; i < d; i++) dot += (x[s * d + i] as number) * (weights.embedding[t * d + i] as number);
      }
      logits[s * vocabSize + t] = dot;
    }
  }
  return logits;
}
