import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEvalCommand } from '../cli/commands/eval.ts';
import { MprError } from '../lib/errors.ts';
import { compareRuns, formatChange } from './compare.ts';
import { evaluateCompare } from './eval-compare.ts';
import { METRICS_FORMAT, writeMetricsFile, type MetricsFile } from './metrics-file.ts';
import { renderBarChart } from './svg-chart.ts';

function run(fingerprint: string, id: string, metrics: Record<string, unknown>): MetricsFile {
  return {
    format: METRICS_FORMAT,
    task: 'gec',
    gleu: metrics.gleu as number,
    metrics,
    run: {
      task: 'gec',
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

const baseline = run('sha256:aaa', 'rules-a', {
  gleu: 40,
  exactMatchRate: 0.1,
  overCorrectionRate: 0.2,
  latencyP95Ms: 10,
  verbosity: { preamble: 0 },
});
const candidate = run('sha256:aaa', 'model-b', {
  gleu: 50,
  exactMatchRate: 0.25,
  overCorrectionRate: 0.3,
  latencyP95Ms: 10,
  verbosity: { preamble: 0.05 },
});
const otherData = run('sha256:bbb', 'model-b', {
  gleu: 55,
  exactMatchRate: 0.3,
  overCorrectionRate: 0.1,
  latencyP95Ms: 12,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mpr-compare-'));
  await writeMetricsFile(path.join(dir, 'base.json'), baseline);
  await writeMetricsFile(path.join(dir, 'cand.json'), candidate);
  await writeMetricsFile(path.join(dir, 'other.json'), otherData);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('compareRuns', () => {
  it('computes change, relative change and a verdict from each metric direction', () => {
    const rows = new Map(compareRuns(baseline, candidate).rows.map((row) => [row.name, row]));
    expect(rows.get('gleu')).toMatchObject({
      baseline: 40,
      candidate: 50,
      change: 10,
      relativeChange: 0.25,
      verdict: 'better',
    });
    expect(rows.get('overCorrectionRate')?.verdict).toBe('worse');
    expect(rows.get('overCorrectionRate')?.change).toBeCloseTo(0.1);
    expect(rows.get('latencyP95Ms')).toMatchObject({ change: 0, relativeChange: 0, verdict: 'same' });
    expect(rows.get('verbosity.preamble')).toMatchObject({ relativeChange: undefined, verdict: 'worse' });
  });

  it('calls a change invisible at report precision "same", not better or worse', () => {
    const tiny = compareRuns(baseline, { ...candidate, metrics: { ...candidate.metrics, gleu: 40.004 } });
    const gleu = tiny.rows.find((row) => row.name === 'gleu')!;
    expect(gleu.verdict).toBe('same');
    expect(formatChange(gleu)).toBe('±0.00');
    expect(formatChange({ ...gleu, change: -0.5, verdict: 'worse' })).toBe('-0.50 (worse)');
  });

  it('refuses runs on different datasets unless forced', () => {
    expect(() => compareRuns(baseline, otherData)).toThrow(/different datasets.*--force/);
    expect(compareRuns(baseline, otherData, { force: true }).fingerprintsMatch).toBe(false);
  });
});

describe('eval compare', () => {
  it('writes the side-by-side report and one SVG chart per kind of metric next to it', async () => {
    const report = path.join(dir, 'out', 'compare.md');
    const output = await evaluateCompare({
      baseline: path.join(dir, 'base.json'),
      candidate: path.join(dir, 'cand.json'),
      report,
      png: false,
    });
    const text = await readFile(report, 'utf8');
    expect(text).toContain('| metric | baseline | candidate | change | relative change |');
    expect(text).toContain('| GLEU | 40.00 | 50.00 | +10.00 (better) | +25.0% |');
    expect(text).toContain('| exact match with a reference | 10.0% | 25.0% | +15.0 pp (better) | +150.0% |');
    expect(text).toContain('| over-corrections | 20.0% | 30.0% | +10.0 pp (worse) | +50.0% |');
    expect(text).toContain('Both runs scored the same dataset: `sha256:aaa`');
    expect(text).toContain('default:rules-a@1.0.0 (cpu) vs default:model-b@1.0.0 (cpu)');
    expect(output.charts).toEqual(['compare-points.svg', 'compare-rate.svg', 'compare-ms.svg']);
    for (const chart of output.charts) expect(text).toContain(`![${chart}](${chart})`);
    expect((await readdir(path.dirname(report))).sort()).toEqual([
      'compare-ms.svg',
      'compare-points.svg',
      'compare-rate.svg',
      'compare.md',
    ]);
    const svg = await readFile(path.join(dir, 'out', 'compare-rate.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('over-corrections');
    expect(svg).toContain('>25.0%</text>');
  });

  it('writes PNG copies when a renderer exists, and says so in the report either way', async () => {
    const report = path.join(dir, 'png', 'compare.md');
    const output = await evaluateCompare({
      baseline: path.join(dir, 'base.json'),
      candidate: path.join(dir, 'cand.json'),
      report,
    });
    const text = await readFile(report, 'utf8');
    const outcome = output.pngs[0]!;
    if (outcome.rendered) {
      const png = await readFile(path.join(dir, 'png', 'compare-points.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(text).toContain(`rendered with ${outcome.renderer}`);
    } else {
      expect(text).toContain(`PNG copies were not written: ${outcome.note}`);
    }
  });

  it('marks a forced comparison of different datasets in the report', async () => {
    const report = path.join(dir, 'forced', 'compare.md');
    await evaluateCompare({
      baseline: path.join(dir, 'base.json'),
      candidate: path.join(dir, 'other.json'),
      report,
      force: true,
      png: false,
    });
    expect(await readFile(report, 'utf8')).toContain('**Warning: the runs scored different datasets**');
  });

  it('fails the command on mismatched fingerprints and succeeds with --force', async () => {
    const parse = (...args: string[]): Promise<Command> => {
      const program = new Command('mpr');
      registerEvalCommand(program);
      return program.parseAsync(['eval', 'compare', ...args], { from: 'user' });
    };
    const report = path.join(dir, 'cli', 'compare.md');
    const refused = parse(path.join(dir, 'base.json'), path.join(dir, 'other.json'), '--report', report, '--no-png');
    await expect(refused).rejects.toBeInstanceOf(MprError);
    await expect(refused).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('sha256:bbb'),
    });
    await parse(path.join(dir, 'base.json'), path.join(dir, 'other.json'), '--report', report, '--no-png', '--force');
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
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('&lt;p95&gt;');
    expect(svg).toContain('width="190.0"');
    expect(svg).toContain('width="380.0"');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});
