// A stand-in "model" for tests and benchmarks: seeded random logits, greedy or sampled, driving a
// TokenConstraint the way the generation loop does (mask -> pick -> accept -> stop when complete).
import type { TokenConstraint, TokenVocabulary } from '../src/generation/types.ts';
import { mulberry32 } from './synthetic-vocabulary.ts';

export interface RandomDecodeOptions {
  maxNewTokens: number;
  seed: number;
  /** 0: greedy; otherwise softmax sampling at this temperature. */
  temperature?: number;
  /** Called after every mask with the masked logits (assertions in tests). */
  onMask?: (logits: Float32Array, constraint: TokenConstraint) => void;
}

export interface RandomDecodeResult {
  text: string;
  tokenIds: number[];
  finishReason: 'constraint_complete' | 'stop_token' | 'max_new_tokens';
}

export function pickToken(logits: Float32Array, temperature: number, random: () => number): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    if (logits[i]! > bestValue) {
      bestValue = logits[i]!;
      best = i;
    }
  }
  if (temperature <= 0 || best < 0) return best;
  let total = 0;
  const weights = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    const weight = Math.exp((logits[i]! - bestValue) / temperature);
    weights[i] = weight;
    total += weight;
  }
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target <= 0 && weights[i]! > 0) return i;
  }
  return best;
}

export function decodeWithRandomLogits(
  vocabulary: TokenVocabulary,
  constraint: TokenConstraint | null,
  options: RandomDecodeOptions,
): RandomDecodeResult {
  const random = mulberry32(options.seed);
  const logits = new Float32Array(vocabulary.size);
  const tokenIds: number[] = [];
  const bytes: number[] = [];
  for (let step = 0; step < options.maxNewTokens; step++) {
    for (let i = 0; i < logits.length; i++) logits[i] = random() * 8;
    if (constraint) {
      constraint.mask(logits, options.maxNewTokens - step);
      options.onMask?.(logits, constraint);
    }
    const id = pickToken(logits, options.temperature ?? 0, random);
    if (vocabulary.stopTokenIds.includes(id)) {
      constraint?.accept(id);
      return { text: decode(bytes, constraint !== null), tokenIds, finishReason: 'stop_token' };
    }
    constraint?.accept(id);
    tokenIds.push(id);
    bytes.push(...(vocabulary.tokenBytes(id) ?? []));
    if (constraint?.isComplete())
      return { text: decode(bytes, constraint !== null), tokenIds, finishReason: 'constraint_complete' };
  }
  return { text: decode(bytes, constraint !== null), tokenIds, finishReason: 'max_new_tokens' };
}

function decode(bytes: number[], strict: boolean): string {
  // Constrained output must be valid UTF-8: decode strictly so a broken sequence throws.
  return new TextDecoder('utf-8', { fatal: strict }).decode(Uint8Array.from(bytes));
}
