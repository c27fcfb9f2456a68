import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  flattenFigures,
  goalMet,
  MEASUREMENTS_DOC,
  readMeasurements,
  recordMeasurement,
  renderMeasurements,
} from './measurements.ts';

describe('measurements document', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('records figures with their command and renders goals as met or not met', async () => {
    const dir = `${await mkdtemp(join(tmpdir(), 'mpr-measure-'))}/`;
    dirs.push(dir);
    await recordMeasurement(
      {
        name: 'demo',
        title: 'Demo bench',
        command: 'npm run bench:demo -- --record',
        summary: 'What the demo measures.',
        figures: { ratio: 0.95, nested: { p99_ms: 12.5 }, label: 'x|y' },
        goals: [
          { figure: 'ratio', op: '>=', value: 0.9 },
          { figure: 'nested.p99_ms', op: '<=', value: 10 },
        ],
      },
      dir,
    );
    const [record] = await readMeasurements(dir);
    expect(record?.machine.cpus).toBeGreaterThan(0);
    const doc = renderMeasurements(await readMeasurements(dir));
    expect(doc).toContain('npm run bench:demo -- --record');
    expect(doc).toContain('| ratio | 0.95 | >= 0.9 (met) |');
    expect(doc).toContain('| nested.p99_ms | 12.5 | <= 10 (not met) |');
    expect(doc).toContain('| label | x\\|y |  |');
  });

  it('flattens nested figures to dotted keys and judges only numbers', () => {
    expect(flattenFigures({ a: 1, b: { c: [1, 2], d: { e: 'f' } } })).toEqual([
      ['a', 1],
      ['b.c', [1, 2]],
      ['b.d.e', 'f'],
    ]);
    expect(goalMet({ figure: 'a', op: '==', value: 1 }, 1)).toBe(true);
    expect(goalMet({ figure: 'a', op: '>=', value: 1 }, 'high')).toBeNull();
  });

  it('docs/MEASUREMENTS.md is the rendering of docs/measurements/*.json (npm run measurements)', async () => {
    const onDisk = await readFile(MEASUREMENTS_DOC, 'utf8');
    expect(onDisk).toBe(renderMeasurements(await readMeasurements()));
  });
});
