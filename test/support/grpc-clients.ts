// Typed gRPC clients for tests, built from the same .proto files the servers load.
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { loadMprProto } from '../../lib/grpc/index.ts';
import type { CleanerServiceClient } from '../../proto/generated/mpr/v1/CleanerService.ts';
import type { DescriberServiceClient } from '../../proto/generated/mpr/v1/DescriberService.ts';
import type { OrchestratorClient } from '../../proto/generated/mpr/v1/Orchestrator.ts';

const insecure = grpc.credentials.createInsecure();

export function cleanerClient(port: number, credentials = insecure): CleanerServiceClient {
  return new (loadMprProto().proto.mpr.v1.CleanerService)(`127.0.0.1:${port}`, credentials) as CleanerServiceClient;
}

export function describerClient(port: number): DescriberServiceClient {
  return new (loadMprProto().proto.mpr.v1.DescriberService)(`127.0.0.1:${port}`, insecure) as DescriberServiceClient;
}

export function orchestratorClient(port: number, credentials = insecure): OrchestratorClient {
  return new (loadMprProto().proto.mpr.v1.Orchestrator)(`127.0.0.1:${port}`, credentials) as OrchestratorClient;
}

type HealthTestClient = grpc.Client & {
  check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: grpc.requestCallback<{ status: string }>,
  ): grpc.ClientUnaryCall;
};
type ReflectionTestClient = grpc.Client & { ServerReflectionInfo(): grpc.ClientDuplexStream<unknown, any> };

export function healthClient(port: number): HealthTestClient {
  const Client = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, 'Health');
  return new Client(`127.0.0.1:${port}`, insecure) as unknown as HealthTestClient;
}

export function reflectionClient(port: number): ReflectionTestClient {
  const require = createRequire(import.meta.url);
  const protoPath = require.resolve('@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto');
  const definition = protoLoader.loadSync(protoPath, { keepCase: true, defaults: true, oneofs: true });
  const loaded = grpc.loadPackageDefinition(definition) as any;
  return new loaded.grpc.reflection.v1.ServerReflection(`127.0.0.1:${port}`, insecure);
}

/** Promise form of a unary call; resolves with the error instead of throwing so tests can inspect it. */
export function call<Res>(
  invoke: (callback: (error: grpc.ServiceError | null, response?: Res) => void) => unknown,
): Promise<{ error: grpc.ServiceError | null; response?: Res }> {
  return new Promise((resolve) => {
    invoke((error, response) => resolve(response === undefined ? { error } : { error, response }));
  });
}

export function deadlineIn(ms: number): { deadline: number } {
  return { deadline: Date.now() + ms };
}

/** Reads a server stream to its end: every message, and the error it ended with (null when it ended OK). */
export function collect<T>(
  stream: grpc.ClientReadableStream<T>,
): Promise<{ messages: T[]; error: grpc.ServiceError | null }> {
  return new Promise((resolve) => {
    const messages: T[] = [];
    let error: grpc.ServiceError | null = null;
    let ended = false;
    let statusSeen = false;
    // The status comes last; an OK stream has also ended by then, a failed one has emitted its error.
    const settle = () => {
      if (statusSeen && (ended || error)) resolve({ messages, error });
    };
    stream.on('data', (message: T) => messages.push(message));
    stream.on('error', (failure: grpc.ServiceError) => {
      error = failure;
      settle();
    });
    stream.on('end', () => {
      ended = true;
      settle();
    });
    stream.on('status', () => {
      statusSeen = true;
      settle();
    });
  });
}
