// A LoRA adapter in PEFT's format: adapter_config.json (r, lora_alpha, target_modules,
// base_model_name_or_path) and adapter_model.safetensors with, per adapted module,
// `...layers.N.<scope>.<module>.lora_A.weight` [r, in] and `.lora_B.weight` [out, r]. The module's weight
// becomes W + scale * B @ A (scale = lora_alpha / r, or / sqrt(r) with rsLoRA). Variants that change
// more than the projections (DoRA, trained biases, fully trained modules) are refused, never half-applied.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import { readSafetensors } from './safetensors.ts';

export interface LoraModule {
  layer: number;
  /** PEFT module name, e.g. `q_proj`. */
  module: string;
  rank: number;
  inDim: number;
  outDim: number;
  /** [rank, in] */
  a: Float32Array;
  /** [out, rank], already multiplied by the adapter's scale. */
  scaledB: Float32Array;
}

export interface PeftAdapter {
  /** Directory the adapter was read from. */
  dir: string;
  rank: number;
  alpha: number;
  targetModules: string[];
  baseModel: string | null;
  /** Keyed by `${layer}.${module}`. */
  modules: Map<string, LoraModule>;
  /** Float32 bytes of A and B over every module: what the adapter costs in memory at run time. */
  bytes: number;
}

export const loraModuleKey = (layer: number, module: string): string => `${layer}.${module}`;

const WEIGHT_KEY = /(?:^|\.)layers\.(\d+)\.(?:[\w]+\.)*?(\w+)\.lora_([AB])(?:\.[\w-]+)?\.weight$/;

type Json = Record<string, unknown>;

function refuse(dir: string, why: string): never {
  throw new MprError('invalid_argument', `adapter ${dir}: ${why}`);
}

function readConfig(dir: string, config: Json): { rank: number; alpha: number; rslora: boolean; targets: string[] } {
  if (config.peft_type !== undefined && config.peft_type !== 'LORA')
    refuse(dir, `peft_type ${String(config.peft_type)} is not LORA`);
  const rank = config.r;
  const alpha = config.lora_alpha ?? rank;
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank <= 0) refuse(dir, 'r must be a positive integer');
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) refuse(dir, 'lora_alpha must be a number');
  if (config.use_dora) refuse(dir, 'DoRA adapters (use_dora) are not supported');
  if (config.bias !== undefined && config.bias !== 'none')
    refuse(dir, `bias "${String(config.bias)}" is not supported (only "none")`);
  if (config.fan_in_fan_out) refuse(dir, 'fan_in_fan_out (Conv1D models) is not supported');
  if (Array.isArray(config.modules_to_save) && config.modules_to_save.length > 0) {
    refuse(
      dir,
      `modules_to_save (${config.modules_to_save.join(', ')}) would replace whole modules; merge that adapter instead`,
    );
  }
  if (config.alpha_pattern && Object.keys(config.alpha_pattern as Json).length > 0)
    refuse(dir, 'alpha_pattern is not supported');
  const targets = config.target_modules;
  return {
    rank: rank as number,
    alpha: alpha as number,
    rslora: config.use_rslora === true,
    targets: Array.isArray(targets) ? targets.map(String) : typeof targets === 'string' ? [targets] : [],
  };
}

export async function loadPeftAdapter(dir: string): Promise<PeftAdapter> {
  let config: Json;
  try {
    config = JSON.parse(await readFile(join(dir, 'adapter_config.json'), 'utf8')) as Json;
  } catch (error) {
    throw new MprError('not_found', `adapter ${dir}: cannot read adapter_config.json: ${errorMessage(error)}`);
  }
  const { rank, alpha, rslora, targets } = readConfig(dir, config);
  const tensors = await readSafetensors(join(dir, 'adapter_model.safetensors'));
  const halves = new Map<
    string,
    { layer: number; module: string; a?: Float32Array; b?: Float32Array; shapeA?: number[]; shapeB?: number[] }
  >();
  for (const [name, tensor] of tensors) {
    const match = WEIGHT_KEY.exec(name);
    if (!match) refuse(dir, `unexpected tensor ${name} (LoRA A/B weights of decoder layers only)`);
    const [, layerText, module, which] = match as unknown as [string, string, string, 'A' | 'B'];
    const key = loraModuleKey(Number(layerText), module);
    const entry = halves.get(key) ?? { layer: Number(layerText), module };
    if (which === 'A') Object.assign(entry, { a: tensor.data, shapeA: tensor.shape });
    else Object.assign(entry, { b: tensor.data, shapeB: tensor.shape });
    halves.set(key, entry);
  }
  if (halves.size === 0) refuse(dir, 'adapter_model.safetensors holds no LoRA weights');
  const modules = new Map<string, LoraModule>();
  let bytes = 0;
  for (const [key, { layer, module, a, b, shapeA, shapeB }] of halves) {
    if (!a || !b || shapeA?.length !== 2 || shapeB?.length !== 2)
      refuse(dir, `module ${key} needs 2-D lora_A and lora_B`);
    const [moduleRank, inDim] = shapeA as [number, number];
    const [outDim, rankB] = shapeB as [number, number];
    if (rankB !== moduleRank) refuse(dir, `module ${key}: lora_A has rank ${moduleRank}, lora_B ${rankB}`);
    const scale = rslora ? alpha / Math.sqrt(moduleRank) : alpha / moduleRank;
    const scaledB = (b as Float32Array).map((value) => value * scale);
    modules.set(key, { layer, module, rank: moduleRank, inDim, outDim, a: a as Float32Array, scaledB });
    bytes += (a as Float32Array).byteLength + scaledB.byteLength;
  }
  const baseModel = typeof config.base_model_name_or_path === 'string' ? config.base_model_name_or_path : null;
  return { dir, rank, alpha, targetModules: targets, baseModel, modules, bytes };
}
