import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEvalCommand } from '../cli/commands/eval.ts';
import { MprError } from '../lib/errors.ts';
import { compareRuns, formatChange, type ComparisonRow } from './compare.ts';
import { evaluateCompare } from './eval-compare.ts';
import { scoreFields, summarizeFields } from './json-metrics.ts';
import { METRICS_FORMAT, writeMetricsFile, type AnswerRecord, type MetricsFile } from './metrics-file.ts';
import { renderBarChart } from './svg-chart.ts';

function run(fingerprint: string, id: string, metrics: Record<string, unknown>, task = 'gec'): MetricsFile {
  return {
    format: METRICS_FORMAT,
    task,
    ...(typeof metrics.gleu === 'number' ? { gleu: metrics.gleu } : {}),
    metrics,
    run: {
      task,
      datasetFingerprint: fingerprint,
      items: 40,
      dataFiles: ['eval/data/gec-small.src'],
      engines: [{ kind: 'default', id, version: '1.0.0', executionProvider: 'cpu' }],
      target: `engine:${id}`,
      concurrency: 1,
      gitCommit: 'abc123',
      generation: { temperature: null, maxTokens: null },
      machine: { os: 'Linux', cpuModel: 'test cpu', cores: 2, node: 'v24.0.0' },
      timestamp: '2026-01-01T00:00:00.000Z',
      commandLine: 'mpr eval gec',
    },
  };
}

const base = run('sha256:aaa', 'rules-a', {
  gleu: 40,
  exactMatchRate: 0.1,
  overCorrectionRate: 0.2,
  latencyP95Ms: 10,
  verbosity: { preamble: 0 },
});
const cand = run('sha256:aaa', 'model-b', {
  gleu: 50,
  exactMatchRate: 0.25,
  overCorrectionRate: 0.3,
  latencyP95Ms: 10,
  verbosity: { preamble: 0.05 },
});
const epoch3 = run('sha256:aaa', 'model-c', {
  gleu: 30,
  exactMatchRate: 0.1,
  overCorrectionRate: 0.1,
  latencyP95Ms: 20,
  verbosity: { preamble: 0 },
});
const otherData = run('sha256:bbb', 'model-b', {
  gleu: 55,
  exactMatchRate: 0.3,
  overCorrectionRate: 0.1,
  latencyP95Ms: 12,
});

const inputs = (...files: MetricsFile[]) => files.map((file, index) => ({ file, path: `run${index}.json` }));
const byName = (rows: readonly ComparisonRow[]) => new Map(rows.map((row) => [row.name, row]));

let dir: string;
const at = (name: string): string => path.join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mpr-compare-'));
  await writeMetricsFile(at('base.json'), base);
  await writeMetricsFile(at('cand.json'), cand);
  await writeMetricsFile(at('epoch3.json'), epoch3);
  await writeMetricsFile(at('other.json'), otherData);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('compareRuns', () => {
  it('measures every run against the first: change, relative change and a verdict per metric direction', () => {
    const comparison = compareRuns(inputs(base, cand, epoch3));
    expect(comparison.labels).toEqual(['run0', 'run1', 'run2']);
    const rows = byName(comparison.rows);
    expect(rows.get('gleu')).toMatchObject({ values: [40, 50, 30] });
    expect(rows.get('gleu')!.changes).toEqual([
      { change: 10, relativeChange: 0.25, verdict: 'better' },
      { change: -10, relativeChange: -0.25, verdict: 'worse' },
    ]);
    expect(rows.get('overCorrectionRate')!.changes.map((change) => change.verdict)).toEqual(['worse', 'better']);
    expect(rows.get('latencyP95Ms')!.changes[0]).toEqual({ change: 0, relativeChange: 0, verdict: 'same' });
    expect(rows.get('verbosity.preamble')!.changes[0]).toMatchObject({ relativeChange: undefined, verdict: 'worse' });
  });

  it('calls a change invisible at report precision "same", not better or worse', () => {
    const tiny = compareRuns(inputs(base, { ...cand, metrics: { ...cand.metrics, gleu: 40.004 } }));
    const gleu = byName(tiny.rows).get('gleu')!;
    expect(gleu.changes[0]!.verdict).toBe('same');
    expect(formatChange(gleu, gleu.changes[0]!)).toBe('±0.00');
    expect(formatChange(gleu, { change: -0.5, relativeChange: -0.01, verdict: 'worse' })).toBe('-0.50 (worse)');
  });

  it('refuses runs on different datasets, naming each, unless forced', () => {
    expect(() => compareRuns(inputs(base, cand, otherData))).toThrow(
      /different datasets: run0 sha256:aaa \(40 items\); run1 sha256:aaa \(40 items\); run2 sha256:bbb \(40 items\); pass --force/,
    );
    const forced = compareRuns(inputs(base, otherData), { force: true });
    expect(forced.fingerprintsMatch).toBe(false);
    expect(forced.subsets).toEqual({ available: false, reason: 'the runs scored different datasets' });
  });

  it('takes labels, or numbers files of the same name', () => {
    expect(compareRuns(inputs(base, cand), { labels: ['pretrained', 'epoch-1'] }).labels).toEqual([
      'pretrained',
      'epoch-1',
    ]);
    expect(() => compareRuns(inputs(base, cand), { labels: ['one'] })).toThrow(/1 labels for 2 runs/);
    const same = compareRuns([
      { file: base, path: 'a/run.json' },
      { file: cand, path: 'b/run.json' },
    ]);
    expect(same.labels).toEqual(['run#1', 'run#2']);
  });
});

// Six items, a categorical and a numeric field; three runs that answer different items with JSON.
const EXPECTED = [
  { decision: 'a', clarity: { score: 3 } },
  { decision: 'b', clarity: { score: 1 } },
  { decision: 'a', clarity: { score: 5 } },
  { decision: 'b', clarity: { score: 2 } },
  { decision: 'a', clarity: { score: 4 } },
  { decision: 'b', clarity: { score: 3 } },
];
type Answer = [string, number] | null;
function structuredRun(id: string, answers: Answer[]): MetricsFile {
  const records: AnswerRecord[] = answers.map((answer, index) => ({
    expected: EXPECTED[index],
    document: answer === null ? null : { decision: answer[0], clarity: { score: answer[1] } },
    schemaValid: answer !== null,
  }));
  const fields = scoreFields(records);
  const valid = records.filter((record) => record.document !== null).length;
  return {
    ...run('sha256:json', id, { jsonValidRate: valid / 6, ...summarizeFields(fields), fields, items: 6 }, 'json:t'),
    answers: records,
  };
}
// Valid: A {1,2,4,5,6}, B {1,3,4,6}, C {1,2,3,4,5}; in all three: {1,4}.
const runA = structuredRun('a', [['a', 3], ['a', 1], null, ['b', 4], ['a', 4], ['b', 1]]);
const runB = structuredRun('b', [['a', 2], null, ['a', 5], ['b', 2], null, ['a', 3]]);
const runC = structuredRun('c', [['b', 3], ['b', 1], ['a', 4], ['b', 2], ['a', 5], null]);

describe('valid subsets of three runs', () => {
  const comparison = compareRuns(inputs(runA, runB, runC), { labels: ['A', 'B', 'C'] });
  const rows = byName(comparison.rows);
  const values = (name: string) => rows.get(name)!.values;

  it('sizes each own subset and the common subset', () => {
    expect(comparison.subsets.available).toBe(true);
    if (!comparison.subsets.available) return;
    expect(comparison.subsets.subsets.total).toBe(6);
    expect(comparison.subsets.subsets.commonItems).toBe(2);
    expect(values('ownValid.items')).toEqual([5, 4, 5]);
    expect(values('commonValid.items')).toEqual([2, 2, 2]);
  });

  it('scores each run on its own valid items', () => {
    expect(values('ownValid.fields.decision.accuracy')).toEqual([4 / 5, 3 / 4, 4 / 5]);
    expect(values('ownValid.fields.clarity.score.mse')).toEqual([8 / 5, 1 / 4, 2 / 5]);
    expect(values('ownValid.fields.clarity.score.accuracy')).toEqual([3 / 5, 3 / 4, 3 / 5]);
  });

  it('scores every run on the items all of them answered with JSON', () => {
    expect(values('commonValid.fields.decision.accuracy')).toEqual([1, 1, 0.5]);
    expect(values('commonValid.fields.clarity.score.mse')).toEqual([2, 0.5, 0]);
    expect(values('commonValid.mseMean')).toEqual([2, 0.5, 0]);
    expect(rows.get('commonValid.fields.clarity.score.mse')!.changes).toEqual([
      { change: -1.5, relativeChange: -0.75, verdict: 'better' },
      { change: -2, relativeChange: -1, verdict: 'better' },
    ]);
  });

  it('keeps the all-items scores, where an answer without JSON is wrong on every field', () => {
    expect(values('fields.decision.accuracy')).toEqual([4 / 6, 3 / 6, 4 / 6]);
    expect(values('fields.clarity.score.missingRate')).toEqual([1 / 6, 2 / 6, 1 / 6]);
  });

  it('says why subsets are missing when a run holds no answers', () => {
    const { answers: _dropped, ...older } = runB;
    const without = compareRuns(inputs(runA, older), { labels: ['A', 'B'] });
    expect(without.subsets).toMatchObject({ available: false, reason: expect.stringContaining('run B holds no') });
  });
});

describe('eval compare', () => {
  it('writes one table with a column per run, a summary in percent, and charts with a bar per run', async () => {
    const report = at('out/compare.md');
    const output = await evaluateCompare({
      runs: [at('base.json'), at('cand.json'), at('epoch3.json')],
      report,
      png: false,
    });
    const text = await readFile(report, 'utf8');
    expect(text).toContain('# Evaluation report: base vs cand vs epoch3 (gec)');
    expect(text).toContain(
      '3 runs scored the same dataset `sha256:aaa` (40 items, task gec); the baseline is **base**.',
    );
    expect(text).toContain('| metric | base | cand | change (cand) | epoch3 | change (epoch3) |');
    expect(text).toContain('| GLEU | 40.00 | 50.00 | +10.00, +25.0%, better | 30.00 | -10.00, -25.0%, worse |');
    expect(text).toContain(
      '| over-corrections | 20.0% | 30.0% | +10.0 pp, +50.0%, worse | 10.0% | -10.0 pp, -50.0%, better |',
    );
    expect(text).toContain('**cand** against base:');
    expect(text).toContain('- GLEU: 40.00 → 50.00 (+10.00, +25.0%, better)');
    expect(text).toContain('- unchanged: latency p95 10.0 ms');
    expect(text).toContain('**epoch3** against base:');
    expect(text).toContain('- latency p95: 10.0 ms → 20.0 ms (+10.0 ms, +100.0%, worse)');
    expect(text.indexOf('## Summary')).toBeLessThan(text.indexOf('## Metrics on all items'));
    expect(text).not.toContain('## Field metrics on valid subsets');
    expect(output.charts).toEqual(['compare-points.svg', 'compare-rate.svg', 'compare-ms.svg']);
    for (const chart of output.charts) expect(text).toContain(`![${chart}](${chart})`);
    expect((await readdir(path.dirname(report))).sort()).toEqual([
      'compare-ms.svg',
      'compare-points.svg',
      'compare-rate.svg',
      'compare.md',
    ]);
    const svg = await readFile(at('out/compare-points.svg'), 'utf8');
    for (const label of ['base', 'cand', 'epoch3']) expect(svg).toContain(`>${label}</text>`);
    // One legend swatch and one bar per run.
    expect(svg.match(/<rect [^>]*height="12"/g)).toHaveLength(6);
    expect(svg).toContain('>30.00</text>');
  });

  it('reports valid subsets and the policy of structured runs', async () => {
    const policy = (violations: number) => ({
      checkedItems: 6,
      uncheckedItems: 0,
      compliantItems: 6 - violations,
      complianceRate: (6 - violations) / 6,
      nonCompliantItems: violations,
      violations,
      errors: 0,
      rules: { 'no-b': { applicable: 6, passed: 6 - violations, violations, errors: 0 } },
    });
    const record = { name: 'p', file: 'p.yaml', sha256: 'f'.repeat(64), rules: [], findings: [] };
    const files = [runA, runB, runC].map((file, index) => ({
      ...file,
      metrics: { ...file.metrics, policy: policy([4, 1, 0][index]!) },
      policy: record,
    }));
    const paths = ['A.json', 'B.json', 'C.json'].map(at);
    await Promise.all(files.map((file, index) => writeMetricsFile(paths[index]!, file)));
    const report = at('json/compare.md');
    const output = await evaluateCompare({ runs: paths, report, png: false });
    const text = await readFile(report, 'utf8');
    expect(text).toContain(
      'Valid JSON per run: A 5, B 4, C 5 of 6 items; 2 items were answered with JSON by every run',
    );
    expect(text).toContain('## Field metrics on valid subsets');
    expect(text).toContain('| common valid: items | 2 | 2 | ±0 | 2 | ±0 |');
    expect(text).toContain('| common valid: clarity.score mse | 2.000 | 0.500 | -1.500, -75.0%, better |');
    expect(text).toContain('Every run was checked against policy `p` (p.yaml).');
    expect(text).toContain('| policy violations | 4 | 1 | -3, -75.0%, better | 0 | -4, -100.0%, better |');
    expect(text).toContain('- policy violations: 4 → 1 (-3, -75.0%, better)');
    expect(text).toContain('- common valid: MSE (mean over numeric fields): 2.000 → 0.500 (-1.500, -75.0%, better)');
    expect(output.charts).toContain('compare-violations.svg');
    const squared = await readFile(at('json/compare-squared.svg'), 'utf8');
    expect(squared).toContain('common valid: clarity.score mse');
    expect(squared).not.toContain('own valid');
  });

  it('writes PNG copies when a renderer exists, and says so in the report either way', async () => {
    const report = at('png/compare.md');
    const output = await evaluateCompare({ runs: [at('base.json'), at('cand.json')], report });
    const text = await readFile(report, 'utf8');
    const outcome = output.pngs[0]!;
    if (outcome.rendered) {
      const png = await readFile(at('png/compare-points.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(text).toContain(`rendered with ${outcome.renderer}`);
    } else {
      expect(text).toContain(`PNG copies were not written: ${outcome.note}`);
    }
  });

  it('marks a forced comparison of different datasets in the report', async () => {
    const report = at('forced/compare.md');
    await evaluateCompare({ runs: [at('base.json'), at('other.json')], report, force: true, png: false });
    expect(await readFile(report, 'utf8')).toContain('**Warning: the runs scored different datasets**');
  });

  it('fails the command on mismatched fingerprints or a single run, and succeeds with --force', async () => {
    const parse = (...args: string[]): Promise<Command> => {
      const program = new Command('mpr');
      registerEvalCommand(program);
      return program.parseAsync(['eval', 'compare', ...args], { from: 'user' });
    };
    const report = at('cli/compare.md');
    const refused = parse(at('base.json'), at('cand.json'), at('other.json'), '--report', report, '--no-png');
    await expect(refused).rejects.toBeInstanceOf(MprError);
    await expect(refused).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('other sha256:bbb'),
    });
    await expect(parse(at('base.json'), '--report', report)).rejects.toThrow(/at least two/);
    await parse(at('base.json'), at('other.json'), '--report', report, '--no-png', '--force', '--labels', 'b,o');
    expect(await readFile(report, 'utf8')).toContain('| GLEU | 40.00 | 55.00 |');
  });
});

describe('SVG bar chart', () => {
  it('scales bars to the largest value and escapes labels', () => {
    const svg = renderBarChart({
      title: 'A & B',
      series: [
        { label: 'baseline', color: '#999' },
        { label: 'candidate', color: '#00f' },
      ],
      rows: [{ label: '<p95>', values: [50, 100], texts: ['50', '100'] }],
    });
    expect(svg).toContain('<title>A &amp; B</title>');
    expect(svg).toContain('&lt;p95&gt;');
    expect(svg).toContain('width="190.0"');
    expect(svg).toContain('width="380.0"');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('wraps the legend of many runs onto more lines and grows to fit', () => {
    const series = ['pretrained', 'epoch 1', 'epoch 2', 'epoch 3'].map((label) => ({ label, color: '#00f' }));
    const two = renderBarChart({ title: 't', series: series.slice(0, 2), rows: [] });
    const four = renderBarChart({ title: 't', series, rows: [] });
    expect(four).toContain('<rect x="350" y="50" width="12" height="12"');
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height(four) - height(two)).toBe(16);
  });
});
