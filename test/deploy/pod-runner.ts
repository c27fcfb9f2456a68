// Runs the pods of a rendered overlay as local processes, the way the kubelet would start them: the
// image's ENV, then the container's envFrom/env, its volumes as temporary folders, its args after the
// image ENTRYPOINT (`node bin/mpr.js`). What cannot exist here is remapped, and only that: container
// ports -> free loopback ports, MPR_HOST -> 127.0.0.1, cluster DNS names -> 127.0.0.1, mount paths ->
// temporary folders, Secrets -> files the test provides (certificates from a test CA).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ComponentSpec } from './components.ts';
import {
  effectiveEnv,
  named,
  podLabels,
  podSpec,
  resolvePort,
  selects,
  type ConfigMap,
  type Deployment,
  type Secret,
  type Service,
} from './objects.ts';
import { REPO_ROOT, type K8sObject } from './render.ts';
import { freePort } from '../support/ports.ts';

export { freePort };

export interface LocalPod {
  component: ComponentSpec;
  container: IContainer;
  /** containerPort -> loopback port. */
  ports: Map<number, number>;
  env: Record<string, string>;
  process?: ChildProcess;
  output: string[];
  exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Prepares one pod per component: ports allocated, volumes materialized, environment rewritten. */
/** Secret name -> its files (key -> content), standing in for what cert-manager would write. */
export type SecretFiles = Record<string, Record<string, string>>;

export async function preparePods(
  objects: K8sObject[],
  components: ComponentSpec[],
  imageEnv: Record<string, string>,
  root: string,
  secrets: SecretFiles = {},
): Promise<LocalPod[]> {
  const pods: LocalPod[] = [];
  for (const component of components) {
    const deployment = named<Deployment>(objects, 'Deployment', component.deployment);
    const container = podSpec(deployment).containers.find((c) => c.name === component.container);
    if (!container) throw new Error(`${component.deployment} has no container ${component.container}`);
    const ports = new Map<number, number>();
    for (const port of container.ports ?? []) ports.set(port.containerPort, await freePort());
    pods.push({ component, container, ports, env: {}, output: [] });
  }
  for (const pod of pods) {
    const deployment = named<Deployment>(objects, 'Deployment', pod.component.deployment);
    const mounts = materializeVolumes(
      objects,
      deployment,
      pod.container,
      join(root, pod.component.deployment),
      secrets,
    );
    const env = {
      ...imageEnv,
      ...effectiveEnv(pod.container, objects, {
        'metadata.name': `${pod.component.deployment}-0`,
        'metadata.namespace': deployment.metadata.namespace ?? '',
      }),
    };
    for (const [name, value] of Object.entries(env)) env[name] = rewrite(name, value, pod, pods, objects, mounts);
    // The manifests export to no collector by default; never send telemetry off this machine.
    delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    pod.env = env;
  }
  return pods;
}

function rewrite(
  name: string,
  value: string,
  pod: LocalPod,
  pods: LocalPod[],
  objects: K8sObject[],
  mounts: Map<string, string>,
): string {
  if (name === 'MPR_HOST') return '127.0.0.1';
  if (name in pod.component.portEnv) {
    const local = pod.ports.get(Number(value));
    if (local === undefined) throw new Error(`${pod.component.deployment}: ${name}=${value} is not a container port`);
    return String(local);
  }
  if (/^MPR_.*_PORT$/.test(name))
    throw new Error(`${pod.component.deployment}: ${name} is not a port this component listens on`);
  const dns = /^dns:\/\/\/([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)$/.exec(value);
  if (dns) {
    const [, serviceName, , servicePort] = dns;
    const service = named<Service>(objects, 'Service', serviceName!);
    const target = pods.find((p) =>
      selects(service.spec?.selector, podLabels(named<Deployment>(objects, 'Deployment', p.component.deployment))),
    );
    const port = service.spec?.ports?.find((p) => p.port === Number(servicePort));
    const containerPort = target && port ? resolvePort(target.container, port.targetPort ?? port.port) : undefined;
    if (!target || containerPort === undefined) throw new Error(`${name}=${value} reaches no pod of this system`);
    return `dns:///127.0.0.1:${target.ports.get(containerPort)}`;
  }
  for (const [mountPath, local] of mounts) {
    if (value === mountPath || value.startsWith(`${mountPath}/`)) return local + value.slice(mountPath.length);
  }
  return value;
}

/** configMap and secret volumes become folders with their keys as files; emptyDirs become empty folders. */
function materializeVolumes(
  objects: K8sObject[],
  deployment: Deployment,
  container: IContainer,
  root: string,
  secrets: SecretFiles,
): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const mount of container.volumeMounts ?? []) {
    const volume = podSpec(deployment).volumes?.find((v) => v.name === mount.name);
    const local = join(root, mount.name);
    mkdirSync(local, { recursive: true });
    const files: Record<string, string | Buffer> = {};
    if (volume?.configMap) {
      Object.assign(files, named<ConfigMap>(objects, 'ConfigMap', volume.configMap.name ?? '').data ?? {});
    } else if (volume?.secret) {
      // Certificates come from the test's CA (cert-manager writes them in a cluster); other Secrets from
      // the rendered manifests.
      const name = volume.secret.secretName ?? '';
      const given = secrets[name];
      if (given) Object.assign(files, given);
      else {
        const secret = named<Secret>(objects, 'Secret', name);
        for (const [key, base64] of Object.entries(secret.data ?? {})) files[key] = Buffer.from(base64, 'base64');
        Object.assign(files, secret.stringData ?? {});
      }
    } else if (!volume?.emptyDir) {
      throw new Error(`${deployment.metadata.name}: volume ${mount.name} cannot be provided locally`);
    }
    for (const [key, content] of Object.entries(files)) {
      mkdirSync(dirname(join(local, key)), { recursive: true });
      writeFileSync(join(local, key), content);
    }
    mounts.set(mount.mountPath, local);
  }
  return mounts;
}

/** Starts the pod's container command: the image ENTRYPOINT (`node /app/bin/mpr.js`) + its args. */
export function startPod(pod: LocalPod, entrypoint = join(REPO_ROOT, 'bin/mpr.js')): void {
  if (pod.container.command) throw new Error(`${pod.component.deployment} overrides the image ENTRYPOINT`);
  const child = spawn(process.execPath, [entrypoint, ...(pod.container.args ?? [])], {
    cwd: dirname(dirname(entrypoint)),
    env: { PATH: process.env.PATH ?? '', ...pod.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    pod.output.push(chunk.toString());
    if (pod.output.length > 200) pod.output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  pod.process = child;
  pod.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
