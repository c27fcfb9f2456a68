import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadTextGenerator,
  type GenerateOptions,
  type GenerationResult,
  type OnnxTextGenerator,
  type TextGenerator,
} from '../../../../models/index.ts';
import { makeTinyModel } from '../../../../models/tools/index.ts';
import { createDefaultCleanerEngine, type DefaultCleanerEngine } from '../default/index.ts';
import { LlmCleanerEngine, outputTokenBound } from './engine.ts';

const INFO = { kind: 'llm', id: 'tiny', version: 'test', executionProvider: 'cpu' } as const;

let dir: string;
let tiny: OnnxTextGenerator;
let rules: DefaultCleanerEngine;
/** The tiny model's <|eot_id|>, which closes an assistant turn in its chat template. */
let endOfTurn: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-llm-cleaner-'));
  endOfTurn = (await makeTinyModel({ out: dir, seed: 5 })).eosTokenIds[1] as number;
  tiny = await loadTextGenerator(dir);
  rules = createDefaultCleanerEngine();
  await rules.warmup();
});

afterAll(async () => {
  await tiny?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A generator that answers with a fixed text: a random-weight model cannot produce a correction, and the
 * accepted path (edits, whitespace, settings) needs one. Everything else runs on the real tiny model.
 */
class ScriptedGenerator implements TextGenerator {
  readonly modelId = 'scripted';
  readonly vocabulary = { size: 0, tokenBytes: () => null, stopTokenIds: [0] };
  readonly prompts: string[] = [];
  readonly options: GenerateOptions[] = [];
  private readonly answer: string;
  constructor(answer: string) {
    this.answer = answer;
  }
  applyChatTemplate(messages: Array<{ role: string; content: string }>): string {
    return messages.map((m) => `<${m.role}>${m.content}`).join('');
  }
  countTokens(text: string): number {
    return text.split(/\s+/).filter(Boolean).length;
  }
  /** One token per character, then the stop token 0. */
  encodeAnswer(text: string): number[] {
    return [...Array.from(text, (c) => c.codePointAt(0) as number), 0];
  }
  stream(prompt: string, options: GenerateOptions) {
    const result = this.generate(prompt, options);
    return {
      pieces: (async function* () {
        yield (await result).text;
      })(),
      result,
    };
  }
  async generate(prompt: string, options: GenerateOptions): Promise<GenerationResult> {
    this.prompts.push(prompt);
    this.options.push(options);
    return {
      text: this.answer,
      tokenIds: this.encodeAnswer(this.answer).slice(0, -1),
      finishReason: 'stop_token',
      forwardPasses: options.draft?.join() === this.encodeAnswer(this.answer).join() ? 2 : 1 + this.answer.length,
      usage: { inputTokens: this.countTokens(prompt), outputTokens: this.countTokens(this.answer) },
      timings: { queueMs: 0, prefillMs: 1, timeToFirstTokenMs: 2, decodeTokensPerSecond: 100, totalMs: 3 },
    };
  }
  async close(): Promise<void> {}
}

describe('LlmCleanerEngine on a tiny random model', () => {
  it('refuses the noise and returns the input, within a budget tied to the input length', async () => {
    const engine = new LlmCleanerEngine({ generator: tiny, info: INFO, rules, generation: { maxNewTokens: 10_000 } });
    const text = 'She go to scool evry day.';
    const result = await engine.clean(text);
    expect(result).toMatchObject({ cleanedText: text, edits: [], guardFallback: true });
    expect(result.guardReason).toMatch(/^(empty_output|edit_ratio)/);
    expect(result.usage.outputTokens).toBeLessThanOrEqual(outputTokenBound(tiny.countTokens(text)));
    expect(result.timings!.prefillMs).toBeGreaterThan(0);
  });

  it("returns the embedded engine's correction when configured to", async () => {
    const engine = new LlmCleanerEngine({ generator: tiny, info: INFO, rules, fallback: 'default' });
    const text = 'She go to scool evry day.';
    const result = await engine.clean(text);
    const expected = await rules.clean(text);
    expect(result).toMatchObject({ cleanedText: expected.cleanedText, edits: expected.edits, guardFallback: true });
    expect(result.cleanedText).not.toBe(text);
  });

  it("drafts with the input's tokens and the end-of-turn token, and answers as without a draft", async () => {
    const seen: GenerateOptions[] = [];
    const recording: TextGenerator = {
      modelId: tiny.modelId,
      vocabulary: tiny.vocabulary,
      applyChatTemplate: (messages, add) => tiny.applyChatTemplate(messages, add),
      countTokens: (text) => tiny.countTokens(text),
      encodeAnswer: (text) => tiny.encodeAnswer(text),
      stream: (prompt, options) => tiny.stream(prompt, options),
      generate: (prompt, options) => {
        seen.push(options);
        return tiny.generate(prompt, options);
      },
      close: async () => {},
    };
    const { encodeAnswer: _, ...withoutDrafts } = recording;
    const text = 'We was late for the meeting.';
    const drafted = await new LlmCleanerEngine({ generator: recording, info: INFO, rules }).clean(text);
    const plain = await new LlmCleanerEngine({ generator: withoutDrafts, info: INFO, rules }).clean(text);
    expect(seen[0]?.draft).toHaveLength(tiny.countTokens(text) + 1);
    expect(seen[0]?.draft?.at(-1)).toBe(endOfTurn);
    expect(seen[1]?.draft).toBeUndefined();
    expect({ ...drafted, timings: null, forwardPasses: null }).toEqual({
      ...plain,
      timings: null,
      forwardPasses: null,
    });
    expect(drafted.verifiedClean).toBe(false);
    expect(drafted.forwardPasses).toBeLessThanOrEqual(plain.forwardPasses as number);
  });

  it('is deterministic under greedy decoding', async () => {
    const engine = new LlmCleanerEngine({ generator: tiny, info: INFO, rules });
    const [a, b] = await Promise.all([engine.clean('Teh cat sat.'), engine.clean('Teh cat sat.')]);
    expect(a.usage).toEqual(b.usage);
    expect(a.guardReason).toBe(b.guardReason);
  });

  it('stops on the signal', async () => {
    const engine = new LlmCleanerEngine({ generator: tiny, info: INFO, rules });
    const controller = new AbortController();
    const text = Array.from({ length: 10 }, (_, i) => `Line ${i}: the parcel arived late.`).join('\n');
    const pending = engine.clean(text, { generation: { maxNewTokens: 2000 }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('LlmCleanerEngine with an accepted correction', () => {
  it('prompts "Fix: <text>", strips chatter and reports edits on the original text', async () => {
    const generator = new ScriptedGenerator('Sure! Here is the corrected text: "She goes to school every day."');
    const engine = new LlmCleanerEngine({
      generator,
      info: INFO,
      rules,
      generation: { temperature: 0.7, topK: 5, maxNewTokens: 64 },
    });
    const text = '  She go to scool every day.\n';
    const result = await engine.clean(text, { generation: { temperature: 0, seed: 3 } });
    expect(generator.prompts[0]).toBe('<user>Fix: She go to scool every day.');
    expect(generator.options[0]).toMatchObject({
      temperature: 0,
      topK: 5,
      seed: 3,
      maxNewTokens: Math.min(64, outputTokenBound(6)),
      stopStrings: ['\n'],
    });
    expect(result.guardFallback).toBe(false);
    expect(result.cleanedText).toBe('  She goes to school every day.\n');
    expect(result.edits.map((e) => [e.original, e.replacement, e.kind])).toEqual([
      ['go', 'goes', 'grammar'],
      ['scool', 'school', 'spelling'],
    ]);
    for (const edit of result.edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    expect(result.timings).toEqual({ prefillMs: 1, timeToFirstTokenMs: 2, decodeTokensPerSecond: 100 });
  });

  it('lets a multi-line input keep its newlines', async () => {
    const generator = new ScriptedGenerator('First line is fine.\nSecond line too.');
    const engine = new LlmCleanerEngine({ generator, info: INFO, rules });
    const result = await engine.clean('First line is fine.\nSecond line to.');
    expect(generator.options[0]!.stopStrings).toEqual([]);
    expect(result).toMatchObject({ cleanedText: 'First line is fine.\nSecond line too.', guardFallback: false });
  });

  it('verifies an input the model reproduces as already clean (the whole draft accepted)', async () => {
    const generator = new ScriptedGenerator('She goes to school.');
    const engine = new LlmCleanerEngine({ generator, info: INFO, rules });
    const clean = await engine.clean('She goes to school.');
    expect(generator.options[0]?.draft).toEqual(generator.encodeAnswer('She goes to school.'));
    expect(clean).toMatchObject({
      cleanedText: 'She goes to school.',
      edits: [],
      guardFallback: false,
      verifiedClean: true,
      forwardPasses: 2,
    });
    const fixed = await engine.clean('She go to school.');
    expect(fixed).toMatchObject({ cleanedText: 'She goes to school.', verifiedClean: false });
  });

  it('refuses an unknown prompt template', () => {
    expect(
      () => new LlmCleanerEngine({ generator: new ScriptedGenerator(''), info: INFO, rules, promptTemplate: 'nope' }),
    ).toThrow(/unknown cleaner prompt template/);
  });
});
