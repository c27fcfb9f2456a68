// gRPC server metrics of every component, and the in-flight gauge of an agent (what its HPA scales on).
import { status } from '@grpc/grpc-js';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './http.ts';

/** Same shape as lib/telemetry's CallObserver: start of a call -> end with its status code. */
export type GrpcCallObserver = (service: string, method: string) => (code: status) => void;

export interface GrpcServerMetricsOptions {
  /** Set on agents: calls in flight are exported as mpr_agent_inflight_requests{agent}. */
  agent?: string;
}

export function grpcServerMetrics(registry: Registry, options: GrpcServerMetricsOptions = {}): GrpcCallObserver {
  const handled = new Counter({
    name: 'mpr_grpc_server_handled_total',
    help: 'gRPC calls completed by the server, by service, method and status code name',
    labelNames: ['service', 'method', 'code'] as const,
    registers: [registry],
  });
  const handling = new Histogram({
    name: 'mpr_grpc_server_handling_seconds',
    help: 'Time the server took to answer a gRPC call, by service and method',
    labelNames: ['service', 'method'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inflight = options.agent
    ? new Gauge({
        name: 'mpr_agent_inflight_requests',
        help: 'gRPC calls the agent is working on right now',
        labelNames: ['agent'] as const,
        registers: [registry],
      })
    : undefined;
  const agentLabel = { agent: options.agent ?? '' };
  inflight?.set(agentLabel, 0);

  return (service, method) => {
    const started = performance.now();
    inflight?.inc(agentLabel);
    return (code) => {
      inflight?.dec(agentLabel);
      handled.inc({ service, method, code: status[code] ?? String(code) });
      handling.observe({ service, method }, (performance.now() - started) / 1000);
    };
  };
}
