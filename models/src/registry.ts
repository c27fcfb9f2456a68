// The model manifest (models/registry.yaml): which model each agent serves, with env overrides.
// Parsed with `yaml`, validated with ajv; with nothing configured an agent gets { kind: 'none' } and
// keeps its embedded default engine.
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { MprError, errorMessage } from '../../lib/errors.ts';
import type { ExecutionProvider } from './backend/onnx.ts';
import type { SamplingOptions } from './generation/types.ts';

export type AgentName = 'cleaner' | 'describer';
export const AGENTS: readonly AgentName[] = ['cleaner', 'describer'];
export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../registry.yaml', import.meta.url));

const ENV_OVERRIDE: Record<AgentName, string> = { cleaner: 'MPR_CLEANER_MODEL', describer: 'MPR_DESCRIBER_MODEL' };

export interface GenerationDefaults extends SamplingOptions {
  maxNewTokens?: number;
  stopStrings?: string[];
}

export interface ModelSpec {
  kind: 'onnx';
  agent: AgentName;
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
  source: 'manifest' | 'env';
}

export interface NoModel {
  kind: 'none';
  agent: AgentName;
  reason: string;
}

export type AgentModel = ModelSpec | NoModel;

export interface ModelManifest {
  /** The manifest file read, or null when none was configured. */
  path: string | null;
  agents: Record<AgentName, AgentModel>;
}

interface AgentEntry {
  id?: string;
  version?: string | number;
  path?: string;
  prompt?: string;
  executionProvider?: ExecutionProvider;
  cudaDeviceId?: number;
  gpuMemLimitBytes?: number;
  intraOpThreads?: number;
  interOpThreads?: number;
  generation?: GenerationDefaults;
}

interface ManifestFile {
  version: 1;
  agents?: Partial<Record<AgentName, AgentEntry>>;
}

const agentSchema = {
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
    agents: {
      type: 'object',
      additionalProperties: false,
      properties: { cleaner: agentSchema, describer: agentSchema },
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
  return data;
}

function resolveAgent(
  agent: AgentName,
  entry: AgentEntry | undefined,
  baseDir: string | null,
  env: NodeJS.ProcessEnv,
): AgentModel {
  const override = env[ENV_OVERRIDE[agent]];
  if (override !== undefined && override.trim() === '') {
    return { kind: 'none', agent, reason: `${ENV_OVERRIDE[agent]} is empty` };
  }
  const fromEnv = override !== undefined;
  const path = fromEnv ? resolve(override) : entry?.path && baseDir ? resolve(baseDir, entry.path) : null;
  if (!path) return { kind: 'none', agent, reason: entry ? 'no path in the model manifest' : 'no model configured' };
  const provider = entry?.executionProvider ?? 'cpu';
  const spec: ModelSpec = {
    kind: 'onnx',
    agent,
    id: entry?.id ?? basename(path),
    version: entry?.version === undefined ? 'local' : String(entry.version),
    dir: path,
    promptTemplate: entry?.prompt ?? null,
    generation: { ...entry?.generation },
    executionProviders: provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    source: fromEnv ? 'env' : 'manifest',
  };
  for (const key of ['cudaDeviceId', 'gpuMemLimitBytes', 'intraOpThreads', 'interOpThreads'] as const) {
    if (entry?.[key] !== undefined) spec[key] = entry[key];
  }
  return spec;
}

export interface LoadManifestOptions {
  /** Manifest file; default env MPR_MODEL_MANIFEST; with neither, only env overrides apply. */
  path?: string;
  env?: NodeJS.ProcessEnv;
}

export async function loadModelManifest(options: LoadManifestOptions = {}): Promise<ModelManifest> {
  const env = options.env ?? process.env;
  const path = options.path ?? (env.MPR_MODEL_MANIFEST || undefined);
  let file: ManifestFile = { version: 1 };
  if (path) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new MprError('not_found', `cannot read model manifest ${path}: ${errorMessage(error)}`);
    }
    file = parseManifest(text, path);
  }
  const baseDir = path ? dirname(resolve(path)) : null;
  const agents = Object.fromEntries(AGENTS.map((a) => [a, resolveAgent(a, file.agents?.[a], baseDir, env)])) as Record<
    AgentName,
    AgentModel
  >;
  return { path: path ? resolve(path) : null, agents };
}
