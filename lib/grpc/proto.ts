// Loads the mpr.v1 wire contract once with @grpc/proto-loader. The options match the flags the
// generated types were produced with (npm run gen:proto), so the types describe what arrives.
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as OrchestratorProto } from '../../proto/generated/orchestrator.ts';

export const PROTO_ROOT = fileURLToPath(new URL('../../proto/', import.meta.url));
export const PROTO_FILES = [
  'mpr/v1/common.proto',
  'mpr/v1/cleaner.proto',
  'mpr/v1/describer.proto',
  'mpr/v1/orchestrator.proto',
];

export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: { definition: protoLoader.PackageDefinition; proto: OrchestratorProto } | undefined;

/** The package definition (for reflection) and the typed gRPC object of every mpr.v1 service. */
export function loadMprProto(): { definition: protoLoader.PackageDefinition; proto: OrchestratorProto } {
  if (!cached) {
    const definition = protoLoader.loadSync(PROTO_FILES, PROTO_LOADER_OPTIONS);
    const proto = grpc.loadPackageDefinition(definition) as unknown as OrchestratorProto;
    cached = { definition, proto };
  }
  return cached;
}

export const SERVICE_NAMES = {
  cleaner: 'mpr.v1.CleanerService',
  describer: 'mpr.v1.DescriberService',
  orchestrator: 'mpr.v1.Orchestrator',
} as const;
