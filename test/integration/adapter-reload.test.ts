// Manifest reload in a real agent process (`mpr serve cleaner`, as in a pod): an adapter added to the
// manifest file serves after the file changes; a manifest swapped behind a symlink (the way Kubernetes
// updates a mounted ConfigMap, which a watch on the old file does not see) is read on SIGHUP; and a
// request that started on an adapter finishes on it although a reload removed the adapter meanwhile.
import { cp, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODE_KEY } from '../../lib/grpc/index.ts';
import { addAdapterInputs, makeTinyAdapter, makeTinyModel } from '../../models/tools/index.ts';
import { call, cleanerClient, deadlineIn } from '../support/grpc-clients.ts';
import { spawnMpr, type MprProcess } from '../support/mpr-process.ts';
import { freePort } from '../support/ports.ts';
import { waitFor } from '../support/wait.ts';

let dir: string;
let agent: MprProcess;
let cleaner: ReturnType<typeof cleanerClient>;
let metricsPort: number;
/** The path the agent is given: a symlink to one of the manifest files below. */
let manifestLink: string;

function manifestText(adapters: string[]): string {
  return `version: 1
bases:
  tiny:
    path: ./prepared
    adapters:
      grammar: ./grammar
      paraphrase: ./paraphrase
agents:
  cleaner:
    base: tiny
    adapters: [${adapters.join(', ')}]
    defaultAdapter: grammar
${adapters.includes('paraphrase') ? '    paraphraseAdapter: paraphrase\n' : ''}`;
}

/** Points the manifest symlink at another file by an atomic rename, as kubelet does. */
async function swapManifest(file: string): Promise<void> {
  const next = `${manifestLink}.next`;
  await symlink(file, next);
  await rename(next, manifestLink);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-adapter-reload-'));
  const base = await makeTinyModel({ out: join(dir, 'base'), seed: 5, hidden: 32, heads: 2, kvHeads: 1 });
  for (const [i, name] of ['grammar', 'paraphrase'].entries())
    await makeTinyAdapter({ out: join(dir, name), config: base.config, seed: i + 1, rank: 4, alpha: 8 });
  await cp(base.dir, join(dir, 'prepared'), { recursive: true, filter: (path) => !path.includes('.onnx') });
  await addAdapterInputs({ input: join(base.dir, base.onnxFile), output: join(dir, 'prepared', base.onnxFile) });
  await writeFile(join(dir, 'watched.yaml'), manifestText(['grammar']));
  manifestLink = join(dir, 'registry.yaml');
  await symlink(join(dir, 'watched.yaml'), manifestLink);
  const port = await freePort();
  metricsPort = await freePort();
  agent = spawnMpr('cleaner', {
    MPR_CLEANER_PORT: String(port),
    MPR_CLEANER_METRICS_PORT: String(metricsPort),
    MPR_CLEANER_MODEL: join(dir, 'prepared'),
    MPR_MODEL_MANIFEST: manifestLink,
    MPR_LOG_LEVEL: 'info',
  });
  cleaner = cleanerClient(port);
  await waitFor(async () => (await check('grammar')) === 'ok', 60_000, 100).catch((error: unknown) => {
    throw new Error(`the cleaner did not come up: ${agent.log()}`, { cause: error });
  });
}, 120_000);

afterAll(async () => {
  cleaner?.close();
  await agent?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** 'ok', or the agent's error code for a Check naming the adapter (no model runs). */
async function check(adapter: string): Promise<string> {
  const answer = await call<any>((cb) => cleaner.Check({ text: '', adapter }, deadlineIn(5_000), cb));
  if (!answer.error) return 'ok';
  return String(answer.error.metadata.get(ERROR_CODE_KEY)[0] ?? answer.error.code);
}

/** Calls the agent is working on now, from its own metrics. */
async function inflight(): Promise<number> {
  const text = await (
    await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(5_000) })
  ).text();
  const line = text.split('\n').find((l) => l.startsWith('mpr_agent_inflight_requests'));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}

const reloads = (cause: string) =>
  agent
    .log()
    .split('\n')
    .filter((line) => line.includes('model manifest reloaded') && line.includes(cause)).length;

// A long text (no newline stop string: it spans lines) with room for a long answer: the paraphrase runs
// for many decode steps, long enough to stay in flight across a reload.
const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `Line ${i}: the parcel was moved to another depot.`).join('\n');
const paraphrase = () =>
  call<any>((cb) =>
    cleaner.Paraphrase(
      { text: LONG_TEXT, adapter: 'paraphrase', generation: { maxNewTokens: 1500 } },
      deadlineIn(120_000),
      cb,
    ),
  );

describe('adapter manifest reload in an agent process', () => {
  it('serves an adapter added to the manifest file once the file changes', async () => {
    expect(await check('paraphrase')).toBe('unknown_adapter');
    await writeFile(join(dir, 'watched.yaml'), manifestText(['grammar', 'paraphrase']));
    await waitFor(async () => (await check('paraphrase')) === 'ok', 30_000);
    expect(reloads('manifest changed')).toBeGreaterThanOrEqual(1);
    expect(reloads('SIGHUP')).toBe(0);
  });

  it('reads a manifest swapped behind its symlink on SIGHUP; a request in flight finishes on its adapter', async () => {
    // What the paraphrase adapter makes of the text while it is loaded (greedy: the same every time).
    const reference = await paraphrase();
    expect(reference.error).toBeNull();
    expect(reference.response.adapter).toBe('paraphrase');

    await writeFile(join(dir, 'swapped.yaml'), manifestText(['grammar']));
    const running = paraphrase();
    await waitFor(async () => (await inflight()) === 1, 30_000, 5);
    await swapManifest(join(dir, 'swapped.yaml'));
    // The watch is on the file the symlink pointed to, which did not change: nothing is reloaded yet.
    expect(await check('paraphrase')).toBe('ok');
    agent.child.kill('SIGHUP');
    await waitFor(async () => (await check('paraphrase')) === 'unknown_adapter', 30_000, 5);
    // The removal is in force and the request that started on the adapter is still running: it
    // overlaps the reload (if it had ended first, this test would prove nothing, so it fails instead).
    expect(await inflight()).toBe(1);
    const finished = await running;
    expect(finished.error).toBeNull();
    expect(finished.response.adapter).toBe('paraphrase');
    expect(finished.response.paraphrasedText).toBe(reference.response.paraphrasedText);
    expect(finished.response.usage).toEqual(reference.response.usage);
    expect(reloads('SIGHUP')).toBe(1);
    expect(await check('grammar')).toBe('ok');
  });
});
