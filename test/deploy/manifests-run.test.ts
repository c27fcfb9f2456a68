// The cpu overlay's configuration, run for real: jw1, jw2 and jw3 start as three separate processes
// (`node bin/mpr.js serve <role>`) with exactly the environment the rendered manifests give their
// containers (plus the image's ENV), remapped only where a cluster cannot exist here (pod-runner.ts).
// Every probe the manifests declare must pass, the gateway must answer (HTTPS, with an API key) through both
// agents (mutual TLS, certificates from a test CA standing in for cert-manager's Secrets), and each process
// must drain and exit on SIGTERM within its pod's termination grace period.
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
import { preparePods, startPod, type LocalPod, type SecretFiles } from './pod-runner.ts';
import { REPO_ROOT, renderOverlay, type K8sObject } from './render.ts';
import { createTestCa, type TestCa } from '../support/test-pki.ts';
import { httpsJson, tlsHandshake } from '../support/tls-clients.ts';

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
const gatewayPort = () => localPort(podOf(ORCHESTRATOR.role), 'http');
let ca: TestCa;

/**
 * What cert-manager would write for each rendered Certificate: tls.crt, tls.key and ca.crt from one CA
 * (the mesh CA of components/tls), with the Certificate's names (the test CA adds 127.0.0.1, the
 * address the pods really listen on here) and usages.
 */
async function certificateSecrets(rendered: K8sObject[]): Promise<SecretFiles> {
  const secrets: SecretFiles = {};
  for (const object of rendered.filter((o) => o.kind === 'Certificate')) {
    const spec = object.spec as { secretName: string; isCA?: boolean; dnsNames?: string[]; usages?: string[] };
    if (spec.isCA) {
      secrets[spec.secretName] = { 'tls.crt': ca.cert, 'tls.key': ca.key, 'ca.crt': ca.cert };
      continue;
    }
    const server = spec.usages?.includes('server auth') ?? true;
    const client = spec.usages?.includes('client auth') ?? true;
    const leaf = await ca.issue({
      commonName: object.metadata.name,
      dnsNames: spec.dnsNames ?? [],
      usage: server && client ? 'both' : server ? 'server' : 'client',
    });
    secrets[spec.secretName] = { 'tls.crt': leaf.cert, 'tls.key': leaf.key, 'ca.crt': ca.cert };
  }
  return secrets;
}
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
    ca = await createTestCa('mpr-agents mesh CA (test)');
    pods = await preparePods(objects, COMPONENTS, imageEnv, root, await certificateSecrets(objects));
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
    expect(declared.length).toBe(COMPONENTS.length * 3);
    expect(declared.filter((p) => p.https).length).toBe(3);
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
    const refused = await httpsJson(gatewayPort(), '/v1/clean', { ca: ca.cert, body: { text: 'No key.' } });
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('unauthenticated');
    expect(podOf(ORCHESTRATOR.role).output.join('')).toContain('"authentication":"on"');
  });

  it('answers /readyz and cleans text through jw2, over HTTPS, jw1 reaching the agents over mutual TLS', async () => {
    expect((await httpsJson(gatewayPort(), '/readyz', { ca: ca.cert })).status).toBe(200);
    const response = await httpsJson(gatewayPort(), '/v1/clean', {
      ca: ca.cert,
      headers: { authorization: `Bearer ${API_KEY}` },
      body: { text: 'She dont like the the weather today.' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(typeof response.body.cleanedText).toBe('string');
    expect(typeof response.body.engine?.kind).toBe('string');
    // Plaintext HTTP is not served, and the agents refuse a caller without jw1's client certificate.
    await expect(fetch(`http://127.0.0.1:${gatewayPort()}/healthz`)).rejects.toThrow();
    for (const agent of AGENTS) {
      const handshake = await tlsHandshake(localPort(podOf(agent.role), 'grpc'), { ca: ca.cert });
      expect(handshake.error?.code, agent.deployment).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
    }
  });

  it('runs clean_then_describe across both agents', async () => {
    const response = await httpsJson(gatewayPort(), '/v1/process', {
      ca: ca.cert,
      headers: { authorization: `Bearer ${API_KEY}` },
      body: { text: 'The meeting moved to Tuesday because the room was booked.', mode: 'clean_then_describe' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.clean).toBeDefined();
    expect(typeof response.body.describe?.json).toBe('object');
  });

  it("serves /metrics where the Prometheus annotations point, with the agents' HPA metric", async () => {
    for (const pod of pods) {
      const annotations =
        named<Deployment>(objects, 'Deployment', pod.component.deployment).spec?.template.metadata?.annotations ?? {};
      const port = localPort(pod, Number(annotations['prometheus.io/port']));
      const path = annotations['prometheus.io/path']!;
      const { status, body: text } =
        annotations['prometheus.io/scheme'] === 'https'
          ? await httpsJson(port, path, { ca: ca.cert })
          : await fetch(`http://127.0.0.1:${port}${path}`).then(async (r) => ({
              status: r.status,
              body: await r.text(),
            }));
      expect(status, pod.component.deployment).toBe(200);
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
