// The rendered objects point at each other correctly: probes and Services reach real container
// ports, jw1's agent addresses name the agents' headless Services, HPAs/PDBs/spread constraints
// select the right pods, NetworkPolicies let only jw1 reach the agents, and every variable set is
// one the CLI (or the OpenTelemetry SDK) reads.
import { beforeAll, describe, expect, it } from 'vitest';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import {
  AGENT_SCALING_METRIC,
  AGENTS,
  CLI_ENV,
  COMPONENTS,
  NAMESPACE,
  ORCHESTRATOR,
  OTEL_ENV,
  type ComponentSpec,
} from './components.ts';
import {
  effectiveEnv,
  matchLabelsOf,
  named,
  ofKind,
  podLabels,
  podSpec,
  probesOf,
  resolvePort,
  selects,
  type Deployment,
  type Service,
} from './objects.ts';
import { optionalPart } from '../support/optional.ts';
import { OVERLAYS, renderOverlay, type K8sObject } from './render.ts';

// Kustomize runs inside kubectl.
const kubectl = await optionalPart('kubectl');

type NetworkPolicy = INetworkPolicy & K8sObject;
type Hpa = IHorizontalPodAutoscaler & K8sObject;
type Pdb = IPodDisruptionBudget & K8sObject;
interface CertificateSpec {
  secretName: string;
  isCA?: boolean;
  usages?: string[];
  dnsNames?: string[];
  issuerRef: { name: string };
}

const FIELDS = { 'metadata.name': 'pod-0', 'metadata.namespace': NAMESPACE };

describe.each(OVERLAYS)('overlay %s', kubectl.options, (overlay) => {
  let objects: K8sObject[] = [];
  let deployments: Deployment[] = [];
  beforeAll(() => {
    objects = renderOverlay(overlay);
    deployments = ofKind<Deployment>(objects, 'Deployment');
  });
  const deploymentOf = (component: ComponentSpec) => named<Deployment>(objects, 'Deployment', component.deployment);
  const containerOf = (component: ComponentSpec) => {
    const container = podSpec(deploymentOf(component)).containers.find((c) => c.name === component.container);
    if (!container) throw new Error(`${component.deployment} has no container ${component.container}`);
    return container;
  };
  const envOf = (component: ComponentSpec) => effectiveEnv(containerOf(component), objects, FIELDS);
  /** The only Deployment whose pods `selector` selects (fails on none or several). */
  const selectedDeployment = (selector: Record<string, string>, what: string) => {
    const hits = deployments.filter((d) => selects(selector, podLabels(d)));
    expect(
      hits.map((d) => d.metadata.name),
      `${what} selects exactly one Deployment`,
    ).toHaveLength(1);
    return hits[0]!;
  };

  it('has Deployment selectors that match their own pod template labels', () => {
    for (const deployment of deployments) {
      expect(selects(matchLabelsOf(deployment.spec?.selector), podLabels(deployment)), deployment.metadata.name).toBe(
        true,
      );
    }
  });

  it('points every probe at a real container port: HTTPS /healthz and /readyz for jw1, the metrics port for the mTLS agents', () => {
    for (const component of COMPONENTS) {
      const container = containerOf(component);
      const probes = probesOf(container);
      expect(probes.map((p) => p.kind).sort(), component.deployment).toEqual([
        'livenessProbe',
        'readinessProbe',
        'startupProbe',
      ]);
      for (const probe of probes) {
        expect(
          resolvePort(container, probe.port),
          `${component.deployment} ${probe.kind} port ${probe.port}`,
        ).toBeDefined();
        // The kubelet's gRPC probes speak no TLS, and every gRPC port here requires it.
        expect(probe.protocol, `${component.deployment} ${probe.kind}`).toBe('http');
      }
      const expected = {
        readinessProbe: '/readyz',
        startupProbe: component === ORCHESTRATOR ? '/healthz' : '/readyz',
        livenessProbe: '/healthz',
      };
      for (const probe of probes)
        expect(probe.target, `${component.deployment} ${probe.kind}`).toBe(expected[probe.kind]);
      if (component === ORCHESTRATOR) {
        expect(probes.every((p) => p.https && p.port === 'http')).toBe(true);
      } else {
        // The agent's metrics port: plain HTTP, /readyz following its gRPC service's health (engine loaded).
        expect(
          probes.every((p) => !p.https && resolvePort(container, p.port) === resolvePort(container, 'metrics')),
        ).toBe(true);
      }
    }
  });

  it('gives every server a certificate from a rendered cert-manager Certificate, mounted where its TLS variables point', () => {
    const certificates = objects.filter((o) => o.kind === 'Certificate') as (K8sObject & { spec: CertificateSpec })[];
    const issuers = objects.filter((o) => o.kind === 'Issuer') as (K8sObject & {
      spec: { ca?: { secretName: string } };
    })[];
    const certificateOf = (secretName: string) => {
      const found = certificates.find((c) => c.spec.secretName === secretName);
      expect(found, `a Certificate writes Secret ${secretName}`).toBeDefined();
      return found!;
    };
    for (const certificate of certificates) {
      expect(
        issuers.map((i) => i.metadata.name),
        certificate.metadata.name,
      ).toContain(certificate.spec.issuerRef.name);
    }
    const meshCa = issuers.find((i) => i.spec.ca);
    expect(certificateOf(meshCa!.spec.ca!.secretName).spec.isCA).toBe(true);
    /** The Certificate behind the Secret mounted at the folder of `path`. */
    const certificateAt = (component: ComponentSpec, path: string) => {
      const container = containerOf(component);
      const mount = container.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
      expect(mount, `${component.deployment}: ${path} is on a mounted volume`).toBeDefined();
      expect(mount?.readOnly).toBe(true);
      const volume = podSpec(deploymentOf(component)).volumes?.find((v) => v.name === mount!.name);
      expect(volume?.secret?.secretName, `${component.deployment}: ${mount!.name} is a Secret`).toBeDefined();
      return certificateOf(volume!.secret!.secretName!);
    };

    const jw1 = envOf(ORCHESTRATOR);
    const jw1Server = certificateAt(ORCHESTRATOR, jw1.MPR_TLS_CERT_FILE!);
    expect(certificateAt(ORCHESTRATOR, jw1.MPR_TLS_KEY_FILE!)).toBe(jw1Server);
    expect(jw1Server.spec.usages).toContain('server auth');
    expect(jw1Server.spec.dnsNames).toContain(`${ORCHESTRATOR.deployment}.${NAMESPACE}.svc.cluster.local`);
    const jw1Client = certificateAt(ORCHESTRATOR, jw1.MPR_AGENT_TLS_CERT_FILE!);
    expect(certificateAt(ORCHESTRATOR, jw1.MPR_AGENT_TLS_KEY_FILE!)).toBe(jw1Client);
    expect(jw1Client.spec.usages).toContain('client auth');
    expect(jw1Client.spec.issuerRef.name).toBe(meshCa!.metadata.name);
    expect(jw1.MPR_AGENT_TLS_CA_FILE).toMatch(/\/ca\.crt$/);

    for (const agent of AGENTS) {
      const env = envOf(agent);
      const server = certificateAt(agent, env.MPR_TLS_CERT_FILE!);
      expect(certificateAt(agent, env.MPR_TLS_KEY_FILE!)).toBe(server);
      // Mutual TLS: callers must chain to the CA that issued this Secret, the one jw1's client certificate has.
      expect(certificateAt(agent, env.MPR_TLS_CLIENT_CA_FILE!)).toBe(server);
      expect(env.MPR_TLS_CLIENT_CA_FILE).toMatch(/\/ca\.crt$/);
      expect(server.spec.issuerRef.name).toBe(jw1Client.spec.issuerRef.name);
      expect(server.spec.usages).toContain('server auth');
      // grpc-js checks the agent's certificate against the host jw1 dials.
      const host = /^dns:\/\/\/([^:]+):\d+$/.exec(jw1[agent.addrEnv] ?? '')?.[1];
      expect(server.spec.dnsNames, agent.deployment).toContain(host);
    }
  });

  it('sets each listening-port variable to the container port of the same role', () => {
    for (const component of COMPONENTS) {
      const env = envOf(component);
      expect(env.MPR_HOST, component.deployment).toBe('0.0.0.0');
      for (const [name, portName] of Object.entries(component.portEnv)) {
        expect(Number(env[name]), `${component.deployment} ${name}`).toBe(
          resolvePort(containerOf(component), portName),
        );
      }
      const annotations = deploymentOf(component).spec?.template.metadata?.annotations ?? {};
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(Number(annotations['prometheus.io/port'])).toBe(
        resolvePort(containerOf(component), component.metricsPort),
      );
    }
  });

  it('has Services that select the right pods and target ports those pods expose', () => {
    const services = ofKind<Service>(objects, 'Service');
    for (const service of services) {
      const deployment = selectedDeployment(service.spec?.selector ?? {}, `Service ${service.metadata.name}`);
      const container = podSpec(deployment).containers[0]!;
      for (const port of service.spec?.ports ?? []) {
        expect(
          resolvePort(container, port.targetPort ?? port.port),
          `${service.metadata.name}:${port.name}`,
        ).toBeDefined();
      }
    }
    const gateway = services.filter((s) => selects(s.spec?.selector, podLabels(deploymentOf(ORCHESTRATOR))));
    expect(gateway.map((s) => s.spec?.ports?.map((p) => p.targetPort))).toContainEqual(['http', 'grpc']);
  });

  it("dials each agent through its headless Service's DNS name (round robin per request)", () => {
    const env = envOf(ORCHESTRATOR);
    for (const agent of AGENTS) {
      const target = env[agent.addrEnv] ?? '';
      const match = /^dns:\/\/\/([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)$/.exec(target);
      expect(match, `${agent.addrEnv}=${target}`).not.toBeNull();
      const [, serviceName, namespace, port] = match!;
      const service = named<Service>(objects, 'Service', serviceName!);
      expect(service.metadata.namespace).toBe(namespace);
      expect(service.spec?.clusterIP, `${serviceName} must be headless`).toBe('None');
      expect(selectedDeployment(service.spec?.selector ?? {}, serviceName!).metadata.name).toBe(agent.deployment);
      const servicePort = service.spec?.ports?.find((p) => p.port === Number(port));
      expect(resolvePort(containerOf(agent), servicePort?.targetPort ?? -1)).toBe(
        resolvePort(containerOf(agent), 'grpc'),
      );
    }
  });

  it('autoscales every Deployment: jw1 on CPU, the agents on in-flight requests; replicas left to the HPA', () => {
    const hpas = ofKind<Hpa>(objects, 'HorizontalPodAutoscaler');
    for (const component of COMPONENTS) {
      const hpa = hpas.find((h) => h.spec?.scaleTargetRef.name === component.deployment);
      expect(hpa, `HPA for ${component.deployment}`).toBeDefined();
      expect(hpa?.spec?.scaleTargetRef).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
      expect(deploymentOf(component).spec?.replicas, `${component.deployment} must not fight its HPA`).toBeUndefined();
      // With maxUnavailable: 1 in the PDB, two replicas keep one serving through a node drain.
      expect(hpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa?.spec?.maxReplicas).toBeGreaterThanOrEqual(hpa?.spec?.minReplicas ?? 1);
      const metrics = hpa?.spec?.metrics ?? [];
      if (component === ORCHESTRATOR) {
        expect(metrics).toContainEqual(
          expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
        );
      } else {
        const pods = metrics.find((m) => m.type === 'Pods');
        expect(pods?.pods?.metric.name).toBe(AGENT_SCALING_METRIC);
        expect(pods?.pods?.target.type).toBe('AverageValue');
      }
    }
    expect(hpas).toHaveLength(COMPONENTS.length);
  });

  it('covers every Deployment with one PodDisruptionBudget and spreads its pods over zones and nodes', () => {
    const pdbs = ofKind<Pdb>(objects, 'PodDisruptionBudget');
    for (const component of COMPONENTS) {
      const deployment = deploymentOf(component);
      const covering = pdbs.filter((p) => selects(matchLabelsOf(p.spec?.selector), podLabels(deployment)));
      expect(covering, `PDBs of ${component.deployment}`).toHaveLength(1);
      expect(covering[0]?.spec?.maxUnavailable ?? covering[0]?.spec?.minAvailable).toBeDefined();
      const spread = podSpec(deployment).topologySpreadConstraints ?? [];
      expect(spread.map((c) => c.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const constraint of spread)
        expect(selects(matchLabelsOf(constraint.labelSelector), podLabels(deployment))).toBe(true);
    }
  });

  it('denies ingress by default and lets only jw1 pods reach the agents (Prometheus only their metrics port)', () => {
    const policies = ofKind<NetworkPolicy>(objects, 'NetworkPolicy');
    const defaultDeny = policies.find(
      (p) => Object.keys(p.spec?.podSelector.matchLabels ?? {}).length === 0 && !p.spec?.podSelector.matchExpressions,
    );
    expect(defaultDeny?.spec?.policyTypes).toEqual(['Ingress']);
    expect(defaultDeny?.spec?.ingress ?? []).toEqual([]);

    const gatewayLabels = podLabels(deploymentOf(ORCHESTRATOR));
    for (const agent of AGENTS) {
      const labels = podLabels(deploymentOf(agent));
      const container = containerOf(agent);
      const grpcPort = resolvePort(container, 'grpc');
      const own = policies.filter((p) => p !== defaultDeny && selects(matchLabelsOf(p.spec?.podSelector), labels));
      expect(own, `policies selecting ${agent.deployment}`).toHaveLength(1);
      const rules = own[0]?.spec?.ingress ?? [];
      expect(rules.length).toBeGreaterThan(0);
      let grpcOpened = false;
      for (const rule of rules) {
        // A rule without peers or ports would open everything to everyone.
        expect(rule.from?.length, `${agent.deployment} rule peers`).toBeGreaterThan(0);
        expect(rule.ports?.length, `${agent.deployment} rule ports`).toBeGreaterThan(0);
        const ports = (rule.ports ?? []).map((p) => resolvePort(container, p.port ?? -1));
        expect(
          ports.every((p) => p !== undefined),
          `${agent.deployment} rule ports exist`,
        ).toBe(true);
        if (!ports.includes(grpcPort)) {
          expect(ports).toEqual([resolvePort(container, 'metrics')]);
          continue;
        }
        grpcOpened = true;
        for (const peer of rule.from ?? []) {
          // Same-namespace pods only (no namespaceSelector, no ipBlock), and only jw1's.
          expect(peer.namespaceSelector, `${agent.deployment} gRPC peer namespace`).toBeUndefined();
          expect(peer.ipBlock, `${agent.deployment} gRPC peer ipBlock`).toBeUndefined();
          const peerLabels = matchLabelsOf(peer.podSelector);
          expect(selects(peerLabels, gatewayLabels), `${agent.deployment} gRPC peer is jw1`).toBe(true);
          for (const other of AGENTS) expect(selects(peerLabels, podLabels(deploymentOf(other)))).toBe(false);
        }
      }
      expect(grpcOpened, `${agent.deployment} reachable by jw1`).toBe(true);
    }
  });

  it('sets only variables the CLI or the OpenTelemetry SDK reads (K8S_* only as $(...) inputs)', () => {
    for (const component of COMPONENTS) {
      const container = containerOf(component);
      const names = [
        ...(container.env ?? []).map((e) => e.name),
        ...Object.keys(effectiveEnv(container, objects, FIELDS)),
      ];
      const values = (container.env ?? []).map((e) => e.value ?? '').join('\n');
      for (const name of new Set(names)) {
        if (name.startsWith('K8S_')) expect(values, `${name} must feed another variable`).toContain(`$(${name})`);
        else
          expect(
            CLI_ENV.has(name) || OTEL_ENV.has(name),
            `${component.deployment} sets ${name}, which nothing reads`,
          ).toBe(true);
      }
      expect(envOf(component).OTEL_SERVICE_NAME).toBe(component.deployment);
      expect(envOf(component).OTEL_RESOURCE_ATTRIBUTES).not.toContain('$(');
    }
  });
});
