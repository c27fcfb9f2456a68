// A gRPC server with what every MPR component needs: the standard health service (so Kubernetes gRPC
// probes and grpc-health-probe work), server reflection, loopback/any binding, and a graceful stop
// that flips health to NOT_SERVING before draining.
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import { instrumentService, type ServerInstrumentation } from '../telemetry/grpc-server.ts';
import { grpcServerCredentials, type CertificateFiles } from '../tls/index.ts';
import { loadMprProto } from './proto.ts';

export interface ServiceRegistration {
  name: string;
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

export interface RunningGrpcServer {
  readonly port: number;
  readonly health: HealthImplementation;
  /** True from start until shutdown begins: what the health service reports for every service. */
  serving(): boolean;
  /** Marks every service NOT_SERVING, waits for in-flight calls up to graceMs, then forces close. */
  shutdown(graceMs: number): Promise<void>;
}

export interface GrpcServerOptions {
  /** Traces (and, with onCallStart, meters) every unary call of the given services. */
  instrumentation?: ServerInstrumentation;
  /** TLS (mutual when the files hold a client CA); plaintext without. */
  tls?: CertificateFiles;
  /** A client connection this old (grpc-js adds +-10 % jitter) gets a GOAWAY; 0 or absent: never. */
  maxConnectionAgeMs?: number;
  /** Calls still running on such a connection may finish for this long before it is closed. */
  maxConnectionAgeGraceMs?: number;
}

export async function startGrpcServer(
  host: string,
  port: number,
  services: ServiceRegistration[],
  options: GrpcServerOptions = {},
): Promise<RunningGrpcServer> {
  const { instrumentation } = options;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': 4 * 1024 * 1024,
    'grpc.keepalive_permit_without_calls': 1,
    // No channelz service is exposed, so its per-call bookkeeping would be kept for nobody.
    'grpc.enable_channelz': 0,
    // A client connection lives forever otherwise, and a client's DNS name is only resolved again when a
    // connection ends: clients that connected before a new replica existed would never reach it.
    ...(options.maxConnectionAgeMs
      ? {
          'grpc.max_connection_age_ms': options.maxConnectionAgeMs,
          'grpc.max_connection_age_grace_ms': options.maxConnectionAgeGraceMs ?? options.maxConnectionAgeMs,
        }
      : {}),
  });
  const names = services.map((service) => service.name);
  const health = new HealthImplementation(
    Object.fromEntries(['', ...names].map((name) => [name, 'NOT_SERVING' as const])),
  );
  health.addToServer(server);
  new ReflectionService(loadMprProto().definition).addToServer(server);
  for (const service of services) {
    const implementation = instrumentation
      ? instrumentService(service.definition, service.implementation, instrumentation)
      : service.implementation;
    server.addService(service.definition, implementation);
  }

  const boundPort = await new Promise<number>((resolve, reject) => {
    const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    server.bindAsync(address, grpcServerCredentials(options.tls), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  for (const name of ['', ...names]) health.setStatus(name, 'SERVING');
  let serving = true;

  return {
    port: boundPort,
    health,
    serving: () => serving,
    shutdown: async (graceMs) => {
      serving = false;
      for (const name of ['', ...names]) health.setStatus(name, 'NOT_SERVING');
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
