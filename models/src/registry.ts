// The model manifest (models/registry.yaml): entries by role (the name a caller asks for, e.g. an agent's),
// each with a model's id, version, directory and how to run it. Parsed with `yaml`, validated with ajv.
// The manifest knows no roles and reads no environment: the caller says which entry it wants and which
// model directory its configuration names.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { MprError, errorMessage } from '../../lib/errors.ts';
import type { ExecutionProvider } from './backend/onnx.ts';
import type { SamplingOptions } from './generation/types.ts';

export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../registry.yaml', import.meta.url));

export interface GenerationDefaults extends SamplingOptions {
  maxNewTokens?: number;
  stopStrings?: string[];
}

/** The model a caller serves: its directory, with the settings of the manifest entry it asked for. */
export interface ModelSpec {
  /** The manifest entry the settings come from (whether or not the manifest lists one). */
  role: string;
  id: string;
  version: string;
  /** Absolute model directory. */
  dir: string;
  promptTemplate: string | null;
  generation: GenerationDefaults;
  /** In the order to try; `cuda` implies a CPU fallback. */
  executionProviders: ExecutionProvider[];
  cudaDeviceId?: number;
  gpuMemLimitBytes?: number;
  intraOpThreads?: number;
  interOpThreads?: number;
  /** Where id and version come from: the entry whose `path` is this directory, or the directory itself. */
  source: 'manifest' | 'directory';
  /**
   * LoRA adapters the entry lists, by name -> absolute PEFT directory, from its base's adapters; only
   * when the entry names a base. The model directory must take adapters (mpr add-adapter-inputs).
   */
  adapters?: Record<string, string>;
  /** The adapter requests without one run with; absent: the base model. */
  defaultAdapter?: string;
  /** The adapter a paraphrase task runs with (jw2); absent: the agent offers no paraphrase. */
  paraphraseAdapter?: string;
}

/** A base model shared by adapters: its directory and the PEFT adapters trained on it. */
export interface ManifestBase {
  /** Model directory prepared with mpr add-adapter-inputs; in the file, relative to the manifest. */
  path?: string;
  /** Adapter name -> PEFT directory (adapter_config.json + adapter_model.safetensors). */
  adapters?: Record<string, string>;
}

/** One entry as written in the manifest file. */
export interface ManifestEntry {
  id?: string;
  version?: string | number;
  /** Model directory; in the file, relative to the manifest. */
  path?: string;
  prompt?: string;
  executionProvider?: ExecutionProvider;
  cudaDeviceId?: number;
  gpuMemLimitBytes?: number;
  intraOpThreads?: number;
  interOpThreads?: number;
  generation?: GenerationDefaults;
  /** A base (under `bases`) whose adapters this entry serves. */
  base?: string;
  /** Names of the base's adapters to load (requests choose among them). */
  adapters?: string[];
  defaultAdapter?: string;
  paraphraseAdapter?: string;
}

/** The manifest file: `agents` maps each role a caller may ask for to its entry; `bases` names shared bases. */
export interface ManifestFile {
  version: 1;
  bases?: Record<string, ManifestBase>;
  agents?: Record<string, ManifestEntry>;
}

export interface ModelManifest {
  /** The manifest file read, or null when none was given. */
  path: string | null;
  /** Entries by role, each `path` made absolute against the manifest's folder. */
  entries: Readonly<Record<string, ManifestEntry>>;
  /** Bases by name, their path and adapter directories made absolute. */
  bases: Readonly<Record<string, ManifestBase>>;
}

const entrySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    version: { type: ['string', 'number'] },
    path: { type: 'string' },
    prompt: { type: 'string' },
    executionProvider: { enum: ['cuda', 'cpu'] },
    cudaDeviceId: { type: 'integer', minimum: 0 },
    gpuMemLimitBytes: { type: 'integer', minimum: 1 },
    intraOpThreads: { type: 'integer', minimum: 0 },
    interOpThreads: { type: 'integer', minimum: 0 },
    base: { type: 'string', minLength: 1 },
    adapters: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    defaultAdapter: { type: 'string', minLength: 1 },
    paraphraseAdapter: { type: 'string', minLength: 1 },
    generation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxNewTokens: { type: 'integer', minimum: 1 },
        temperature: { type: 'number', minimum: 0 },
        topK: { type: 'integer', minimum: 0 },
        topP: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        seed: { type: 'integer' },
        stopStrings: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;

const manifestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1 },
    bases: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          path: { type: 'string' },
          adapters: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
        },
      },
    },
    agents: {
      type: 'object',
      additionalProperties: entrySchema,
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile<ManifestFile>(manifestSchema);

export function parseManifest(text: string, source: string): ManifestFile {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new MprError('invalid_argument', `model manifest ${source} is not valid YAML: ${errorMessage(error)}`);
  }
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new MprError('invalid_argument', `model manifest ${source} is invalid: ${problems}`);
  }
  checkAdapterNames(data, source);
  return data;
}

/** Every base an entry names exists and has the adapters the entry lists; the default is one of them. */
function checkAdapterNames(file: ManifestFile, source: string): void {
  for (const [role, entry] of Object.entries(file.agents ?? {})) {
    const invalid = (why: string): never => {
      throw new MprError('invalid_argument', `model manifest ${source}: agents.${role} ${why}`);
    };
    if (entry.base === undefined) {
      if (entry.adapters || entry.defaultAdapter || entry.paraphraseAdapter)
        invalid('lists adapters but names no base');
      continue;
    }
    const base = file.bases?.[entry.base];
    if (!base) invalid(`names base "${entry.base}", which bases does not list`);
    for (const name of entry.adapters ?? []) {
      if (!base?.adapters?.[name]) invalid(`lists adapter "${name}", which base "${entry.base}" does not have`);
    }
    for (const key of ['defaultAdapter', 'paraphraseAdapter'] as const) {
      const name = entry[key];
      if (name && !(entry.adapters ?? []).includes(name)) invalid(`${key} "${name}" is not among its adapters`);
    }
  }
}

/** Reads and validates a manifest; `null` stands for no manifest (every role then has no entry). */
export async function loadModelManifest(path: string | null): Promise<ModelManifest> {
  if (!path) return { path: null, entries: {}, bases: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MprError('not_found', `cannot read model manifest ${path}: ${errorMessage(error)}`);
  }
  const baseDir = dirname(resolve(path));
  const file = parseManifest(text, path);
  const entries = Object.entries(file.agents ?? {}).map(([role, entry]) => [
    role,
    entry.path === undefined ? entry : { ...entry, path: resolve(baseDir, entry.path) },
  ]);
  const bases = Object.entries(file.bases ?? {}).map(([name, base]) => {
    const adapters = Object.entries(base.adapters ?? {}).map(([adapter, dir]) => [adapter, resolve(baseDir, dir)]);
    const resolved: ManifestBase = { adapters: Object.fromEntries(adapters) };
    if (base.path !== undefined) resolved.path = resolve(baseDir, base.path);
    return [name, resolved];
  });
  return { path: resolve(path), entries: Object.fromEntries(entries), bases: Object.fromEntries(bases) };
}

/**
 * The model in `dir` as `role` serves it: prompt, generation defaults and execution provider from the
 * role's entry; id and version from that entry when its `path` is `dir`, else from the directory's
 * config.json (`mpr_model_id` / `mpr_model_version`) or its folder name.
 */
export async function resolveModel(manifest: ModelManifest, role: string, dir: string): Promise<ModelSpec> {
  const entry: ManifestEntry = manifest.entries[role] ?? {};
  const absolute = resolve(dir);
  const listed = entry.path === absolute;
  const identity = listed
    ? { id: entry.id ?? basename(absolute), version: entry.version === undefined ? 'local' : String(entry.version) }
    : await identityFromDir(absolute);
  const spec: ModelSpec = {
    role,
    ...identity,
    dir: absolute,
    promptTemplate: entry.prompt ?? null,
    generation: { ...entry.generation },
    executionProviders: entry.executionProvider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    source: listed ? 'manifest' : 'directory',
  };
  for (const key of ['cudaDeviceId', 'gpuMemLimitBytes', 'intraOpThreads', 'interOpThreads'] as const) {
    if (entry[key] !== undefined) spec[key] = entry[key];
  }
  if (entry.base !== undefined) {
    const available = manifest.bases[entry.base]?.adapters ?? {};
    spec.adapters = Object.fromEntries((entry.adapters ?? []).map((name) => [name, available[name] as string]));
    if (entry.defaultAdapter !== undefined) spec.defaultAdapter = entry.defaultAdapter;
    if (entry.paraphraseAdapter !== undefined) spec.paraphraseAdapter = entry.paraphraseAdapter;
  }
  return spec;
}

async function identityFromDir(dir: string): Promise<{ id: string; version: string }> {
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // loadTextGenerator reports a missing or broken config.json with the model's other files.
  }
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  return { id: text(config.mpr_model_id) ?? basename(dir), version: text(config.mpr_model_version) ?? 'local' };
}
