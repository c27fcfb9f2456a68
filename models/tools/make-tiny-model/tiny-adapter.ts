// Random LoRA adapters for a tiny model, in PEFT's format (adapter_config.json +
// adapter_model.safetensors), and the same adapter merged into the weights (W + scale * B @ A), which the
// run-time adapter path is held to.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loraModuleKey, type PeftAdapter } from '../../src/adapters/peft-adapter.ts';
import { encodeSafetensors, type FloatTensor } from '../../src/adapters/safetensors.ts';
import { createPrng } from '../../src/kernels/prng.ts';
import type { TinyLlamaConfig } from './tiny-config.ts';
import type { LayerWeights, TinyLlamaWeights } from './weights.ts';

export interface TinyAdapterOptions {
  out: string;
  /** The base model's resolved config (sizes). */
  config: TinyLlamaConfig;
  rank?: number;
  alpha?: number;
  /** Default: the attention projections, as the team's adapters. */
  targetModules?: readonly string[];
  seed?: number;
  /** Written as base_model_name_or_path. */
  baseModel?: string;
}

const WEIGHT_OF: Record<string, keyof LayerWeights> = {
  q_proj: 'q',
  k_proj: 'k',
  v_proj: 'v',
  o_proj: 'o',
  gate_proj: 'gate',
  up_proj: 'up',
  down_proj: 'down',
};

const MLP_MODULES = new Set(['gate_proj', 'up_proj', 'down_proj']);

/** [in, out] of a projection of the tiny Llama. */
export function moduleShape(config: TinyLlamaConfig, module: string): [number, number] {
  const { hidden: d, heads, kvHeads, headDim, intermediate } = config;
  const shapes: Record<string, [number, number]> = {
    q_proj: [d, heads * headDim],
    k_proj: [d, kvHeads * headDim],
    v_proj: [d, kvHeads * headDim],
    o_proj: [heads * headDim, d],
    gate_proj: [d, intermediate],
    up_proj: [d, intermediate],
    down_proj: [intermediate, d],
  };
  const shape = shapes[module];
  if (!shape) throw new Error(`unknown module ${module}`);
  return shape;
}

export async function makeTinyAdapter(options: TinyAdapterOptions): Promise<{ dir: string; bytes: number }> {
  const { config } = options;
  const rank = options.rank ?? 16;
  const alpha = options.alpha ?? 32;
  const modules = options.targetModules ?? ['q_proj', 'k_proj', 'v_proj', 'o_proj'];
  const prng = createPrng(options.seed ?? 1);
  const tensors = new Map<string, FloatTensor>();
  for (let layer = 0; layer < config.layers; layer++) {
    for (const module of modules) {
      const [inDim, outDim] = moduleShape(config, module);
      const scope = MLP_MODULES.has(module) ? 'mlp' : 'self_attn';
      const key = `base_model.model.model.layers.${layer}.${scope}.${module}`;
      // Unit-variance x @ A^T, and B sized so that scale * B @ A moves a projection about as much as W does:
      // a trained adapter's effect, enough to change greedy tokens.
      const a = Float32Array.from({ length: rank * inDim }, () => prng.symmetric(Math.sqrt(3 / inDim)));
      const bScale = Math.sqrt(3 / rank) / (alpha / rank);
      const b = Float32Array.from({ length: outDim * rank }, () => prng.symmetric(bScale));
      tensors.set(`${key}.lora_A.weight`, { shape: [rank, inDim], data: a });
      tensors.set(`${key}.lora_B.weight`, { shape: [outDim, rank], data: b });
    }
  }
  const adapterConfig = {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    base_model_name_or_path: options.baseModel ?? 'mpr-tiny-model',
    r: rank,
    lora_alpha: alpha,
    lora_dropout: 0.05,
    target_modules: [...modules],
    bias: 'none',
    fan_in_fan_out: false,
    inference_mode: true,
    use_rslora: false,
    use_dora: false,
  };
  await mkdir(options.out, { recursive: true });
  const bytes = encodeSafetensors(tensors, { format: 'pt' });
  await Promise.all([
    writeFile(join(options.out, 'adapter_config.json'), `${JSON.stringify(adapterConfig, null, 2)}\n`),
    writeFile(join(options.out, 'adapter_model.safetensors'), bytes),
  ]);
  return { dir: options.out, bytes: bytes.byteLength };
}

/** `weights` with the adapter merged into its projections: W[in, out] += (scale * B @ A)^T. */
export function mergeAdapter(
  config: TinyLlamaConfig,
  weights: TinyLlamaWeights,
  adapter: PeftAdapter,
): TinyLlamaWeights {
  const layers = weights.layers.map((layer, l) => {
    const merged: LayerWeights = { ...layer };
    for (const [module, field] of Object.entries(WEIGHT_OF)) {
      const lora = adapter.modules.get(loraModuleKey(l, module));
      if (!lora) continue;
      const [inDim, outDim] = moduleShape(config, module);
      const w = Float32Array.from(layer[field] as Float32Array);
      for (let i = 0; i < inDim; i++) {
        for (let o = 0; o < outDim; o++) {
          let delta = 0;
          for (let k = 0; k < lora.rank; k++)
            delta += (lora.scaledB[o * lora.rank + k] as number) * (lora.a[k * inDim + i] as number);
          w[i * outDim + o] = (w[i * outDim + o] as number) + delta;
        }
      }
      merged[field] = w as LayerWeights[typeof field] & Float32Array;
    }
    return merged;
  });
  return { ...weights, layers };
}
