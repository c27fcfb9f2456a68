// The cpu overlay's configuration, run for real: jw1, jw2 and jw3 start as three separate processes
// (`node bin/mpr.js serve <role>`) with exactly the environment the rendered manifests give their
// containers (plus the image's ENV), remapped only where a cluster cannot exist here (pod-runner.ts).
// Every probe the manifests declare must pass, the gateway must answer through both agents, and each
// process must drain and exit on SIGTERM within its pod's termination grace period.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../orchestrator/auth/index.ts';
import { AGENT_SCALING_METRIC, AGENTS, COMPONENTS, ORCHESTRATOR } from './components.ts';
import { instructionsOf, keyValues, parseDockerfile, stage } from './dockerfile.ts';
import { named, podSpec, probesOf, resolvePort, type Deployment } from './objects.ts';
import { optionalPart } from '../support/optional.ts';
import { probeOnce } from './probes.ts';
import { preparePods, startPod, type LocalPod } from './pod-runner.ts';
import { REPO_ROOT, renderOverlay, type K8sObject } from './render.ts';

// Kustomize runs inside kubectl.
const kubectl = await optionalPart('kubectl');
let objects: K8sObject[] = [];
const imageEnv = keyValues(
  instructionsOf(
    stage(parseDockerfile(readFileSync(join(REPO_ROOT, 'deploy/docker/Dockerfile'), 'utf8')), 'runtime-cpu'),
    'ENV',
  ),
);
const STARTUP_LIMIT_MS = 90_000;
// Authentication is on in the base and its key list ships empty: the test lists a key, as an operator would.
const API_KEY = generateApiKey();

let root: string;
let pods: LocalPod[] = [];

const podOf = (role: string) => pods.find((p) => p.component.role === role)!;
const localPort = (pod: LocalPod, port: number | string) => pod.ports.get(resolvePort(pod.container, port) ?? -1)!;
const gateway = () => `http://127.0.0.1:${localPort(podOf(ORCHESTRATOR.role), 'http')}`;
const logsOf = () => pods.map((p) => `--- ${p.component.deployment}\n${p.output.join('').slice(-3000)}`).join('\n');

async function probeAll(): Promise<string[]> {
  const failures: string[] = [];
  for (const pod of pods) {
    for (const probe of probesOf(pod.container)) {
      const result = await probeOnce(probe, localPort(pod, probe.port));
      if (!result.ok)
        failures.push(
          `${pod.component.deployment} ${probe.kind} ${probe.protocol} ${probe.target || '""'}: ${result.detail}`,
        );
    }
  }
  return failures;
}

describe('cpu overlay, run as three processes with the manifests’ environment', kubectl.options, () => {
  beforeAll(async () => {
    objects = renderOverlay('cpu');
    root = mkdtempSync(join(tmpdir(), 'mpr-pods-'));
    pods = await preparePods(objects, COMPONENTS, imageEnv, root);
    appendFileSync(
      podOf(ORCHESTRATOR.role).env.MPR_AUTH_KEYS_FILE!,
      `- {name: manifests-run, hash: "${hashApiKey(API_KEY)}"}\n`,
    );
    // Like a rollout, all three start at once: jw1 must cope with agents that come up after it.
    for (const pod of pods) startPod(pod);
    const deadline = Date.now() + STARTUP_LIMIT_MS;
    let failures = await probeAll();
    while (failures.length > 0 && Date.now() < deadline) {
      const exited = pods.filter((p) => p.process?.exitCode !== null);
      if (exited.length > 0)
        throw new Error(`exited during startup: ${exited.map((p) => p.component.deployment)}\n${logsOf()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      failures = await probeAll();
    }
    if (failures.length > 0)
      throw new Error(`probes still failing after ${STARTUP_LIMIT_MS} ms:\n${failures.join('\n')}\n${logsOf()}`);
  }, STARTUP_LIMIT_MS + 30_000);

  afterAll(() => {
    for (const pod of pods) if (pod.process?.exitCode === null) pod.process.kill('SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('passes every startup, liveness and readiness probe the manifests declare', async () => {
    expect(await probeAll()).toEqual([]);
    const declared = pods.flatMap((p) => probesOf(p.container));
    expect(declared.filter((p) => p.protocol === 'grpc').length).toBe(AGENTS.length * 3);
  });

  it('serves the agents on the ports the manifests declare, the model manifest mounted where they say', () => {
    for (const agent of AGENTS) {
      const pod = podOf(agent.role);
      for (const [name, portName] of Object.entries(agent.portEnv))
        expect(pod.env[name]).toBe(String(localPort(pod, portName)));
      expect(readFileSync(pod.env.MPR_MODEL_MANIFEST!, 'utf8')).toContain(`${agent.role}:`);
    }
    expect(podOf(ORCHESTRATOR.role).env.MPR_CLEANER_ADDR).toBe(
      `dns:///127.0.0.1:${localPort(podOf('cleaner'), 'grpc')}`,
    );
  });

  it('requires an API key on /v1 (authentication is on in the base), the key file mounted from its Secret', async () => {
    const refused = await fetch(`${gateway()}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'No key.' }),
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect(podOf(ORCHESTRATOR.role).output.join('')).toContain('"authentication":"on"');
  });

  it('answers /readyz and cleans text through jw2', async () => {
    const ready = await fetch(`${gateway()}/readyz`);
    expect(ready.status).toBe(200);
    const response = await fetch(`${gateway()}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ text: 'She dont like the the weather today.' }),
    });
    const body = (await response.json()) as { cleanedText?: unknown; engine?: { kind?: unknown } };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(typeof body.cleanedText).toBe('string');
    expect(typeof body.engine?.kind).toBe('string');
  });

  it('runs clean_then_describe across both agents', async () => {
    const response = await fetch(`${gateway()}/v1/process`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        text: 'The meeting moved to Tuesday because the room was booked.',
        mode: 'clean_then_describe',
      }),
    });
    const body = (await response.json()) as { clean?: object; describe?: { json?: unknown } };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.clean).toBeDefined();
    expect(typeof body.describe?.json).toBe('object');
  });

  it("serves /metrics where the Prometheus annotations point, with the agents' HPA metric", async () => {
    for (const pod of pods) {
      const annotations =
        named<Deployment>(objects, 'Deployment', pod.component.deployment).spec?.template.metadata?.annotations ?? {};
      const port = localPort(pod, Number(annotations['prometheus.io/port']));
      const response = await fetch(`http://127.0.0.1:${port}${annotations['prometheus.io/path']}`);
      const text = await response.text();
      expect(response.status, pod.component.deployment).toBe(200);
      if (pod.component.role !== ORCHESTRATOR.role)
        expect(text, pod.component.deployment).toContain(`${AGENT_SCALING_METRIC}{`);
    }
  });

  it('exits 0 on SIGTERM before the kubelet would kill it (terminationGracePeriodSeconds - preStop)', async () => {
    // Gateway first, as a rollout would drain it before the agents it depends on.
    for (const pod of [podOf(ORCHESTRATOR.role), ...AGENTS.map((a) => podOf(a.role))]) {
      const spec = podSpec(named<Deployment>(objects, 'Deployment', pod.component.deployment));
      const preStop = Number(pod.container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
      const budgetMs = ((spec.terminationGracePeriodSeconds ?? 30) - preStop) * 1000;
      pod.process?.kill('SIGTERM');
      const killed = new Promise<'killed'>((resolve) => setTimeout(() => resolve('killed'), budgetMs).unref());
      const outcome = await Promise.race([pod.exit!, killed]);
      expect(outcome, `${pod.component.deployment}\n${pod.output.join('').slice(-2000)}`).toEqual({
        code: 0,
        signal: null,
      });
    }
  }, 120_000);
});
