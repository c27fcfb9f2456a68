// End-to-end `eval gec` in-process on the shipped gec-small set with the default cleaner, plus systems
// with known habits (a chatty one, a broken one) to show each metric reaches the files.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEvalCommand } from '../cli/commands/eval.ts';
import { MprError } from '../lib/errors.ts';
import { createDefaultCleanerEngine } from '../services/cleaner/engines/default/index.ts';
import { evaluateGec } from './eval-gec.ts';
import { readGecDataset, readLines } from './gec-dataset.ts';
import { EngineGecSystem, type GecCorrection, type GecSystem } from './gec-system.ts';
import { silentProgress } from './progress.ts';
import { detokenize } from './ptb-tokenize.ts';

const data = (name: string): string => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
const SRC = data('gec-small.src');
const REFS = [data('gec-small.ref0'), data('gec-small.ref1')];

/** A system with fixed habits, standing in for an LLM that answers with chat preambles. */
class ScriptedSystem implements GecSystem {
  readonly target = 'scripted';
  readonly generation = { temperature: 0.7, maxTokens: 64 };
  readonly concurrency = 2;
  readonly #answer: (text: string) => string;
  constructor(answer: (text: string) => string) {
    this.#answer = answer;
  }
  async correct(text: string): Promise<GecCorrection> {
    return {
      text: this.#answer(text),
      skipped: false,
      degraded: false,
      usage: { inputTokens: 10, outputTokens: 20 },
      latencyMs: 5,
      engine: { kind: 'llm', id: 'scripted', version: '0', executionProvider: 'cpu' },
    };
  }
  async close(): Promise<void> {}
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mpr-eval-gec-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function outputs(name: string) {
  return {
    out: path.join(dir, `${name}.hyp`),
    report: path.join(dir, `${name}.md`),
    json: path.join(dir, `${name}.json`),
  };
}

describe('eval gec in-process with the default cleaner', () => {
  it('writes the hypotheses, the metrics JSON and the report', async () => {
    const files = outputs('default');
    const system = new EngineGecSystem(createDefaultCleanerEngine());
    const file = await evaluateGec({ src: SRC, refs: REFS, system, ...files, progress: () => silentProgress });

    const hypotheses = await readLines(files.out);
    const sources = await readLines(SRC);
    expect(hypotheses).toHaveLength(40);
    // The cleaner fixes the spelling of the first sentence; its answer is stored tokenized like the refs.
    expect(hypotheses[0]).toBe('She goes to school every day by bus .');
    expect(hypotheses.filter((line, i) => line !== sources[i]).length).toBeGreaterThan(5);

    const json = JSON.parse(await readFile(files.json, 'utf8'));
    expect(json).toEqual(file);
    expect(json.gleu).toBeGreaterThan(json.metrics.copySourceGleu);
    expect(json.gleu).toBeLessThanOrEqual(100);
    expect(json.metrics).toMatchObject({ items: 40, errorRate: 0, skipRate: 0, verbosityRate: 0 });
    expect(json.metrics.exactMatchRate).toBeGreaterThan(0);
    expect(json.run).toMatchObject({
      task: 'gec',
      items: 40,
      datasetFingerprint: (await readGecDataset(SRC, REFS)).fingerprint,
      engines: [{ kind: 'default', id: 'jw2-rules' }],
      target: 'engine:jw2-rules',
      concurrency: 1,
      generation: { temperature: null, maxTokens: null },
    });
    expect(json.run.gitCommit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(json.run.machine.cores).toBeGreaterThan(0);
    expect(json.run.machine.node).toBe(process.version);

    const report = await readFile(files.report, 'utf8');
    expect(report).toContain(`GLEU **${json.gleu.toFixed(2)}** on 40 sentences`);
    expect(report).toContain('| copy the source |');
    expect(report).toContain(json.run.datasetFingerprint);
    expect(report).toContain('more than 2 words');
  });

  it('runs through the eval command with --limit and a baseline file', async () => {
    const files = outputs('cli');
    const program = new Command('mpr');
    registerEvalCommand(program);
    await program.parseAsync(
      [
        'eval',
        'gec',
        '--src',
        SRC,
        '--refs',
        ...REFS,
        '--engine',
        'default',
        '--limit',
        '5',
        '--baseline',
        `copy=${SRC}`,
        '--out',
        files.out,
        '--report',
        files.report,
        '--json',
        files.json,
      ],
      { from: 'user' },
    );
    const json = JSON.parse(await readFile(files.json, 'utf8'));
    expect(await readLines(files.out)).toHaveLength(5);
    expect(json.run.items).toBe(5);
    expect(json.baselines.copy).toBeCloseTo(json.metrics.copySourceGleu, 10);
    expect(await readFile(files.report, 'utf8')).toMatch(/\| copy \| \d+\.\d\d \|/);
  });

  it('refuses a model directory when no LLM engine can load it', async () => {
    const program = new Command('mpr');
    registerEvalCommand(program);
    const run = program.parseAsync(
      [
        'eval',
        'gec',
        '--src',
        SRC,
        '--refs',
        REFS[0]!,
        '--engine',
        path.join(dir, 'no-model'),
        ...Object.entries(outputs('x')).flatMap(([k, v]) => [`--${k}`, v]),
      ],
      { from: 'user' },
    );
    await expect(run).rejects.toBeInstanceOf(MprError);
  });
});

describe('eval gec metrics reach the files', () => {
  it('counts chat preambles as verbose and keeps the raw text out of the hypotheses', async () => {
    const refs0 = await readLines(REFS[0]!);
    const sources = (await readLines(SRC)).map(detokenize);
    const files = outputs('chatty');
    const system = new ScriptedSystem(
      (text) => `Here is the corrected sentence: ${detokenize(refs0[sources.indexOf(text)]!)}`,
    );
    const file = await evaluateGec({ src: SRC, refs: REFS, system, ...files, progress: () => silentProgress });
    expect(file.metrics).toMatchObject({
      verbosityRate: 1,
      verbosity: { preamble: 1, explanation: 0, too_long: 0 },
      exactMatchRate: 0,
    });
    expect(file.metrics).toMatchObject({ inputTokensTotal: 400, outputTokensTotal: 800, latencyP95Ms: 5 });
    expect(file.run.generation).toEqual({ temperature: 0.7, maxTokens: 64 });
    expect(file.run.concurrency).toBe(2);
    expect((await readLines(files.out))[0]).toBe(
      'Here is the corrected sentence : She goes to school every day by bus .',
    );
    expect(await readFile(files.report, 'utf8')).toContain('### Verbose outputs (40, first 5)');
  });

  it('keeps the source for failed requests and counts them', async () => {
    const files = outputs('broken');
    const system = new ScriptedSystem(() => {
      throw new MprError('unavailable', 'cleaner is down');
    });
    const file = await evaluateGec({ src: SRC, refs: REFS, system, ...files, progress: () => silentProgress });
    expect(file.metrics).toMatchObject({ errorRate: 1, unchangedRate: 1, latencyMeanMs: 0, inputTokensTotal: 0 });
    expect(file.gleu).toBeCloseTo((file.metrics as { copySourceGleu: number }).copySourceGleu, 6);
    expect(await readFile(files.report, 'utf8')).toContain('cleaner is down');
  });
});
