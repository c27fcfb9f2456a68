export {
  watchCertificateFiles,
  type CertificateFiles,
  type CertificatePaths,
  type CertificateSet,
  type CertificateFilesOptions,
} from './cert-files.ts';
export { grpcServerCredentials, grpcChannelCredentials, tlsServerOptions, followRotations } from './credentials.ts';
export { serverCertificates, agentClientCertificates, tlsMode, type TlsMode } from './from-config.ts';
