// What every agent exposes for operators: its own Prometheus registry on a dedicated metrics port (gRPC
// calls, in-flight gauge for the HPA, model metrics, build info) and traced gRPC handlers.
import type { Logger } from '../../lib/logger.ts';
import {
  createMetricsRegistry,
  grpcServerMetrics,
  modelMetrics,
  startMetricsServer,
  type ModelMetrics,
  type RunningMetricsServer,
} from '../../lib/metrics/index.ts';
import type { ServerInstrumentation } from '../../lib/telemetry/index.ts';
import type { EngineInfo } from './engine-types.ts';

export interface AgentObservability {
  instrumentation: ServerInstrumentation;
  model: ModelMetrics;
  metricsServer: RunningMetricsServer;
}

export interface AgentObservabilityOptions {
  /** Component name in traces and logs, e.g. "jw2-cleaner". */
  component: string;
  /** Value of the agent label, e.g. "cleaner". */
  agent: string;
  host: string;
  metricsPort: number;
  engine: EngineInfo;
  /** Seconds the engine took to load (exported as mpr_model_load_seconds). */
  loadSeconds: number;
  logger: Logger;
  /** Whether the agent's gRPC service is SERVING (the metrics port's /readyz). */
  isReady: () => boolean;
}

export async function startAgentObservability(options: AgentObservabilityOptions): Promise<AgentObservability> {
  const registry = createMetricsRegistry(options.component);
  const model = modelMetrics(registry);
  model.modelLoaded(options.engine.id, options.loadSeconds, options.engine.executionProvider);
  const onCallStart = grpcServerMetrics(registry, { agent: options.agent });
  const metricsServer = await startMetricsServer(options.host, options.metricsPort, registry, options.isReady);
  return {
    instrumentation: { component: options.component, onCallStart, logger: options.logger },
    model,
    metricsServer,
  };
}
