// Holding a runtime's greedy tokens to the reference forward pass over the weights a layout stores.
import { effectiveWeights } from './stored-weights.ts';
import { referenceForward } from './reference-forward.ts';
import type { TinyLlamaConfig } from './tiny-config.ts';
import { createWeights, type TinyLlamaWeights } from './weights.ts';

/** The weights the graph of `config` computes with (float16-rounded, int4-dequantized, or as created). */
export function storedReferenceWeights(config: TinyLlamaConfig): TinyLlamaWeights {
  return effectiveWeights(config, createWeights(config));
}

function argmaxAt(logits: Float32Array, offset: number, size: number): number {
  let best = 0;
  for (let i = 1; i < size; i++) if ((logits[offset + i] as number) > (logits[offset + best] as number)) best = i;
  return best;
}

/** Greedy continuation of `prompt` by the reference (a full forward pass per token; tiny models only). */
export function referenceGreedy(
  config: TinyLlamaConfig,
  weights: TinyLlamaWeights,
  prompt: readonly number[],
  maxNewTokens: number,
  stopTokenIds: readonly number[] = [],
): number[] {
  const tokens = [...prompt];
  const out: number[] = [];
  while (out.length < maxNewTokens) {
    const logits = referenceForward(config, weights, tokens);
    const next = argmaxAt(logits, (tokens.length - 1) * config.vocabSize, config.vocabSize);
    if (stopTokenIds.includes(next)) break;
    out.push(next);
    tokens.push(next);
  }
  return out;
}

/**
 * Teacher-forced agreement: over one reference pass of prompt + generated, how many generated tokens are
 * the reference's own argmax after the same prefix. Unlike comparing two free-running decodes, one
 * near-tie flip counts once instead of derailing every later token.
 */
export function greedyAgreement(
  config: TinyLlamaConfig,
  weights: TinyLlamaWeights,
  prompt: readonly number[],
  generated: readonly number[],
): { agreed: number; total: number } {
  if (generated.length === 0) return { agreed: 0, total: 0 };
  const logits = referenceForward(config, weights, [...prompt, ...generated.slice(0, -1)]);
  let agreed = 0;
  generated.forEach((token, i) => {
    if (argmaxAt(logits, (prompt.length - 1 + i) * config.vocabSize, config.vocabSize) === token) agreed++;
  });
  return { agreed, total: generated.length };
}
