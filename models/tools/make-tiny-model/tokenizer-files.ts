// tokenizer.json (byte-level BPE in the Hugging Face format), tokenizer_config.json with a Llama-3-style
// chat template, and the special token ids shared with config.json / generation_config.json.
import type { BpeModel } from './bpe-trainer.ts';
import { SPECIAL_TOKENS } from './tiny-config.ts';

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
