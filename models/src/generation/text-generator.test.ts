import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MprError } from '../../../lib/errors.ts';
import { createWeights, makeTinyModel, type TinyModelInfo } from '../../tools/make-tiny-model/index.ts';
import { referenceForward } from '../../tools/make-tiny-model/reference-forward.ts';
import { loadTextGenerator, type OnnxTextGenerator } from './text-generator.ts';
import type { TokenConstraint } from './types.ts';

let dir: string;
let info: TinyModelInfo;
let generator: OnnxTextGenerator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-gen-'));
  info = await makeTinyModel({ out: dir, seed: 3 });
  generator = await loadTextGenerator(dir, { maxBatchSize: 8, maxWaitMs: 5 });
});

afterAll(async () => {
  await generator.close();
  await rm(dir, { recursive: true, force: true });
});

const chat = (content: string): string => generator.applyChatTemplate([{ role: 'user', content }]);

function argmaxRow(logits: Float32Array, row: number, vocab: number): number {
  let best = 0;
  for (let i = 1; i < vocab; i++)
    if ((logits[row * vocab + i] as number) > (logits[row * vocab + best] as number)) best = i;
  return best;
}

/** Token forced one at a time; complete after the last. */
function forcedConstraint(tokens: number[], budgets: number[]): TokenConstraint {
  let at = 0;
  return {
    mask(logits, remaining) {
      budgets.push(remaining);
      const keep = tokens[at] as number;
      const value = logits[keep] as number;
      logits.fill(-Infinity);
      logits[keep] = value;
    },
    accept(token) {
      expect(token).toBe(tokens[at]);
      at++;
    },
    isComplete: () => at === tokens.length,
  };
}

describe('loadTextGenerator', () => {
  it('reports the execution provider and model id', () => {
    expect(generator.executionProvider).toBe('cpu');
    expect(generator.fallbackReason).toBeNull();
    expect(generator.vocabulary.size).toBe(512);
    expect(generator.vocabulary.stopTokenIds).toEqual(info.eosTokenIds);
    expect(generator.vocabulary.tokenBytes(info.bosTokenId)).toBeNull();
  });

  it('greedy decoding with the KV cache equals recomputing the reference forward pass each step', async () => {
    const prompt = chat('Fix: she go to school every days.');
    const result = await generator.generate(prompt, { maxNewTokens: 10 });
    const weights = createWeights(info.config);
    const sequence = generator.encodePrompt(prompt);
    const expected: number[] = [];
    for (let step = 0; step < 10; step++) {
      const logits = referenceForward(info.config, weights, sequence);
      const next = argmaxRow(logits, sequence.length - 1, info.config.vocabSize);
      if (info.eosTokenIds.includes(next)) break;
      expected.push(next);
      sequence.push(next);
    }
    expect(result.tokenIds).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(2);
    expect(result.usage).toEqual({
      inputTokens: generator.encodePrompt(prompt).length,
      outputTokens: result.tokenIds.length + (result.finishReason === 'stop_token' ? 1 : 0),
    });
  });

  it('batched decoding gives the same tokens as sequential decoding, with late joiners', async () => {
    const prompts = [
      'Hello there.',
      'A much longer prompt about the city council and its budget vote.',
      '{"a": 1}',
      'x',
      'The weather is nice today, so we walk.',
      'Fix: we was late.',
    ].map(chat);
    const sequential = [];
    for (const p of prompts)
      sequential.push((await generator.generate(p, { maxNewTokens: 12 + (p.length % 7) })).tokenIds);
    const first = prompts.slice(0, 3).map((p) => generator.generate(p, { maxNewTokens: 12 + (p.length % 7) }));
    await new Promise((resolve) => setTimeout(resolve, 15));
    const late = prompts.slice(3).map((p) => generator.generate(p, { maxNewTokens: 12 + (p.length % 7) }));
    const batched = (await Promise.all([...first, ...late])).map((r) => r.tokenIds);
    expect(batched).toEqual(sequential);
  });

  it('streams pieces that add up to the result text', async () => {
    const { pieces, result } = generator.stream(chat('Tell me a story.'), { maxNewTokens: 16 });
    let streamed = '';
    for await (const piece of pieces) streamed += piece;
    const final = await result;
    expect(streamed).toBe(final.text);
    expect(final.timings.prefillMs).toBeGreaterThan(0);
    expect(final.timings.timeToFirstTokenMs).toBeGreaterThanOrEqual(final.timings.prefillMs);
    expect(final.timings.totalMs).toBeGreaterThanOrEqual(final.timings.timeToFirstTokenMs);
  });

  it('stops at a stop string, excluding it from text and stream', async () => {
    const prompt = chat('Describe the sea.');
    const full = await generator.generate(prompt, { maxNewTokens: 24 });
    const cut = Math.floor(full.text.length / 2);
    const stop = full.text.slice(cut, cut + 2);
    const expectedText = full.text.slice(0, full.text.indexOf(stop));
    const { pieces, result } = generator.stream(prompt, { maxNewTokens: 24, stopStrings: ['never-appears', stop] });
    let streamed = '';
    for await (const piece of pieces) streamed += piece;
    const stopped = await result;
    expect(stopped.finishReason).toBe('stop_string');
    expect(stopped.text).toBe(expectedText);
    expect(streamed).toBe(expectedText);
  });

  it('applies a token constraint: mask before sampling, accept after, stop when complete', async () => {
    const tokens = generator.encodePrompt('{"a": 1}').slice(1);
    expect(tokens.length).toBe(generator.countTokens('{"a": 1}'));
    const budgets: number[] = [];
    const result = await generator.generate(chat('json please'), {
      maxNewTokens: 20,
      constraint: forcedConstraint(tokens, budgets),
    });
    expect(result.finishReason).toBe('constraint_complete');
    expect(result.text).toBe('{"a": 1}');
    expect(budgets).toEqual(tokens.map((_, i) => 20 - i));
  });

  it('ends on a stop token', async () => {
    const eot = info.eosTokenIds[1] as number;
    const result = await generator.generate(chat('hi'), {
      maxNewTokens: 20,
      constraint: forcedConstraint([65, 66, eot, 67], []),
    });
    expect(result.finishReason).toBe('stop_token');
    expect(result.tokenIds).toEqual([65, 66]);
    expect(result.text).toBe('AB');
    expect(result.usage.outputTokens).toBe(3);
  });

  it('rejects a prompt longer than the context with prompt_too_long', async () => {
    const small = await loadTextGenerator(dir, { contextLength: 16 });
    const error = await small.generate('word '.repeat(40), { maxNewTokens: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MprError);
    expect((error as MprError).code).toBe('prompt_too_long');
    const result = await small.generate('one two', { maxNewTokens: 100 });
    expect(result.finishReason).toBe('max_new_tokens');
    expect(result.usage.inputTokens + result.tokenIds.length).toBe(16);
    await small.close();
  });

  it('stops decoding when the signal aborts', async () => {
    const controller = new AbortController();
    const { pieces, result } = generator.stream(chat('Go on and on.'), {
      maxNewTokens: 200,
      signal: controller.signal,
    });
    for await (const piece of pieces) {
      if (piece.length > 0) controller.abort();
    }
    const cancelled = await result;
    expect(cancelled.finishReason).toBe('cancelled');
    expect(cancelled.tokenIds.length).toBeLessThan(200);
    const before = AbortSignal.abort();
    expect((await generator.generate('x', { maxNewTokens: 5, signal: before })).finishReason).toBe('cancelled');
  });

  it('samples reproducibly with a seed; top-k 1 is greedy', async () => {
    const prompt = chat('Pick words.');
    const options = { maxNewTokens: 12, temperature: 1.5, topP: 0.95, seed: 42 };
    const a = await generator.generate(prompt, options);
    const b = await generator.generate(prompt, options);
    const others = await Promise.all([1, 2, 3].map((seed) => generator.generate(prompt, { ...options, seed })));
    expect(a.tokenIds).toEqual(b.tokenIds);
    expect(others.some((o) => o.tokenIds.join() !== a.tokenIds.join())).toBe(true);
    const greedy = await generator.generate(prompt, { maxNewTokens: 12 });
    const topOne = await generator.generate(prompt, { maxNewTokens: 12, temperature: 2, topK: 1, seed: 5 });
    expect(topOne.tokenIds).toEqual(greedy.tokenIds);
  });

  it('validates options', async () => {
    await expect(generator.generate('x', { maxNewTokens: -1 })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(generator.generate('x', { maxNewTokens: 2, temperature: 1, topP: 1.5 })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
