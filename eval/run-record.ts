// Provenance of a run: enough to reproduce it and to tell whether two runs may be compared.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { EngineInfo, GenerationSettings } from '../services/shared/engine-types.ts';

export interface GenerationRecord {
  /** null: not set by the run, so the system's own defaults applied. */
  temperature: number | null;
  maxTokens: number | null;
}

export interface MachineRecord {
  os: string;
  cpuModel: string;
  cores: number;
  node: string;
}

export interface RunRecord {
  task: string;
  datasetFingerprint: string;
  items: number;
  dataFiles: string[];
  /** The engines that answered (several when a load-balanced target mixes versions). */
  engines: EngineInfo[];
  target: string;
  /** Requests in flight: latencies under load differ from latencies one at a time. */
  concurrency: number;
  gitCommit: string;
  generation: GenerationRecord;
  machine: MachineRecord;
  timestamp: string;
  commandLine: string;
}

export function generationRecord(settings: GenerationSettings | undefined): GenerationRecord {
  return { temperature: settings?.temperature ?? null, maxTokens: settings?.maxNewTokens ?? null };
}

export function gitCommit(cwd = process.cwd()): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineRecord(): MachineRecord {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
  };
}

export function commandLine(argv: readonly string[] = process.argv): string {
  return argv.map((arg) => (/^[\w./:=@+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');
}

/** Distinct engines by kind/id/version, in the order they first answered. */
export function distinctEngines(engines: Iterable<EngineInfo | undefined>): EngineInfo[] {
  const seen = new Map<string, EngineInfo>();
  for (const engine of engines) {
    if (!engine) continue;
    const key = `${engine.kind}|${engine.id}|${engine.version}|${engine.executionProvider}`;
    if (!seen.has(key)) seen.set(key, engine);
  }
  return [...seen.values()];
}
