// What the manifests must agree with: the three components, their ports (by env var and port name),
// health service names, and the settings the CLI reads (lib/config.ts is the single source).
import { SETTINGS } from '../../lib/config.ts';
import { SERVICE_NAMES } from '../../lib/grpc/proto.ts';

export interface ComponentSpec {
  role: 'orchestrator' | 'cleaner' | 'describer';
  deployment: string;
  container: string;
  /** Env var that sets a listening port -> the container port name it must equal. */
  portEnv: Record<string, string>;
  grpcService: string;
  /** Container port Prometheus scrapes. */
  metricsPort: string;
}

export interface AgentSpec extends ComponentSpec {
  role: 'cleaner' | 'describer';
  /** Env var jw1 dials this agent with. */
  addrEnv: string;
  modelEnv: string;
}

export const ORCHESTRATOR: ComponentSpec = {
  role: 'orchestrator',
  deployment: 'jw1-orchestrator',
  container: 'orchestrator',
  portEnv: { [SETTINGS.httpPort.env]: 'http', [SETTINGS.grpcPort.env]: 'grpc' },
  grpcService: SERVICE_NAMES.orchestrator,
  metricsPort: 'http',
};

export const AGENTS: AgentSpec[] = [
  {
    role: 'cleaner',
    deployment: 'jw2-cleaner',
    container: 'cleaner',
    portEnv: { [SETTINGS.cleanerPort.env]: 'grpc', [SETTINGS.cleanerMetricsPort.env]: 'metrics' },
    grpcService: SERVICE_NAMES.cleaner,
    metricsPort: 'metrics',
    addrEnv: SETTINGS.cleanerAddr.env,
    modelEnv: SETTINGS.cleanerModel.env,
  },
  {
    role: 'describer',
    deployment: 'jw3-describer',
    container: 'describer',
    portEnv: { [SETTINGS.describerPort.env]: 'grpc', [SETTINGS.describerMetricsPort.env]: 'metrics' },
    grpcService: SERVICE_NAMES.describer,
    metricsPort: 'metrics',
    addrEnv: SETTINGS.describerAddr.env,
    modelEnv: SETTINGS.describerModel.env,
  },
];

export const COMPONENTS: ComponentSpec[] = [ORCHESTRATOR, ...AGENTS];

/** Every MPR_* variable the CLI reads. */
export const CLI_ENV = new Set<string>(Object.values(SETTINGS).map((setting) => setting.env));

/** Standard OpenTelemetry SDK variables the manifests may set (the SDK reads them itself). */
export const OTEL_ENV = new Set([
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_TRACES_EXPORTER',
  'OTEL_METRICS_EXPORTER',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_SDK_DISABLED',
]);

/** Metric the agents' HPAs scale on (served by the Prometheus adapter as a Pods metric). */
export const AGENT_SCALING_METRIC = 'mpr_agent_inflight_requests';

export const NAMESPACE = 'mpr';
export const MODELS_MOUNT = '/models';
