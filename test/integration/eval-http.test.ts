// `mpr eval` against the running system over HTTP: the whole stack in this process on loopback ports,
// the evaluation harness as an ordinary client of the gateway.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { evaluateCompare } from '../../eval/eval-compare.ts';
import { evaluateGec } from '../../eval/eval-gec.ts';
import { evaluateJson } from '../../eval/eval-json.ts';
import { readLines } from '../../eval/gec-dataset.ts';
import { EngineGecSystem, HttpGecSystem } from '../../eval/gec-system.ts';
import { HttpJsonSystem } from '../../eval/json-system.ts';
import { silentProgress } from '../../eval/progress.ts';
import { createDefaultCleanerEngine } from '../../services/cleaner/engines/default/index.ts';
import { getTask } from '../../services/describer/tasks/index.ts';
import { startTestSystem } from '../support/system.ts';

const data = (name: string): string => fileURLToPath(new URL(`../../eval/data/${name}`, import.meta.url));
const SRC = data('gec-small.src');
const REFS = [data('gec-small.ref0'), data('gec-small.ref1')];

let system: RunningSystem;
let target: string;
let dir: string;

beforeAll(async () => {
  system = await startTestSystem('all');
  target = `http://127.0.0.1:${system.ports.http}`;
  dir = await mkdtemp(path.join(os.tmpdir(), 'mpr-eval-http-'));
});
afterAll(async () => {
  await system?.stop();
  await rm(dir, { recursive: true, force: true });
});

const out = (name: string) => ({
  out: path.join(dir, `${name}.hyp`),
  report: path.join(dir, `${name}.md`),
  json: path.join(dir, `${name}.json`),
});

describe('eval against the running system', () => {
  it('eval gec produces metrics, a hypothesis file and a report, comparable with an in-process run', async () => {
    const http = out('http');
    const viaGateway = await evaluateGec({
      src: SRC,
      refs: REFS,
      system: new HttpGecSystem(target),
      ...http,
      progress: () => silentProgress,
    });
    expect(await readLines(http.out)).toHaveLength(40);
    expect(viaGateway.gleu).toBeGreaterThan((viaGateway.metrics as { copySourceGleu: number }).copySourceGleu);
    expect(viaGateway.metrics).toMatchObject({ items: 40, errorRate: 0, degradedRate: 0 });
    expect(viaGateway.run).toMatchObject({ target, concurrency: 4, engines: [{ kind: 'default', id: 'jw2-rules' }] });
    expect(await readFile(http.report, 'utf8')).toContain(`| target | ${target} |`);

    const local = out('local');
    const inProcess = await evaluateGec({
      src: SRC,
      refs: REFS,
      system: new EngineGecSystem(createDefaultCleanerEngine()),
      ...local,
      progress: () => silentProgress,
    });
    expect(inProcess.run.datasetFingerprint).toBe(viaGateway.run.datasetFingerprint);
    const comparison = await evaluateCompare({
      runs: [local.json, http.json],
      report: path.join(dir, 'compare.md'),
      png: false,
    });
    expect(comparison.comparison.fingerprintsMatch).toBe(true);
    expect(await readFile(path.join(dir, 'compare.md'), 'utf8')).toContain('| GLEU |');
  });

  it('eval json scores the decision task through /v1/describe', async () => {
    const task = getTask('decision');
    const files = out('decision');
    const file = await evaluateJson({
      data: data('decision.jsonl'),
      task: { name: task.name, schema: task.schema },
      system: new HttpJsonSystem(target),
      report: files.report,
      json: files.json,
      limit: 8,
      progress: () => silentProgress,
    });
    expect(file.metrics).toMatchObject({ jsonValidRate: 1, schemaValidRate: 1, errorRate: 0, items: 8 });
    // The client's CPU time says nothing about a remote system's: only in-process runs report it.
    expect(file.metrics).not.toHaveProperty('cpuMeanMs');
    expect(file.run.engines[0]).toMatchObject({ kind: 'default' });
    expect(await readFile(files.report, 'utf8')).toContain('| decision | exact |');
  });
});
