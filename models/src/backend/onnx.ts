// The only module that imports onnxruntime-node. Creates sessions with the configured execution
// providers (CUDA first, a logged and reported fallback to CPU) and describes a decoder's interface
// (input/output names, KV dtype and shape) from the session's own metadata.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import {
  ADAPTER_INDEX_INPUT,
  ADAPTER_SITES_METADATA,
  parseAdapterSites,
  type AdapterSite,
} from '../adapters/adapter-sites.ts';
import { readGraphSummary, type GraphSummary } from './graph-ops.ts';

export type ExecutionProvider = 'cuda' | 'cpu';
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';
export type KvDtype = 'float32' | 'float16';
/** Element type of the logits output: float16 exports hand out half floats, decoded on the host. */
export type LogitsDtype = 'float32' | 'float16';
export type OrtTensor = ort.Tensor;
export type Feeds = Record<string, ort.Tensor>;
/** Outputs to fetch: names (onnxruntime allocates), or per name a tensor to write into (null: allocate). */
export type Fetches = readonly string[] | Record<string, ort.Tensor | null>;

export interface BackendLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface SessionConfig {
  /** Tried in order; default ['cpu']. With ['cuda', 'cpu'] a missing CUDA falls back to CPU, logged. */
  executionProviders?: readonly ExecutionProvider[];
  cudaDeviceId?: number;
  /** Passed to the CUDA provider as gpu_mem_limit (bytes). */
  gpuMemLimitBytes?: number;
  intraOpThreads?: number;
  interOpThreads?: number;
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** Whether idle intra-op threads spin (ORT default: yes). Off frees cores for other work between runs. */
  allowSpinning?: boolean;
  logger?: BackendLogger;
}

/**
 * Where each row's steps lie in the KV cache, as the graph's attention reads them: 'right' (standard
 * attention over an attention mask: rows end at the last slot, left padding masked), 'left'
 * (GroupQueryAttention: rows start at slot 0 and seqlens_k, the mask's row sums - 1, says how far).
 */
export type CacheAlignment = 'right' | 'left';

export interface DecoderIo {
  layers: number;
  cacheAlignment: CacheAlignment;
  /**
   * Whether one run may feed several tokens to each of several rows that have a past (drafts).
   * GroupQueryAttention allows several tokens with a past for one row only.
   */
  multiTokenBatches: boolean;
  kvDtype: KvDtype;
  kvHeads: number;
  headDim: number;
  hasPositionIds: boolean;
  hasAttentionMask: boolean;
  /** Name of the logits-to-keep input (`num_logits_to_keep` or `logits_to_keep`), if the graph has one. */
  logitsToKeepInput: string | null;
  logitsDtype: LogitsDtype;
  /** Size of the float32 logits' last dimension when the graph fixes it (null: not float32 or symbolic). */
  logitsVocab: number | null;
  /** `greedy_token_ids` [batch, positions] int64 (ArgMax of the logits), if the graph has it. */
  greedyTokensOutput: string | null;
  /** Projections that take LoRA factors as inputs (a graph prepared by models/tools/adapter-inputs), or null. */
  adapterSites: AdapterSite[] | null;
  pastKeyNames: string[];
  pastValueNames: string[];
  presentKeyNames: string[];
  presentValueNames: string[];
}

export interface ModelSession {
  readonly executionProvider: ExecutionProvider;
  /** Why the preferred provider was not used (e.g. CUDA libraries missing); null when it was. */
  readonly fallbackReason: string | null;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly io: DecoderIo;
  /**
   * Runs the graph; `fetches` limits which outputs are copied out (all by default) and may name tensors
   * the session writes an output into (onnxruntime-node still returns its own copy as well).
   */
  run(feeds: Feeds, fetches?: Fetches): Promise<Record<string, ort.Tensor>>;
  release(): Promise<void>;
}

export function int64Tensor(data: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', data, dims);
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

export function float16Tensor(data: Uint16Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float16', data, dims);
}

/** An empty past for one layer ([batch, kvHeads, 0, headDim]). */
/**
 * Frees the memory behind a session output nobody reads any more, now rather than at a garbage
 * collection. onnxruntime-node hands every output out in a fresh buffer, which V8 counts as external
 * memory; a decode step's KV cache and logits add up to tens of megabytes every few dozen steps, and each
 * time V8 answers with a full mark-compact of the heap (most of it done by its helper threads), a
 * cost bare `session.run` loops pay too. Detaching the buffer (`transfer(0)`) returns it at once. Only
 * a tensor that owns its whole buffer is freed, so no other tensor loses its data; reading the tensor
 * afterwards finds it empty.
 */
export function releaseTensor(tensor: ort.Tensor): void {
  const data = tensor.data as ArrayBufferView;
  const buffer = data.buffer;
  if (!(buffer instanceof ArrayBuffer) || data.byteOffset !== 0 || data.byteLength !== buffer.byteLength) return;
  const detachable = buffer as ArrayBuffer & { detached?: boolean; transfer?: (length: number) => ArrayBuffer };
  if (detachable.detached || !detachable.transfer) return;
  try {
    detachable.transfer(0);
  } catch {
    // Not detachable (WebAssembly memory, a buffer pinned by its owner): the collector frees it.
  }
}

export function emptyKv(dtype: KvDtype, batch: number, kvHeads: number, headDim: number): ort.Tensor {
  return dtype === 'float16'
    ? new ort.Tensor('float16', new Uint16Array(0), [batch, kvHeads, 0, headDim])
    : new ort.Tensor('float32', new Float32Array(0), [batch, kvHeads, 0, headDim]);
}

function tensorMeta(
  metadata: readonly ort.InferenceSession.ValueMetadata[],
  name: string,
): ort.InferenceSession.TensorValueMetadata | undefined {
  const meta = metadata.find((m) => m.name === name);
  return meta?.isTensor ? meta : undefined;
}

function fixedLogitsVocab(session: ort.InferenceSession): number | null {
  const logits = tensorMeta(session.outputMetadata, 'logits');
  const vocab = logits?.shape.at(-1);
  return logits?.type === 'float32' && typeof vocab === 'number' && vocab > 0 ? vocab : null;
}

/** `graph`: the graph's operators and metadata (see graph-ops.ts), which settle the cache alignment and adapter sites. */
export function describeDecoder(
  session: ort.InferenceSession,
  graph: GraphSummary = { operators: new Set(), metadata: new Map() },
): DecoderIo {
  const inputs = new Set(session.inputNames);
  const pastKeyNames = session.inputNames.filter((n) => /^past_key_values\.\d+\.key$/.test(n));
  const layers = pastKeyNames.length;
  if (!inputs.has('input_ids') || layers === 0) {
    throw new MprError(
      'model_error',
      'graph is not a decoder with past: needs input_ids and past_key_values.N.key/value inputs',
    );
  }
  const range = Array.from({ length: layers }, (_, i) => i);
  const io = {
    pastKeyNames: range.map((i) => `past_key_values.${i}.key`),
    pastValueNames: range.map((i) => `past_key_values.${i}.value`),
    presentKeyNames: range.map((i) => `present.${i}.key`),
    presentValueNames: range.map((i) => `present.${i}.value`),
  };
  const outputs = new Set(session.outputNames);
  for (const name of [...io.pastKeyNames, ...io.pastValueNames]) {
    if (!inputs.has(name)) throw new MprError('model_error', `graph input ${name} is missing`);
  }
  for (const name of ['logits', ...io.presentKeyNames, ...io.presentValueNames]) {
    if (!outputs.has(name)) throw new MprError('model_error', `graph output ${name} is missing`);
  }
  const kv = tensorMeta(session.inputMetadata, 'past_key_values.0.key');
  const kvDtype = kv?.type === 'float16' ? 'float16' : 'float32';
  const [, kvHeads, , headDim] = kv?.shape ?? [];
  if (typeof kvHeads !== 'number' || typeof headDim !== 'number') {
    throw new MprError('model_error', 'past_key_values must have fixed kv-head and head-dim sizes');
  }
  const logitsToKeepInput = ['num_logits_to_keep', 'logits_to_keep'].find((n) => inputs.has(n)) ?? null;
  const logitsType = tensorMeta(session.outputMetadata, 'logits')?.type ?? 'float32';
  if (logitsType !== 'float32' && logitsType !== 'float16') {
    throw new MprError('model_error', `logits of type ${logitsType} are not supported (float32 or float16)`);
  }
  const groupQuery = graph.operators.has('com.microsoft::GroupQueryAttention');
  let adapterSites: AdapterSite[] | null = null;
  if (inputs.has(ADAPTER_INDEX_INPUT)) {
    const recorded = graph.metadata.get(ADAPTER_SITES_METADATA);
    if (!recorded)
      throw new MprError('model_error', `the graph takes ${ADAPTER_INDEX_INPUT} but names no adapter sites`);
    adapterSites = parseAdapterSites(recorded);
  }
  return {
    layers,
    cacheAlignment: groupQuery ? 'left' : 'right',
    multiTokenBatches: !groupQuery,
    kvDtype,
    kvHeads,
    headDim,
    hasPositionIds: inputs.has('position_ids'),
    hasAttentionMask: inputs.has('attention_mask'),
    logitsToKeepInput,
    logitsDtype: logitsType,
    logitsVocab: fixedLogitsVocab(session),
    greedyTokensOutput: outputs.has('greedy_token_ids') ? 'greedy_token_ids' : null,
    adapterSites,
    ...io,
  };
}

function providerOption(
  provider: ExecutionProvider,
  config: SessionConfig,
): ort.InferenceSession.ExecutionProviderConfig {
  if (provider === 'cpu') return { name: 'cpu' };
  const cuda: ort.InferenceSession.CudaExecutionProviderOption & { gpu_mem_limit?: string } = {
    name: 'cuda',
    deviceId: config.cudaDeviceId ?? 0,
  };
  if (config.gpuMemLimitBytes !== undefined) cuda.gpu_mem_limit = String(config.gpuMemLimitBytes);
  return cuda;
}

function sessionOptions(provider: ExecutionProvider, config: SessionConfig): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [providerOption(provider, config)],
    graphOptimizationLevel: config.graphOptimizationLevel ?? 'all',
  };
  if (config.intraOpThreads !== undefined) options.intraOpNumThreads = config.intraOpThreads;
  if (config.interOpThreads !== undefined) options.interOpNumThreads = config.interOpThreads;
  if (config.allowSpinning !== undefined) {
    options.extra = { session: { intra_op: { allow_spinning: config.allowSpinning ? '1' : '0' } } };
  }
  return options;
}

/**
 * Why CUDA cannot start, when that is known without asking the native runtime: on Linux the CUDA provider
 * is a shared library beside onnxruntime-node's binding, absent when the install skipped it (.npmrc on
 * machines without GPUs). Checking first turns a native error print into one clear, logged reason.
 */
function missingCudaBinaries(): string | null {
  if (process.platform !== 'linux') return null;
  const packageDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  const library = join(packageDir, 'bin', 'napi-v6', 'linux', process.arch, 'libonnxruntime_providers_cuda.so');
  return existsSync(library)
    ? null
    : `CUDA provider binaries are not installed (${library} is missing; install them with ONNXRUNTIME_NODE_INSTALL=cuda12)`;
}

/** Loads `modelPath` with the first execution provider that works. */
export async function createModelSession(modelPath: string, config: SessionConfig = {}): Promise<ModelSession> {
  const providers = config.executionProviders?.length ? config.executionProviders : (['cpu'] as const);
  const failures: string[] = [];
  for (const provider of providers) {
    let session: ort.InferenceSession;
    const missing = provider === 'cuda' ? missingCudaBinaries() : null;
    if (missing) {
      failures.push(`${provider}: ${missing}`);
      config.logger?.warn({ provider, modelPath, error: missing }, `execution provider ${provider} unavailable`);
      continue;
    }
    try {
      session = await ort.InferenceSession.create(modelPath, sessionOptions(provider, config));
    } catch (error) {
      failures.push(`${provider}: ${errorMessage(error)}`);
      config.logger?.warn(
        { provider, modelPath, error: errorMessage(error) },
        `execution provider ${provider} unavailable`,
      );
      continue;
    }
    const fallbackReason = failures.length > 0 ? failures.join('; ') : null;
    if (fallbackReason) {
      config.logger?.warn(
        { provider, wanted: providers[0], reason: fallbackReason },
        `falling back to ${provider} execution provider`,
      );
    }
    config.logger?.info({ provider, modelPath }, `onnx session ready on ${provider}`);
    let io: DecoderIo;
    try {
      io = describeDecoder(session, await readGraphSummary(modelPath));
    } catch (error) {
      await session.release();
      throw error instanceof MprError
        ? error
        : new MprError('model_error', `cannot read ${modelPath}: ${errorMessage(error)}`);
    }
    return {
      executionProvider: provider,
      fallbackReason,
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      io,
      run: (feeds, fetches) => (fetches ? session.run(feeds, fetches) : session.run(feeds)),
      release: () => session.release(),
    };
  }
  throw new MprError('unavailable', `no execution provider could load ${modelPath}: ${failures.join('; ')}`);
}
