// `mpr eval gec`: read a JFLEG-layout set, run it through a system, write the hypotheses, the metrics
// JSON and the markdown report.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MprError } from '../lib/errors.ts';
import { readGecDataset, readLines } from './gec-dataset.ts';
import { ruleReport } from './gec-rules.ts';
import { scoreGec } from './gec-score.ts';
import type { GecSystem } from './gec-system.ts';
import { jflegGleu } from './gleu.ts';
import { METRICS_FORMAT, writeMetricsFile, type MetricsFile } from './metrics-file.ts';
import { createProgress, type Progress } from './progress.ts';
import { gecMeasurement } from './gec-record.ts';
import { recordMeasurement } from './measurements.ts';
import { gecReport } from './report-gec.ts';
import { engineLabel } from './report-markdown.ts';
import { runGec } from './run-gec.ts';
import { commandLine, distinctEngines, gitCommit, machineRecord } from './run-record.ts';

export interface EvalGecOptions {
  src: string;
  refs: string[];
  system: GecSystem;
  out: string;
  report: string;
  json: string;
  limit?: number;
  concurrency?: number;
  /** Extra hypothesis files (label -> file) scored with GLEU on the same items, e.g. published baselines. */
  baselines?: Record<string, string>;
  progress?: (total: number) => Progress;
  argv?: readonly string[];
  /** Record the figures for docs/MEASUREMENTS.md under this name, with the command as typed. */
  record?: { name: string; command: string };
}

export async function evaluateGec(options: EvalGecOptions): Promise<MetricsFile> {
  const dataset = await readGecDataset(options.src, options.refs, options.limit);
  const baselines = await scoreBaselines(options.baselines ?? {}, dataset.sources, dataset.references);
  const progress = options.progress ?? ((total: number) => createProgress('eval gec', total));
  const concurrency = options.concurrency ?? options.system.concurrency;
  const results = await runGec(dataset, options.system, concurrency, progress(dataset.sources.length));
  const metrics = scoreGec(dataset, results);
  const rules = ruleReport(dataset, results);
  const file: MetricsFile = {
    format: METRICS_FORMAT,
    task: 'gec',
    gleu: metrics.gleu,
    metrics: { ...metrics },
    baselines,
    ...(rules.length > 0 ? { rules } : {}),
    run: {
      task: 'gec',
      datasetFingerprint: dataset.fingerprint,
      items: dataset.sources.length,
      dataFiles: dataset.files,
      engines: distinctEngines(results.map((result) => result.engine)),
      target: options.system.target,
      concurrency,
      gitCommit: gitCommit(),
      generation: options.system.generation,
      machine: machineRecord(),
      timestamp: new Date().toISOString(),
      commandLine: commandLine(options.argv),
    },
  };
  await Promise.all(
    [options.out, options.report, options.json].map((file) =>
      mkdir(path.dirname(path.resolve(file)), { recursive: true }),
    ),
  );
  await writeFile(options.out, results.map((result) => `${result.hypothesis}\n`).join(''));
  await writeMetricsFile(options.json, file);
  await writeFile(options.report, gecReport(file, dataset, results));
  if (options.record) {
    await recordMeasurement(
      gecMeasurement({ ...options.record, data: options.src, system: engineLabel(file.run), metrics, rules }),
    );
  }
  return file;
}

async function scoreBaselines(
  files: Record<string, string>,
  sources: string[],
  references: string[][],
): Promise<Record<string, number>> {
  const scores: Record<string, number> = {};
  for (const [label, file] of Object.entries(files)) {
    const hypotheses = (await readLines(file)).slice(0, sources.length);
    if (hypotheses.length !== sources.length) {
      throw new MprError(
        'invalid_argument',
        `baseline ${file} has ${hypotheses.length} lines; the set has ${sources.length}`,
      );
    }
    scores[label] = jflegGleu({ sources, hypotheses, references });
  }
  return scores;
}
