// A deterministic, realistic-looking byte vocabulary for tests and benchmarks without a tokenizer: all
// 256 single bytes, JSON punctuation pieces, words with and without a leading space, digit runs,
// partial UTF-8 sequences and random strings (some with quotes, backslashes and brackets).
import type { TokenVocabulary } from '../src/generation/types.ts';

const WORDS = (
  'the of and to in is was for on that with as by at from his her an were are which this be or has had ' +
  'not but one their they all been it its we more also after new first two can other who time would ' +
  'there when into year only over most city school such made some many under world than then where out ' +
  'state about up between during including known those both used while name number part because high ' +
  'each later several however them well these same three before through like since may what no then ' +
  'customer order refund delay shipping support product issue account decision reason response action ' +
  'language summary entity keyword topic trait score explanation person place organization date money ' +
  'true false null yes positive negative neutral escalate approve reject pending english french german'
).split(' ');

const JSON_PIECES = [
  '{',
  '}',
  '[',
  ']',
  '{"',
  '"}',
  '":',
  '":"',
  '","',
  '",',
  ',"',
  '":{',
  '":[',
  '"]',
  '"]}',
  '}}',
  ']}',
  '},{',
  '},',
  '],',
  '":{"',
  '":["',
  '"],"',
  '},"',
  '}]',
  '}]}',
  '[{',
  '[{"',
  '""',
  '"',
  ':',
  ',',
  '\\"',
  '\\\\',
  '\\n',
  '\\u',
  '\\u00',
  '\\t',
  'true',
  'false',
  'null',
  ':true',
  ':false',
  ':null',
  ':0',
  ':1',
  '.0',
  '.5',
  'e+',
  'e-',
  'E',
  '-1',
  '-0',
  '0.',
  '1.',
  '", "',
  '": ',
  ' "',
  '\n',
  '  ',
  '    ',
  '\t',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticVocabulary extends TokenVocabulary {
  readonly eosTokenId: number;
}

/** `size` tokens (at least ~1500): id 0 is the stop token, id 1 another special token. */
export function syntheticVocabulary(size: number, seed = 1): SyntheticVocabulary {
  const random = mulberry32(seed);
  const encoder = new TextEncoder();
  const tokens: (Uint8Array | null)[] = [null, null];
  for (let byte = 0; byte < 256; byte++) tokens.push(Uint8Array.of(byte));
  const add = (text: string) => tokens.push(encoder.encode(text));
  for (const piece of JSON_PIECES) add(piece);
  for (const word of WORDS) {
    const capital = word[0]!.toUpperCase() + word.slice(1);
    for (const form of [word, ` ${word}`, capital, ` ${capital}`, `"${word}`, `${word}"`, `"${word}":`, `${word}",`])
      add(form);
  }
  for (let n = 0; n < 1000; n++) add(String(n));
  for (const run of ['00', '000', '0000', '99', '999', '12345', '2024', '1e10', '3.14']) add(run);
  for (const char of ['é', 'ü', 'ß', 'ñ', '中', '文', '日本', 'Привет', '😀', '✓', '€']) {
    const bytes = encoder.encode(char);
    tokens.push(bytes);
    tokens.push(encoder.encode(` ${char}`));
    for (let cut = 1; cut < bytes.length; cut++) tokens.push(bytes.slice(0, cut), bytes.slice(cut));
  }
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_"\\{}[]\'';
  while (tokens.length < size) {
    const length = 2 + Math.floor(random() * 7);
    let text = random() < 0.5 ? ' ' : '';
    for (let i = 0; i < length; i++) {
      // Mostly letters, sometimes JSON-significant characters.
      const pool = random() < 0.85 ? 52 : alphabet.length;
      text += alphabet[Math.floor(random() * pool)];
    }
    add(text);
  }
  tokens.length = size;
  return {
    size,
    eosTokenId: 0,
    stopTokenIds: [0],
    tokenBytes: (id: number) => tokens[id] ?? null,
  };
}

export { mulberry32 };
