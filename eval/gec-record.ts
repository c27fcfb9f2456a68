// The figures of a GEC run as a docs/MEASUREMENTS.md record (`mpr eval gec --record [name]`): GLEU
// against copying the source, the sentence-level better/worse rates, over-corrections, time per
// sentence, and per rule the sentences its own edits made better or worse. The goals are the
// product's for a cleaner on JFLEG dev (issue 20).
import { loadavg } from 'node:os';
import path from 'node:path';
import type { RuleRow } from './gec-rules.ts';
import type { GecMetrics } from './gec-score.ts';
import type { MeasurementGoal, NewMeasurement } from './measurements.ts';

export const GEC_GOALS: readonly MeasurementGoal[] = [
  { figure: 'gleu', op: '>=', value: 50 },
  { figure: 'worse_than_source_pct', op: '<=', value: 0.5 },
  { figure: 'over_correction_pct', op: '==', value: 0 },
  { figure: 'cpu_p95_ms', op: '<=', value: 5 },
  // wall time: on a shared machine it measures the load as much as the engine
  { figure: 'latency_p95_ms', op: '<=', value: 5 },
];

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const pct = (rate: number): number => round(100 * rate);

export interface GecRecordInput {
  name: string;
  /** The engine or target the run measured, e.g. "default:jw2-rules@1.0.0". */
  system: string;
  /** The command as typed. */
  command: string;
  /** The source file, named in the title. */
  data: string;
  metrics: GecMetrics;
  rules: readonly RuleRow[];
}

export function gecMeasurement(input: GecRecordInput): NewMeasurement {
  const { metrics } = input;
  const figures: Record<string, unknown> = {
    gleu: round(metrics.gleu),
    copy_source_gleu: round(metrics.copySourceGleu),
    worse_than_source_pct: pct(metrics.worseThanSourceRate),
    worse_than_source_changed_refs_pct: pct(metrics.worseThanSourceChangedRefsRate),
    better_than_source_pct: pct(metrics.betterThanSourceRate),
    over_correction_pct: pct(metrics.overCorrectionRate),
    ...(metrics.cpuP95Ms === undefined ? {} : { cpu_p95_ms: round(metrics.cpuP95Ms) }),
    ...(metrics.cpuMeanMs === undefined ? {} : { cpu_mean_ms: round(metrics.cpuMeanMs) }),
    latency_p95_ms: round(metrics.latencyP95Ms),
    latency_p50_ms: round(metrics.latencyP50Ms),
    exact_match_pct: pct(metrics.exactMatchRate),
    items: metrics.items,
    // latency is wall time: the machine's load says how much of it was waiting
    load_average_1m: round(loadavg()[0] ?? 0, 1),
  };
  if (input.rules.length > 0) {
    figures.rules = Object.fromEntries(
      input.rules.map((row) => [
        row.rule,
        `${row.fired} fired: ${row.better} better, ${row.worse} worse, ${row.same} same`,
      ]),
    );
  }
  return {
    name: input.name,
    title: `GEC on ${path.basename(input.data)} (${metrics.items} sentences): ${input.system}, goals and per-rule report`,
    command: input.command,
    summary:
      "GLEU x 100; rates are shares of sentences; worse/better than source compare each output's sentence-level GLEU with the source's (worse_than_source_changed_refs_pct against only the references that change the source: a reference equal to the source lowers any fix); CPU time is the process's per sentence (load-independent), latency the wall time. Per rule: its own edits applied alone, sentences made better / worse / same.",
    figures,
    goals: [...GEC_GOALS],
  };
}
