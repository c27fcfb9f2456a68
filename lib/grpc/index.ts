export { loadMprProto, PROTO_ROOT, PROTO_FILES, PROTO_LOADER_OPTIONS, SERVICE_NAMES } from './proto.ts';
export { toGrpcError, fromGrpcError, ERROR_CODE_KEY, RETRY_AFTER_KEY } from './status.ts';
export { unary, type CallContext, type UnaryHandler } from './handlers.ts';
export { serverStream, endServerStream, watchServerStream, type ServerStreamHandler } from './server-stream.ts';
export {
  startGrpcServer,
  type GrpcServerOptions,
  type RunningGrpcServer,
  type ServiceRegistration,
} from './server.ts';
