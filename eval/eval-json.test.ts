// End-to-end `eval json` in-process with the default describer on the shipped sets.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEvalCommand } from '../cli/commands/eval.ts';
import { MprError } from '../lib/errors.ts';
import { createDefaultDescriberEngine } from '../services/describer/engines/default/index.ts';
import { getTask } from '../services/describer/tasks/index.ts';
import { evaluateJson } from './eval-json.ts';
import { readJsonItems } from './json-dataset.ts';
import { EngineJsonSystem } from './json-system.ts';
import { silentProgress } from './progress.ts';

const data = (name: string): string => fileURLToPath(new URL(`./data/${name}`, import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mpr-eval-json-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('shipped structured sets', () => {
  it('hold a few dozen items whose expected fields exist in the task schemas', async () => {
    for (const task of ['decision', 'traits', 'describe']) {
      const items = await readJsonItems(data(`${task}.jsonl`));
      expect(items.length).toBeGreaterThanOrEqual(24);
      const properties = Object.keys((getTask(task).schema as { properties: object }).properties);
      for (const item of items)
        for (const key of Object.keys(item.expected as object)) expect(properties).toContain(key);
    }
  });
});

describe('eval json in-process with the default describer', () => {
  it('scores validity, per-field accuracy and MSE and writes the report', async () => {
    const task = getTask('traits');
    const report = path.join(dir, 'traits.md');
    const json = path.join(dir, 'traits.json');
    const file = await evaluateJson({
      data: data('traits.jsonl'),
      task: { name: task.name, schema: task.schema, instructions: task.instructions },
      system: new EngineJsonSystem(createDefaultDescriberEngine()),
      report,
      json,
      limit: 10,
      progress: () => silentProgress,
    });
    const metrics = file.metrics as Record<string, any>;
    expect(metrics).toMatchObject({ jsonValidRate: 1, schemaValidRate: 1, errorRate: 0, items: 10 });
    expect(Object.keys(metrics.fields)).toEqual([
      'clarity.score',
      'politeness.score',
      'urgency.score',
      'formality.score',
      'sentiment.score',
    ]);
    for (const score of Object.values(metrics.fields) as { kind: string; mse: number; missingRate: number }[]) {
      expect(score).toMatchObject({ kind: 'numeric', missingRate: 0 });
      expect(score.mse).toBeGreaterThanOrEqual(0);
    }
    expect(metrics.mseMean).toBeGreaterThanOrEqual(0);
    // In-process, each answer's CPU time is measured beside its wall time.
    expect(metrics.cpuMeanMs).toBeGreaterThan(0);
    expect(metrics.cpuP95Ms).toBeGreaterThan(0);
    expect(file.run).toMatchObject({ task: 'json:traits', items: 10, engines: [{ kind: 'default' }], concurrency: 1 });
    expect(JSON.parse(await readFile(json, 'utf8'))).toEqual(file);
    const text = await readFile(report, 'utf8');
    expect(text).toContain('| clarity.score | numeric |');
    expect(text).toContain(file.run.datasetFingerprint);
  });

  it('runs a decision set through the command and accepts an inline schema file', async () => {
    const schemaFile = path.join(dir, 'decision-schema.json');
    await writeFile(schemaFile, JSON.stringify(getTask('decision').schema));
    const run = async (...args: string[]): Promise<Record<string, any>> => {
      const program = new Command('mpr');
      registerEvalCommand(program);
      const json = path.join(dir, `cli-${args.join('-').replace(/\W+/g, '_').slice(-40)}.json`);
      await program.parseAsync(
        [
          'eval',
          'json',
          '--data',
          data('decision.jsonl'),
          '--engine',
          'default',
          '--limit',
          '6',
          ...args,
          '--report',
          `${json}.md`,
          '--json',
          json,
        ],
        { from: 'user' },
      );
      return JSON.parse(await readFile(json, 'utf8'));
    };
    const named = await run('--task', 'decision');
    const inline = await run('--schema', schemaFile);
    expect(named.metrics.fields.decision.kind).toBe('exact');
    expect(named.metrics.fields.escalation_required.kind).toBe('boolean');
    expect(inline.metrics.schemaValidRate).toBe(1);
    expect(inline.run.datasetFingerprint).not.toBe(named.run.datasetFingerprint);
  });

  it('rejects malformed lines with their line number', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, '{"input": "a", "expected": {"x": 1}}\n{"input": 5}\n');
    await expect(readJsonItems(bad)).rejects.toThrow(/bad\.jsonl:2/);
    await writeFile(bad, 'not json\n');
    await expect(readJsonItems(bad)).rejects.toBeInstanceOf(MprError);
  });
});
