// The sentence-level worse rate against the references that change the source, and the record a GEC
// run writes for docs/MEASUREMENTS.md. Sentences written for this project.
import { describe, expect, it } from 'vitest';
import type { GecDataset } from './gec-dataset.ts';
import { gecMeasurement } from './gec-record.ts';
import { ruleReport } from './gec-rules.ts';
import { scoreGec } from './gec-score.ts';
import type { GecItemResult } from './run-gec.ts';

const SOURCES = ['she go to school every day .', 'we was late for the bus .'];
// Sentence 1: two annotators left the source alone, the third fixed it. Sentence 2: all fixed it.
const REFERENCES = [
  ['she go to school every day .', 'we were late for the bus .'],
  ['she go to school every day .', 'we were late for the bus .'],
  ['she goes to school every day .', 'we were late for the bus .'],
];
const dataset: GecDataset = { sources: SOURCES, references: REFERENCES, files: [], fingerprint: 'test' };

function result(index: number, hypothesis: string, rule: string): GecItemResult {
  const input = SOURCES[index]!;
  const [start, end, replacement] = index === 0 ? [4, 6, 'goes'] : [3, 6, 'were'];
  return {
    input,
    output: hypothesis,
    hypothesis,
    skipped: false,
    degraded: false,
    error: undefined,
    latencyMs: 1,
    usage: { inputTokens: 7, outputTokens: 7 },
    engine: { kind: 'default', id: 'rules', version: '1', executionProvider: '' },
    edits: [{ start, end, replacement, rule }],
    cpuMs: 0.5,
  };
}

describe('worse than the source, against the references that change it', () => {
  const results = [
    result(0, 'she goes to school every day .', 'agreement'),
    result(1, 'we were late for the bus .', 'agreement'),
  ];

  it('does not count a right fix as worse because one reference kept the source', () => {
    const metrics = scoreGec(dataset, results);
    expect(metrics.worseThanSourceRate).toBe(0.5);
    expect(metrics.worseThanSourceChangedRefsRate).toBe(0);
  });

  it('records the figures, the per-rule rows and the goals', () => {
    const metrics = scoreGec(dataset, results);
    const record = gecMeasurement({
      name: 'gec-test',
      system: 'default:rules@1',
      command: 'mpr eval gec ...',
      data: 'data/dev.src',
      metrics,
      rules: ruleReport(dataset, results),
    });
    expect(record.figures).toMatchObject({
      worse_than_source_pct: 50,
      worse_than_source_changed_refs_pct: 0,
      over_correction_pct: 0,
      cpu_p95_ms: 0.5,
      items: 2,
      rules: { agreement: '2 fired: 1 better, 1 worse, 0 same' },
    });
    expect(record.title).toContain('dev.src (2 sentences): default:rules@1');
    expect(record.goals).toContainEqual({ figure: 'gleu', op: '>=', value: 50 });
  });
});
