// States inside a value that a decode reaches but the example documents warming a grammar's mask cache
// do not (they hold empty strings, single digits, the first enum value): inside each class of UTF-8
// sequence and escape, each count of characters left within a token of a string's maxLength (plain and
// mid-character), integer
// parts of every length, every prefix of every enum value. They were most of the cache misses left
// during decoding (~1.5 ms each at a 32k vocabulary); warming pays for them once per (schema,
// vocabulary), off the decode loop.
import type { AutomatonState } from './automaton.ts';
import { LiteralFrame } from './frames/literal-frame.ts';
import { NumberFrame } from './frames/number-frame.ts';
import { StringFrame } from './frames/string-frame.ts';
import type { LiteralTrieNode } from './schema-ir.ts';
import { MAX_INT_DIGITS } from './schema-ir.ts';

/** A lead byte of every UTF-8 class (their allowed continuation ranges differ), then mid-sequence steps. */
const UTF8_PROBES = [
  [0xc3],
  [0xe0],
  [0xe4],
  [0xe4, 0xb8],
  [0xed],
  [0xf0],
  [0xf1],
  [0xf1, 0x80],
  [0xf1, 0x80, 0x80],
  [0xf4],
];
/** `\`, `\u`, `\u0`, `\ud` (surrogates are refused, so it differs), `\u00`, `\u000`. */
const ESCAPE_PROBES = ['\\', '\\u', '\\u0', '\\ud', '\\u00', '\\u000'].map((text) =>
  [...text].map((c) => c.charCodeAt(0)),
);
const PLAIN_CHARACTER = 0x61;
/** Starts a two-byte character: one continuation byte left. */
const TWO_BYTE_LEAD = 0xc3;

const DIGIT_ZERO = 0x30;

/** Every root-to-leaf byte path of an enum's literal trie (its prefixes are the states in between). */
function literalPaths(node: LiteralTrieNode, prefix: number[] = [], out: number[][] = []): number[][] {
  if (node.children.size === 0) out.push(prefix);
  for (const [byte, child] of node.children) literalPaths(child, [...prefix, byte], out);
  return out;
}

/**
 * Byte sequences to feed after `state` to visit those states (each prefix is one), when `state` starts
 * a value (a string just opened, a number or an enum before its first byte); none otherwise. `clamp` is
 * the longest token in bytes.
 */
export function valueProbes(state: AutomatonState, clamp: number): number[][] {
  const frame = state.length === 1 ? state[0]?.frame : undefined;
  if (frame instanceof NumberFrame && frame.atStart) {
    // Small bounded ranges (scores 1-5) key every value apart; long integer parts share keys by length.
    const singleDigits = Array.from({ length: 10 }, (_, digit) => [DIGIT_ZERO + digit]);
    return [...singleDigits, new Array<number>(MAX_INT_DIGITS).fill(DIGIT_ZERO + 1)];
  }
  if (frame instanceof LiteralFrame && frame.at === frame.node.root) return literalPaths(frame.node.root);
  if (!(frame instanceof StringFrame) || !frame.justOpened) return [];
  const probes = [...UTF8_PROBES, ...ESCAPE_PROBES];
  const { maxLength, minLength } = frame.node;
  // Counts left below `clamp` have masks of their own; more than that all share one. So do the states
  // one continuation byte from the end of a character there (the last byte of every multi-byte
  // character: a decode that writes non-ASCII text near maxLength meets them, ~1 ms each on a miss).
  const longest = Number.isFinite(maxLength) ? maxLength : minLength;
  for (let count = Math.max(1, longest - clamp); count <= longest; count++) {
    probes.push(new Array<number>(count).fill(PLAIN_CHARACTER));
    if (count < maxLength) probes.push([...new Array<number>(count).fill(PLAIN_CHARACTER), TWO_BYTE_LEAD]);
  }
  return probes;
}
