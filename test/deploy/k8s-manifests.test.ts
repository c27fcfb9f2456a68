// Every overlay renders, every object matches the Kubernetes schema, and every pod is safe to run:
// resources, non-root and locked-down security contexts, graceful shutdown, pinned images, GPUs only
// where the overlay asks for them.
import { parseManifest } from '../../models/index.ts';
import { parseKeyFile } from '../../orchestrator/auth/index.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENTS, COMPONENTS, MODELS_MOUNT, NAMESPACE, ORCHESTRATOR } from './components.ts';
import { effectiveEnv, named, ofKind, podSpec, type ConfigMap, type Deployment } from './objects.ts';
import { optionalPart } from '../support/optional.ts';
import { OVERLAYS, renderOverlay, renderWithComponents, type K8sObject } from './render.ts';
import { validateObject } from './schema.ts';

// Kustomize runs inside kubectl.
const kubectl = await optionalPart('kubectl');

const FIELDS = { 'metadata.name': 'pod-0', 'metadata.namespace': NAMESPACE };

/** Kubernetes quantity -> number (cores or bytes); enough for the suffixes the manifests use. */
function quantity(value: string | number): number {
  const text = String(value);
  const match = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(text);
  if (!match) throw new Error(`unsupported quantity ${text}`);
  const scale: Record<string, number> = {
    m: 1e-3,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
  };
  return Number(match[1]) * (match[2] ? (scale[match[2]] as number) : 1);
}

function containersOf(deployment: Deployment) {
  const spec = podSpec(deployment);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

describe.each(OVERLAYS)('overlay %s', kubectl.options, (overlay) => {
  let objects: K8sObject[] = [];
  let deployments: Deployment[] = [];
  beforeAll(() => {
    objects = renderOverlay(overlay);
    deployments = ofKind<Deployment>(objects, 'Deployment');
  });

  it('renders the three components, each namespaced in mpr', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(COMPONENTS.map((c) => c.deployment).sort());
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).toBe(NAMESPACE);
    }
    const namespace = named<K8sObject>(objects, 'Namespace', NAMESPACE);
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('validates every object against the Kubernetes OpenAPI schema', () => {
    expect(objects.length).toBeGreaterThan(15);
    for (const object of objects) validateObject(object);
  });

  it('gives every container cpu and memory requests and limits, limits >= requests', () => {
    for (const deployment of deployments) {
      for (const container of containersOf(deployment)) {
        const where = `${deployment.metadata.name}/${container.name}`;
        const { requests = {}, limits = {} } = container.resources ?? {};
        for (const resource of ['cpu', 'memory']) {
          expect(requests[resource], `${where} requests.${resource}`).toBeDefined();
          expect(limits[resource], `${where} limits.${resource}`).toBeDefined();
          expect(quantity(limits[resource]!), `${where} ${resource}`).toBeGreaterThanOrEqual(
            quantity(requests[resource]!),
          );
        }
      }
    }
  });

  it('runs every pod as non-root with no privilege, capabilities, token or writable root filesystem', () => {
    const accounts = ofKind<K8sObject & { automountServiceAccountToken?: boolean }>(objects, 'ServiceAccount');
    for (const deployment of deployments) {
      const spec = podSpec(deployment);
      const where = deployment.metadata.name;
      expect(spec.securityContext?.runAsNonRoot, where).toBe(true);
      expect(spec.securityContext?.runAsUser, where).toBeGreaterThan(0);
      expect(spec.securityContext?.seccompProfile?.type, where).toBe('RuntimeDefault');
      expect(spec.automountServiceAccountToken, where).toBe(false);
      const account = accounts.find((a) => a.metadata.name === spec.serviceAccountName);
      expect(account, `${where} service account ${spec.serviceAccountName}`).toBeDefined();
      expect(account?.automountServiceAccountToken).toBe(false);
      for (const container of containersOf(deployment)) {
        const context = container.securityContext;
        expect(context?.allowPrivilegeEscalation, container.name).toBe(false);
        expect(context?.privileged ?? false, container.name).toBe(false);
        expect(context?.readOnlyRootFilesystem, container.name).toBe(true);
        expect(context?.capabilities?.drop, container.name).toEqual(['ALL']);
        expect(context?.capabilities?.add ?? [], container.name).toEqual([]);
        expect(context?.runAsUser ?? spec.securityContext?.runAsUser, container.name).not.toBe(0);
        // A read-only root needs a writable /tmp, and only from an emptyDir.
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        expect(tmp, `${container.name} /tmp`).toBeDefined();
        expect(
          spec.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir,
          `${container.name} /tmp emptyDir`,
        ).toBeDefined();
      }
    }
  });

  it('lets every pod drain: terminationGracePeriodSeconds > preStop sleep + MPR_SHUTDOWN_GRACE_MS', () => {
    for (const deployment of deployments) {
      const spec = podSpec(deployment);
      for (const container of spec.containers) {
        const command = container.lifecycle?.preStop?.exec?.command ?? [];
        expect(command[0], `${container.name} preStop`).toBe('sleep');
        const preStopSeconds = Number(command[1]);
        expect(preStopSeconds).toBeGreaterThan(0);
        const graceMs = Number(effectiveEnv(container, objects, FIELDS).MPR_SHUTDOWN_GRACE_MS);
        expect(graceMs, `${container.name} MPR_SHUTDOWN_GRACE_MS`).toBeGreaterThan(0);
        expect(spec.terminationGracePeriodSeconds, deployment.metadata.name).toBeGreaterThan(
          preStopSeconds + graceMs / 1000,
        );
      }
    }
  });

  it('pins every image to a registry path and an explicit, non-latest tag', () => {
    for (const deployment of deployments) {
      for (const container of containersOf(deployment)) {
        expect(container.image, container.name).toMatch(
          /^[a-z0-9.-]+\.[a-z]+(:[0-9]+)?\/[a-z0-9._/-]+:[A-Za-z0-9._-]+$/,
        );
        expect(container.image, container.name).not.toMatch(/:latest$/);
        expect(container.imagePullPolicy, container.name).toBe('IfNotPresent');
      }
    }
  });

  it('describes both agents in the model manifest the agents mount', () => {
    for (const agent of AGENTS) {
      const deployment = named<Deployment>(objects, 'Deployment', agent.deployment);
      const container = podSpec(deployment).containers.find((c) => c.name === agent.container)!;
      const manifestPath = effectiveEnv(container, objects, FIELDS).MPR_MODEL_MANIFEST ?? '';
      const mount = container.volumeMounts?.find((m) => manifestPath.startsWith(`${m.mountPath}/`));
      expect(mount, `${agent.deployment} mounts ${manifestPath}`).toBeDefined();
      const volume = podSpec(deployment).volumes?.find((v) => v.name === mount?.name);
      const configMap = named<ConfigMap>(objects, 'ConfigMap', volume?.configMap?.name ?? '?');
      const file = configMap.data?.[manifestPath.slice((mount?.mountPath.length ?? 0) + 1)];
      expect(file, `${manifestPath} in ConfigMap ${configMap.metadata.name}`).toBeDefined();
      // The model runtime's own parser (schema-validated) must accept what the ConfigMap mounts.
      const entry = (parseManifest(file!, manifestPath).agents as Record<string, Record<string, unknown>>)[agent.role];
      expect(entry, agent.role).toMatchObject({
        id: expect.any(String),
        version: expect.any(String),
        prompt: expect.any(String),
        generation: expect.any(Object),
      });
      expect(entry?.executionProvider).toBe(overlay === 'gpu' ? 'cuda' : 'cpu');
      expect(String(entry?.path)).toMatch(new RegExp(`^${MODELS_MOUNT}/`));
    }
  });

  it('turns authentication on for jw1, its key file a Secret of hashes mounted as a directory so that updates arrive', () => {
    const deployment = named<Deployment>(objects, 'Deployment', ORCHESTRATOR.deployment);
    const container = podSpec(deployment).containers.find((c) => c.name === ORCHESTRATOR.container)!;
    const env = effectiveEnv(container, objects, FIELDS);
    expect(env.MPR_AUTH_REQUIRED).toBe('true');
    const keysFile = env.MPR_AUTH_KEYS_FILE ?? '';
    const mount = container.volumeMounts?.find((m) => keysFile.startsWith(`${m.mountPath}/`));
    expect(mount?.readOnly).toBe(true);
    // A subPath mount is a copy the kubelet never refreshes: the reload would see no change.
    expect(mount?.subPath).toBeUndefined();
    const secretName = podSpec(deployment).volumes?.find((v) => v.name === mount?.name)?.secret?.secretName;
    const secret = named<K8sObject & { data?: Record<string, string> }>(objects, 'Secret', secretName ?? '?');
    // No hash suffix: a changed list updates the mounted file in place instead of rolling the pods.
    expect(secret.metadata.name).toBe('mpr-api-keys');
    const file = Buffer.from(secret.data?.[keysFile.slice(mount!.mountPath.length + 1)] ?? '', 'base64').toString();
    expect(parseKeyFile(file).size).toBe(0);
    for (const agent of AGENTS) {
      const agentContainer = podSpec(named<Deployment>(objects, 'Deployment', agent.deployment)).containers[0]!;
      expect(effectiveEnv(agentContainer, objects, FIELDS).MPR_AUTH_REQUIRED, agent.deployment).toBeUndefined();
    }
  });
});

describe('gpu overlay', kubectl.options, () => {
  let objects: K8sObject[] = [];
  beforeAll(() => {
    objects = renderOverlay('gpu');
  });

  it('puts each model agent on one GPU of a GPU node, with a CUDA image and its model from the PVC', () => {
    for (const agent of AGENTS) {
      const deployment = named<Deployment>(objects, 'Deployment', agent.deployment);
      const spec = podSpec(deployment);
      const container = spec.containers.find((c) => c.name === agent.container)!;
      expect(container.resources?.limits?.['nvidia.com/gpu'], agent.deployment).toBe('1');
      expect(container.resources?.requests?.['nvidia.com/gpu'], agent.deployment).toBe('1');
      expect(container.image).toMatch(/-cuda12$/);
      expect(spec.nodeSelector?.['nvidia.com/gpu.present']).toBe('true');
      expect(spec.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
      // Model load onto a GPU takes minutes: the startup window must cover at least ten.
      const startup = container.startupProbe!;
      expect((startup.periodSeconds ?? 10) * (startup.failureThreshold ?? 3)).toBeGreaterThanOrEqual(600);

      const modelDir = effectiveEnv(container, objects, FIELDS)[agent.modelEnv] ?? '';
      const mount = container.volumeMounts?.find((m) => m.mountPath === MODELS_MOUNT);
      expect(mount?.readOnly).toBe(true);
      expect(modelDir.startsWith(`${MODELS_MOUNT}/`), `${agent.modelEnv}=${modelDir}`).toBe(true);
      const claim = spec.volumes?.find((v) => v.name === mount?.name)?.persistentVolumeClaim?.claimName;
      expect(named<K8sObject>(objects, 'PersistentVolumeClaim', claim ?? '?').spec).toMatchObject({
        accessModes: ['ReadOnlyMany'],
      });
    }
    const gateway = podSpec(named<Deployment>(objects, 'Deployment', ORCHESTRATOR.deployment));
    expect(JSON.stringify(gateway)).not.toContain('nvidia.com/gpu');
  });
});

describe('cpu overlay', kubectl.options, () => {
  it('needs no GPU and runs the embedded engines (no model directory)', () => {
    const objects = renderOverlay('cpu');
    expect(JSON.stringify(objects)).not.toContain('nvidia.com/gpu');
    for (const agent of AGENTS) {
      const container = podSpec(named<Deployment>(objects, 'Deployment', agent.deployment)).containers[0]!;
      expect(effectiveEnv(container, objects, FIELDS)[agent.modelEnv]).toBe('');
    }
  });
});

describe('ingress component', kubectl.options, () => {
  it('routes the gateway Service and port that exist', () => {
    const objects = renderWithComponents('cpu', ['ingress']);
    for (const object of objects) validateObject(object);
    for (const object of objects.filter((o) => o.kind !== 'Namespace'))
      expect(object.metadata.namespace).toBe(NAMESPACE);
    const ingress = named<
      K8sObject & {
        spec: { rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] };
      }
    >(objects, 'Ingress', ORCHESTRATOR.deployment);
    for (const path of ingress.spec.rules.flatMap((rule) => rule.http.paths)) {
      const service = named<K8sObject & { spec: { ports: { name: string }[] } }>(
        objects,
        'Service',
        path.backend.service.name,
      );
      expect(service.spec.ports.map((port) => port.name)).toContain(path.backend.service.port.name);
    }
    // The gateway behind it serves HTTPS (components/tls, in both overlays).
    const jw1 = named<Deployment>(objects, 'Deployment', ORCHESTRATOR.deployment);
    expect(podSpec(jw1).containers[0]?.env?.map((e) => e.name)).toContain('MPR_TLS_CERT_FILE');
    expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
  });
});
