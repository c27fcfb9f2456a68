// Markdown pieces every report shares: the provenance block and metric tables.
import { flattenMetrics } from './metrics-file.ts';
import { formatMetric, metricInfo } from './metric-info.ts';
import type { RunRecord } from './run-record.ts';

export function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export function engineLabel(run: RunRecord): string {
  if (run.engines.length === 0) return 'unknown (no answer carried engine info)';
  return run.engines
    .map(
      (engine) =>
        `${engine.kind}:${engine.id}@${engine.version}${engine.executionProvider ? ` (${engine.executionProvider})` : ''}`,
    )
    .join(', ');
}

export function runRecordSection(run: RunRecord): string {
  const generation = (value: number | null): string => (value === null ? 'system default' : String(value));
  return [
    '## Run',
    '',
    table(
      ['field', 'value'],
      [
        ['task', run.task],
        ['items', String(run.items)],
        ['dataset fingerprint', run.datasetFingerprint],
        ['data files', run.dataFiles.join(', ')],
        ['target', run.target],
        ['engine', engineLabel(run)],
        ['concurrency', String(run.concurrency)],
        ['temperature', generation(run.generation.temperature)],
        ['max tokens', generation(run.generation.maxTokens)],
        ['git commit', run.gitCommit],
        ['machine', `${run.machine.os}; ${run.machine.cpuModel} x ${run.machine.cores}; node ${run.machine.node}`],
        ['timestamp', run.timestamp],
        ['command', run.commandLine],
      ],
    ),
  ].join('\n');
}

export function metricsSection(metrics: Record<string, unknown>): string {
  const rows = [...flattenMetrics(metrics)].map(([name, value]) => {
    const info = metricInfo(name);
    return [info.label, formatMetric(value, info.unit), name];
  });
  return ['## Metrics', '', table(['metric', 'value', 'key'], rows)].join('\n');
}
