// loadTextGenerator: a model directory (Optimum layout) -> a TextGenerator backed by one decoder (ONNX
// session + KV cache in a worker thread), one tokenizer and one dynamic batcher.
import { access, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MprError } from '../../../lib/errors.ts';
import { startDecoderRunner, type DecoderRunnerOptions } from '../backend/decoder-runner.ts';
import type { ExecutionProvider } from '../backend/onnx.ts';
import { loadModelTokenizer, type ModelTokenizer } from '../tokenizer/index.ts';
import { AdapterSlots } from './adapter-slots.ts';
import { DecodeBatcher, type BatcherOptions } from './batcher.ts';
import { DRAFT_POLICY } from './draft.ts';
import { Sequence } from './sequence.ts';
import type { GenerateOptions, GenerationResult, TextGenerator } from './types.ts';

export interface TextGeneratorOptions extends DecoderRunnerOptions, BatcherOptions {
  /** Reported in results and metrics; defaults to the directory name. */
  modelId?: string;
  /**
   * ONNX file relative to the model directory; default the first of onnx/model.onnx, model.onnx (the
   * onnxruntime-genai builder), onnx/model_fp16.onnx, onnx/model_q4.onnx (transformers.js dtype variants).
   */
  onnxFile?: string;
  /** Prompt + output tokens at most; default max_position_embeddings from config.json. */
  contextLength?: number;
  /**
   * LoRA adapters in PEFT's format (name -> directory), applied at run time: the model must take them
   * (prepared once with `mpr add-adapter-inputs`). Requests choose one with `adapter` in their options.
   */
  adapters?: Readonly<Record<string, string>>;
}

export interface OnnxTextGenerator extends TextGenerator {
  readonly executionProvider: ExecutionProvider;
  /** Why the first configured provider was not used, or null. */
  readonly fallbackReason: string | null;
  readonly contextLength: number;
  /** Token ids of a prompt exactly as generate() would feed them. */
  encodePrompt(prompt: string): number[];
  encodeAnswer(text: string): number[];
  /** Names of the adapters requests may choose now. */
  adapterNames(): string[];
  hasAdapter(name: string): boolean;
  /**
   * Replaces the adapter set (name -> PEFT directory) without a restart; resolves once it is loaded.
   * Requests running keep the adapter they started with; a removed name takes no new requests.
   */
  setAdapters(adapters: Readonly<Record<string, string>>): Promise<void>;
}

const DEFAULT_ONNX_FILES = [
  join('onnx', 'model.onnx'),
  'model.onnx',
  join('onnx', 'model_fp16.onnx'),
  join('onnx', 'model_q4.onnx'),
];

async function findOnnxFile(modelDir: string, explicit: string | undefined): Promise<string> {
  const candidates = explicit ? [explicit] : DEFAULT_ONNX_FILES;
  for (const candidate of candidates) {
    const path = join(modelDir, candidate);
    try {
      await access(path);
      return path;
    } catch {
      // try the next layout
    }
  }
  throw new MprError('not_found', `no ONNX model in ${modelDir} (looked for ${candidates.join(', ')})`);
}

/**
 * config.json, or for an onnxruntime-genai builder directory (which has none) the `model` section of
 * genai_config.json: it names vocab_size and eos_token_id alike, and context_length for the window.
 */
async function readModelConfig(modelDir: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    try {
      const genai = JSON.parse(await readFile(join(modelDir, 'genai_config.json'), 'utf8')) as {
        model?: Record<string, unknown>;
      };
      const model = genai.model ?? {};
      return { ...model, max_position_embeddings: model.context_length };
    } catch {
      throw new MprError('not_found', `cannot read config.json (or genai_config.json) in ${modelDir}`, {
        cause: error,
      });
    }
  }
}

/**
 * The stop token the chat template closes an assistant turn with (Llama 3: <|eot_id|>, not the
 * <|end_of_text|> that is also a stop token), read off a rendered turn; else the first stop token.
 */
function endOfTurnToken(tokenizer: ModelTokenizer): number | null {
  const stops = tokenizer.vocabulary.stopTokenIds;
  try {
    const turn = tokenizer.encode(tokenizer.applyChatTemplate([{ role: 'assistant', content: 'x' }], false));
    const last = turn.findLast((id) => stops.includes(id));
    if (last !== undefined) return last;
  } catch {
    // a template that cannot render a lone assistant turn: fall back to the first stop token
  }
  return stops[0] ?? null;
}

export async function loadTextGenerator(
  modelDir: string,
  options: TextGeneratorOptions = {},
): Promise<OnnxTextGenerator> {
  const dir = resolve(modelDir);
  const config = await readModelConfig(dir);
  const vocabSize = typeof config.vocab_size === 'number' ? config.vocab_size : undefined;
  const [tokenizer, onnxPath] = await Promise.all([
    loadModelTokenizer(dir, vocabSize),
    findOnnxFile(dir, options.onnxFile),
  ]);
  const padTokenId = options.padTokenId ?? tokenizer.vocabulary.stopTokenIds[0] ?? 0;
  const runner = await startDecoderRunner(onnxPath, {
    ...options,
    padTokenId,
    stopTokenIds: tokenizer.vocabulary.stopTokenIds,
  });
  const contextLength =
    options.contextLength ??
    (typeof config.max_position_embeddings === 'number' ? config.max_position_embeddings : 4096);
  const batcher = new DecodeBatcher(runner, options);
  const adapterSlots = new AdapterSlots(runner);
  if (options.adapters && Object.keys(options.adapters).length > 0) {
    try {
      await adapterSlots.set(options.adapters);
    } catch (error) {
      await runner.release();
      throw error;
    }
  }
  // The provider the session runs on after any fallback prices a proposed position, so it sets how wide drafts go.
  const draftPolicy = DRAFT_POLICY[runner.executionProvider];
  let closed = false;

  const encodePrompt = (prompt: string): number[] => tokenizer.encode(prompt);
  const endOfTurn = endOfTurnToken(tokenizer);

  const start = (prompt: string, generateOptions: GenerateOptions, streaming: boolean): Sequence => {
    if (closed) throw new MprError('unavailable', 'the text generator is closed');
    if (!Number.isInteger(generateOptions.maxNewTokens) || generateOptions.maxNewTokens < 0) {
      throw new MprError('invalid_argument', 'maxNewTokens must be a non-negative integer');
    }
    const ids = encodePrompt(prompt);
    if (ids.length === 0) throw new MprError('invalid_argument', 'the prompt encodes to no tokens');
    if (ids.length >= contextLength) {
      throw new MprError(
        'prompt_too_long',
        `the prompt has ${ids.length} tokens; the context length is ${contextLength}`,
      );
    }
    const adapterSlot = adapterSlots.acquire(generateOptions.adapter);
    const sequence = new Sequence(ids, generateOptions, tokenizer.vocabulary, contextLength, streaming, draftPolicy);
    sequence.adapterSlot = adapterSlot;
    const release = (): void => adapterSlots.release(adapterSlot);
    sequence.result.then(release, release);
    batcher.submit(sequence);
    return sequence;
  };

  return {
    modelId: options.modelId ?? basename(dir),
    vocabulary: tokenizer.vocabulary,
    executionProvider: runner.executionProvider,
    fallbackReason: runner.fallbackReason,
    contextLength,
    encodePrompt,
    applyChatTemplate: (messages, addGenerationPrompt) => tokenizer.applyChatTemplate(messages, addGenerationPrompt),
    countTokens: (text) => tokenizer.encodePlain(text).length,
    encodeAnswer: (text) => [...tokenizer.encodePlain(text), ...(endOfTurn === null ? [] : [endOfTurn])],
    adapterNames: () => adapterSlots.names(),
    hasAdapter: (name) => adapterSlots.has(name),
    setAdapters: (adapters) => adapterSlots.set(adapters),
    stream(prompt, generateOptions) {
      const sequence = start(prompt, generateOptions, true);
      return { pieces: sequence.pieces, result: sequence.result };
    },
    generate(prompt, generateOptions): Promise<GenerationResult> {
      try {
        return start(prompt, generateOptions, false).result;
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      closed = true;
      await batcher.drain();
      await runner.release();
    },
  };
}
