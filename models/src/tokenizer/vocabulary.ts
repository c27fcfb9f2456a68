// TokenVocabulary over a Hugging Face tokenizer: the raw bytes behind every token id, computed once.
import type { Tokenizer } from '@huggingface/tokenizers';
import { byteLevelToBytes } from './byte-level.ts';

/** The bytes each token id stands for, so that byte-level constraints can reason about tokens. */
export interface TokenVocabulary {
  readonly size: number;
  /** UTF-8 bytes the token decodes to, or null for special/control tokens that never appear in text. */
  tokenBytes(id: number): Uint8Array | null;
  /** Tokens that end generation (eos, eot). */
  readonly stopTokenIds: readonly number[];
}

const BYTE_FALLBACK = /^<0x([0-9A-Fa-f]{2})>$/;
const utf8 = new TextEncoder();

/** Bytes of a SentencePiece-style token: `▁` is a space and `<0xNN>` a raw byte. */
function metaspaceBytes(token: string): Uint8Array {
  const fallback = BYTE_FALLBACK.exec(token);
  if (fallback) return Uint8Array.of(Number.parseInt(fallback[1] as string, 16));
  return utf8.encode(token.replaceAll('\u2581', ' '));
}

export function buildVocabulary(
  tokenizer: Tokenizer,
  size: number,
  byteLevel: boolean,
  stopTokenIds: readonly number[],
): TokenVocabulary {
  const special = new Set<number>();
  for (const [id, added] of tokenizer.get_added_tokens_decoder()) if (added.special) special.add(id);
  const table: Array<Uint8Array | null> = new Array<Uint8Array | null>(size).fill(null);
  for (let id = 0; id < size; id++) {
    if (special.has(id)) continue;
    const token = tokenizer.id_to_token(id);
    if (token === undefined) continue;
    table[id] = byteLevel ? byteLevelToBytes(token) : metaspaceBytes(token);
  }
  return {
    size,
    tokenBytes: (id) => table[id] ?? null,
    stopTokenIds,
  };
}
