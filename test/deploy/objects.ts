// Typed views of rendered manifests and the Kubernetes semantics the invariants need: label
// selection, named-port resolution, and a container's effective environment as the kubelet builds it.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import type { K8sObject } from './render.ts';

export type Deployment = IDeployment & K8sObject;
export type Service = IService & K8sObject;
export type ConfigMap = IConfigMap & K8sObject;
export type Secret = ISecret & K8sObject;

export function ofKind<T extends K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}

export function named<T extends K8sObject>(objects: K8sObject[], kind: string, name: string): T {
  const found = ofKind<T>(objects, kind).find((object) => object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} in the rendered manifests`);
  return found;
}

export function podSpec(deployment: Deployment): IPodSpec {
  const spec = deployment.spec?.template.spec;
  if (!spec) throw new Error(`Deployment ${deployment.metadata.name} has no pod template spec`);
  return spec;
}

export function podLabels(deployment: Deployment): Record<string, string> {
  return deployment.spec?.template.metadata?.labels ?? {};
}

/** matchLabels semantics (every pair present); the manifests use no matchExpressions. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function matchLabelsOf(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined,
): Record<string, string> {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions are not used in these manifests');
  return selector?.matchLabels ?? {};
}

/** The container port a probe or Service targets: a number as is, a name through the container's ports. */
export function resolvePort(container: IContainer, port: number | string): number | undefined {
  if (typeof port === 'number') return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export interface ProbeTarget {
  kind: 'startupProbe' | 'livenessProbe' | 'readinessProbe';
  protocol: 'grpc' | 'http';
  port: number | string;
  /** gRPC health service name ('' = the server as a whole) or HTTP path. */
  target: string;
  /** HTTP probes: whether the kubelet speaks TLS (it does not verify the certificate). */
  https?: boolean;
}

export function probesOf(container: IContainer): ProbeTarget[] {
  const probes: ProbeTarget[] = [];
  for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
    const probe = container[kind];
    if (!probe) continue;
    if (probe.grpc) probes.push({ kind, protocol: 'grpc', port: probe.grpc.port, target: probe.grpc.service ?? '' });
    else if (probe.httpGet)
      probes.push({
        kind,
        protocol: 'http',
        port: probe.httpGet.port,
        target: probe.httpGet.path ?? '/',
        https: probe.httpGet.scheme === 'HTTPS',
      });
    else throw new Error(`${container.name} ${kind} is neither grpc nor httpGet`);
  }
  return probes;
}

/** Values the kubelet would give downward-API fields; the tests only need them to be plausible. */
export type FieldValues = Record<string, string>;

/**
 * The environment a container starts with: envFrom ConfigMaps first, then env entries in order
 * (later wins), with $(VAR) references expanded from what is already defined, as Kubernetes does.
 */
export function effectiveEnv(container: IContainer, objects: K8sObject[], fields: FieldValues): Record<string, string> {
  const configMaps = ofKind<ConfigMap>(objects, 'ConfigMap');
  const configMap = (name: string) => {
    const found = configMaps.find((map) => map.metadata.name === name);
    if (!found) throw new Error(`${container.name} references ConfigMap ${name}, which is not rendered`);
    return found.data ?? {};
  };
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) throw new Error(`${container.name}: only configMapRef envFrom sources are used`);
    Object.assign(env, configMap(source.configMapRef.name ?? ''));
  }
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    let value: string;
    if (from?.configMapKeyRef) {
      const data = configMap(from.configMapKeyRef.name ?? '');
      const key = from.configMapKeyRef.key;
      if (!(key in data))
        throw new Error(`${container.name}: ConfigMap ${from.configMapKeyRef.name} has no key ${key}`);
      value = data[key] as string;
    } else if (from?.fieldRef) {
      const field = fields[from.fieldRef.fieldPath];
      if (field === undefined) throw new Error(`${container.name}: no test value for field ${from.fieldRef.fieldPath}`);
      value = field;
    } else if (from) {
      throw new Error(`${container.name}: env ${entry.name} uses an unsupported valueFrom`);
    } else {
      value = (entry.value ?? '').replace(
        /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (whole, name: string) => env[name] ?? whole,
      );
    }
    env[entry.name] = value;
  }
  return env;
}
