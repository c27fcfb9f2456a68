// Token classes of one vocabulary for the inside of a JSON string, computed once per vocabulary trie.
// Inside a string without a pattern (or where the pattern accepts anything from here on), a token is
// allowed by its own bytes and its length alone: every token made only of string content (whole
// characters, possibly ending inside one) is allowed while its characters fit the room left; a token
// holding the closing quote is allowed when its characters before the quote fit and its bytes after the
// quote are accepted by the enclosing value. So the mask of such a state is the cached content class,
// filtered by length, plus the quote tokens walked through the automaton from the state after the quote:
// a few thousand trie edges instead of the whole vocabulary's.
import { StringFrame } from './frames/string-frame.ts';
import type { SchemaNode } from './schema-ir.ts';
import { buildTrie } from './vocabulary-trie.ts';
import type { ByteTrie, VocabularyTrie } from './vocabulary-trie.ts';

const QUOTE = 0x22;

export interface StringTokenClasses {
  /** Tokens made only of string content, ascending. */
  readonly contentIds: Int32Array;
  /** Characters each content token starts (a character it ends inside counts), by position in contentIds. */
  readonly contentChars: Uint16Array;
  /** Positions in contentIds, most characters first. */
  readonly byChars: Int32Array;
  /** Largest of contentChars. */
  readonly maxContentChars: number;
  /** Every token that is not content (quote tokens, specials, stops, invalid ones), ascending. */
  readonly otherIds: Int32Array;
  /**
   * By position in contentIds: 0 for a token ending between characters, else which partial character
   * it ends inside (a UTF-8 sequence, an escape, a \u escape, and how much of it is left): the closing
   * after a token differs by that alone.
   */
  readonly partialKinds: Uint8Array;
  /** Positions in contentIds of the tokens ending inside a character. */
  readonly partialAt: Int32Array;
  /** The bytes after the first unescaped quote of every quote token (tokens ending at the quote sit at the root). */
  readonly afterQuote: ByteTrie;
  /** Characters before the quote, by token id (-1 for tokens that are not quote tokens). */
  readonly quoteChars: Int16Array;
  readonly quoteCount: number;
  /** contentIds of at most so many characters, for the rooms below maxContentChars met so far. */
  readonly contentByRoom: Map<number, Int32Array>;
}

const cache = new WeakMap<VocabularyTrie, StringTokenClasses>();

export function stringTokenClasses(trie: VocabularyTrie): StringTokenClasses {
  let classes = cache.get(trie);
  if (!classes) {
    classes = buildClasses(trie);
    cache.set(trie, classes);
  }
  return classes;
}

/**
 * A plain string counting its characters without limit: a token is run through the real string frame
 * from inside a fresh string, so the classes agree with the automaton byte for byte.
 */
const PROBE: Extract<SchemaNode, { kind: 'string' }> = {
  kind: 'string',
  id: -1,
  minLength: 0,
  maxLength: 2 ** 30,
  language: null,
};

/** The kind of partial character a frame stops in (0: none): its phase and what is left of the character. */
export function partialKind(frame: StringFrame): number {
  return frame.inContent ? 0 : 1 + frame.phase * 4 + frame.a;
}
/** Largest partialKind (phases 0-4, at most 3 bytes or digits left). */
export const MAX_PARTIAL_KIND = 1 + 4 * 4 + 3;

function buildClasses(trie: VocabularyTrie): StringTokenClasses {
  const start = new StringFrame(PROBE).step(QUOTE) as StringFrame;
  const content: number[] = [];
  const contentChars: number[] = [];
  const other: number[] = [];
  const partialKinds: number[] = [];
  const quoteChars = new Int16Array(trie.size).fill(-1);
  const suffixes = new Map<number, Uint8Array>();
  for (let id = 0; id < trie.size; id++) {
    const bytes = trie.tokenBytes[id];
    if (!bytes) {
      other.push(id);
      continue;
    }
    let frame: StringFrame | null = start;
    let i = 0;
    for (; i < bytes.length && frame; i++) {
      const next = frame.step(bytes[i]!);
      if (next === 'pop') break;
      frame = next instanceof StringFrame ? next : null;
    }
    if (!frame) {
      other.push(id);
    } else if (i < bytes.length) {
      // Stopped at the closing quote.
      other.push(id);
      quoteChars[id] = Math.min(frame.count, 0x7fff);
      suffixes.set(id, bytes.subarray(i + 1));
    } else {
      content.push(id);
      contentChars.push(frame.count);
      partialKinds.push(partialKind(frame));
    }
  }
  const afterQuote = buildTrie({
    size: trie.size,
    tokenBytes: (id) => suffixes.get(id) ?? null,
    stopTokenIds: [],
    keepEmpty: (id) => suffixes.has(id),
  });
  return {
    contentIds: Int32Array.from(content),
    contentChars: Uint16Array.from(contentChars),
    byChars: Int32Array.from(contentChars.keys()).sort((a, b) => contentChars[b]! - contentChars[a]!),
    maxContentChars: contentChars.reduce((a, b) => Math.max(a, b), 0),
    otherIds: Int32Array.from(other),
    partialKinds: Uint8Array.from(partialKinds),
    partialAt: Int32Array.from(partialKinds.flatMap((kind, i) => (kind === 0 ? [] : [i]))),
    afterQuote,
    quoteChars,
    quoteCount: suffixes.size,
    contentByRoom: new Map(),
  };
}
