// Loads tokenizer.json + tokenizer_config.json (+ generation_config.json for stop tokens) from a model
// directory and exposes what generation needs: encode, decode, chat template, vocabulary, stop ids.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { MprError, errorMessage } from '../../../lib/errors.ts';
import { compileChatTemplate, type ChatMessage } from './chat-template.ts';
import { buildVocabulary, type TokenVocabulary } from './vocabulary.ts';

export interface ModelTokenizer {
  readonly vocabulary: TokenVocabulary;
  readonly bosToken: string | null;
  /** Adds the tokenizer's special tokens (bos) unless the text already starts with bos. */
  encode(text: string): number[];
  encodePlain(text: string): number[];
  decode(ids: readonly number[]): string;
  applyChatTemplate(messages: ChatMessage[], addGenerationPrompt?: boolean): string;
}

type Json = Record<string, unknown>;

async function readJson(path: string, required: boolean): Promise<Json | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Json;
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MprError('model_error', `cannot read ${path}: ${errorMessage(error)}`);
  }
}

/** A special token in tokenizer_config is a string or an AddedToken-like object. */
function tokenText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json).content === 'string')
    return (value as Json).content as string;
  return null;
}

function idList(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

export async function loadModelTokenizer(modelDir: string, vocabSize?: number): Promise<ModelTokenizer> {
  const [tokenizerJson, tokenizerConfig, generationConfig, hfConfig, genaiConfig] = await Promise.all([
    readJson(join(modelDir, 'tokenizer.json'), true),
    readJson(join(modelDir, 'tokenizer_config.json'), true),
    readJson(join(modelDir, 'generation_config.json'), false),
    readJson(join(modelDir, 'config.json'), false),
    readJson(join(modelDir, 'genai_config.json'), false),
  ]);
  // An onnxruntime-genai builder directory has no config.json; its genai_config.json `model` section
  // names eos_token_id and vocab_size the same way.
  const modelConfig = hfConfig ?? ((genaiConfig?.model ?? null) as Json | null);
  const tokenizer = new Tokenizer(tokenizerJson as Json, tokenizerConfig as Json);
  const bosToken = tokenText(tokenizerConfig?.bos_token);
  const eosToken = tokenText(tokenizerConfig?.eos_token);

  const stop = new Set<number>([...idList(generationConfig?.eos_token_id), ...idList(modelConfig?.eos_token_id)]);
  const eosId = eosToken === null ? undefined : tokenizer.token_to_id(eosToken);
  if (eosId !== undefined) stop.add(eosId);

  const size =
    vocabSize ??
    (typeof modelConfig?.vocab_size === 'number' ? modelConfig.vocab_size : tokenizer.get_vocab(true).size);
  const decoder = (tokenizerJson?.decoder ?? null) as Json | null;
  const byteLevel = decoder?.type === 'ByteLevel';
  const vocabulary = buildVocabulary(
    tokenizer,
    size,
    byteLevel,
    [...stop].sort((a, b) => a - b),
  );

  const specialTokens: Record<string, string> = {};
  if (bosToken) specialTokens.bos_token = bosToken;
  if (eosToken) specialTokens.eos_token = eosToken;
  const template = compileChatTemplate(
    typeof tokenizerConfig?.chat_template === 'string' ? tokenizerConfig.chat_template : undefined,
    specialTokens,
  );

  return {
    vocabulary,
    bosToken,
    encode: (text) =>
      tokenizer.encode(text, { add_special_tokens: !(bosToken !== null && text.startsWith(bosToken)) }).ids,
    encodePlain: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: true }),
    applyChatTemplate: (messages, addGenerationPrompt) => template.render(messages, addGenerationPrompt),
  };
}
