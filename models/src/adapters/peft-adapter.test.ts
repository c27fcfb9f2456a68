import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32ToFloat16 } from '../kernels/float16.ts';
import { loadPeftAdapter } from './peft-adapter.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mpr-peft-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

/** A safetensors file by hand: header JSON, then the raw bytes of each tensor in order. */
function rawSafetensors(entries: { name: string; dtype: string; shape: number[]; bytes: Uint8Array }[]): Uint8Array {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const { name, dtype, shape, bytes } of entries) {
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes.byteLength] };
    offset += bytes.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const { bytes } of entries) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

async function writeAdapter(name: string, config: object, file: Uint8Array): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'adapter_config.json'), JSON.stringify(config));
  await writeFile(join(dir, 'adapter_model.safetensors'), file);
  return dir;
}

describe('safetensors', () => {
  it('reads F32, F16 and BF16 tensors at any offset, and round-trips what it writes', () => {
    const values = [1.5, -2.25, 0.0999755859375, 65504];
    const f16 = float32ToFloat16(values);
    const bf16 = Uint16Array.from(new Uint32Array(Float32Array.from(values).buffer), (bits) => bits >>> 16);
    const file = rawSafetensors([
      { name: 'odd', dtype: 'F16', shape: [1], bytes: new Uint8Array(f16.buffer, 0, 2) },
      { name: 'half', dtype: 'F16', shape: [2, 2], bytes: new Uint8Array(f16.buffer) },
      { name: 'brain', dtype: 'BF16', shape: [4], bytes: new Uint8Array(bf16.buffer) },
      { name: 'full', dtype: 'F32', shape: [4], bytes: new Uint8Array(Float32Array.from(values).buffer) },
    ]);
    const tensors = decodeSafetensors(file, 'test');
    expect(Array.from(tensors.get('half')?.data ?? [])).toEqual(values);
    expect(tensors.get('half')?.shape).toEqual([2, 2]);
    expect(Array.from(tensors.get('brain')?.data ?? [])).toEqual([1.5, -2.25, 0.099609375, 65280]);
    expect(Array.from(tensors.get('full')?.data ?? [])).toEqual(values);
    const again = decodeSafetensors(encodeSafetensors(tensors), 'again');
    expect(Array.from(again.get('brain')?.data ?? [])).toEqual(Array.from(tensors.get('brain')?.data ?? []));
  });

  it('refuses files that are not safetensors, with a typed error', () => {
    expect(() => decodeSafetensors(new Uint8Array(4), 'x')).toThrow(/too short/);
    const bad = rawSafetensors([{ name: 'a', dtype: 'I8', shape: [1], bytes: new Uint8Array(1) }]);
    expect(() => decodeSafetensors(bad, 'x')).toThrow(/dtype I8/);
    const short = rawSafetensors([{ name: 'a', dtype: 'F32', shape: [3], bytes: new Uint8Array(8) }]);
    expect(() => decodeSafetensors(short, 'x')).toThrow(/byte range/);
  });
});

describe('loadPeftAdapter', () => {
  const lora = (layer: number, module: string, rank: number, inDim: number, outDim: number) => [
    {
      name: `base_model.model.model.layers.${layer}.self_attn.${module}.lora_A.weight`,
      dtype: 'F32',
      shape: [rank, inDim],
      bytes: new Uint8Array(Float32Array.from({ length: rank * inDim }, () => 1).buffer),
    },
    {
      name: `base_model.model.model.layers.${layer}.self_attn.${module}.lora_B.weight`,
      dtype: 'F32',
      shape: [outDim, rank],
      bytes: new Uint8Array(Float32Array.from({ length: outDim * rank }, () => 1).buffer),
    },
  ];
  const config = {
    peft_type: 'LORA',
    r: 2,
    lora_alpha: 8,
    target_modules: ['q_proj'],
    base_model_name_or_path: 'meta-llama/Llama-3.2-3B',
  };

  it('reads the config and scales B by alpha / r (alpha / sqrt(r) with rsLoRA)', async () => {
    const dir = await writeAdapter('plain', config, rawSafetensors(lora(3, 'q_proj', 2, 4, 6)));
    const adapter = await loadPeftAdapter(dir);
    expect(adapter).toMatchObject({
      rank: 2,
      alpha: 8,
      baseModel: 'meta-llama/Llama-3.2-3B',
      targetModules: ['q_proj'],
    });
    const module = adapter.modules.get('3.q_proj');
    expect(module).toMatchObject({ layer: 3, module: 'q_proj', rank: 2, inDim: 4, outDim: 6 });
    expect(module?.scaledB[0]).toBe(4);
    const rs = await loadPeftAdapter(
      await writeAdapter('rs', { ...config, use_rslora: true }, rawSafetensors(lora(0, 'q_proj', 4, 4, 6))),
    );
    expect(rs.modules.get('0.q_proj')?.scaledB[0]).toBe(4);
  });

  it('refuses what it cannot apply exactly, naming why', async () => {
    const file = rawSafetensors(lora(0, 'q_proj', 2, 4, 6));
    const refused = async (name: string, changes: object) =>
      loadPeftAdapter(await writeAdapter(name, { ...config, ...changes }, file));
    await expect(refused('dora', { use_dora: true })).rejects.toThrow(/DoRA/);
    await expect(refused('saved', { modules_to_save: ['lm_head'] })).rejects.toThrow(/modules_to_save \(lm_head\)/);
    await expect(refused('bias', { bias: 'all' })).rejects.toThrow(/bias "all"/);
    await expect(refused('prefix', { peft_type: 'PREFIX_TUNING' })).rejects.toThrow(/not LORA/);
    await expect(refused('rank', { r: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
    const mismatched = rawSafetensors([
      ...lora(0, 'q_proj', 2, 4, 6).slice(0, 1),
      ...lora(0, 'q_proj', 3, 4, 6).slice(1),
    ]);
    await expect(loadPeftAdapter(await writeAdapter('mismatch', config, mismatched))).rejects.toThrow(
      /rank 2, lora_B 3/,
    );
    await expect(loadPeftAdapter(join(root, 'nowhere'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
