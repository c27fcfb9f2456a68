// A real Prometheus server (the Debian `prometheus` binary) scraping given targets every second, on a
// free loopback port with a throwaway TSDB directory. For tests only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports.ts';

export interface PrometheusServer {
  readonly url: string;
  /** Instant query; the first sample's value, or undefined when the result is empty. */
  query(expression: string): Promise<number | undefined>;
  stop(): Promise<void>;
}

function configYaml(jobs: Record<string, number>): string {
  const scrapeConfigs = Object.entries(jobs).map(
    ([job, port]) => `  - job_name: ${job}\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
  );
  return `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n${scrapeConfigs.join('')}`;
}

async function waitReady(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus not ready after 15 s:\n${output.join('')}`);
}

/** Starts Prometheus scraping `jobs` (job name -> loopback port serving /metrics). */
export async function startPrometheus(jobs: Record<string, number>): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mpr-prometheus-'));
  writeFileSync(join(dir, 'prometheus.yml'), configYaml(jobs));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await spawned;
    await waitReady(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    stop,
    async query(expression) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`, {
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json()) as {
        status: string;
        data?: { result: { value: [number, string] }[] };
        error?: string;
      };
      if (body.status !== 'success') throw new Error(`query ${expression} failed: ${body.error}`);
      const first = body.data?.result[0];
      return first ? Number(first.value[1]) : undefined;
    },
  };
}
