// Which certificate files a process uses, from the settings table: its servers' identity (and the CA
// their mTLS callers must chain to), and jw1's client side toward the agents. A setting that only makes
// sense with another one missing stops the process at start instead of silently serving plaintext.
import type { Config } from '../config.ts';
import { MprError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { watchCertificateFiles, type CertificateFiles, type CertificatePaths } from './cert-files.ts';

export type TlsMode = 'plaintext' | 'tls' | 'mtls';

function watch(paths: CertificatePaths, config: Config, logger: Logger): CertificateFiles {
  return watchCertificateFiles(paths, {
    reloadMs: config.tlsReloadMs,
    onRotated: (files) => logger.info({ files }, 'TLS certificates reloaded: new handshakes use them'),
    onRefused: (error) =>
      logger.warn({ reason: error.message }, 'TLS files changed but are not usable yet: the previous set stays'),
  });
}

/** The certificate this process's servers present, with the client CA when they require mutual TLS. */
export function serverCertificates(config: Config, logger: Logger): CertificateFiles | undefined {
  if (!config.tlsCertFile && !config.tlsKeyFile) {
    if (config.tlsClientCaFile)
      throw new MprError('invalid_argument', 'MPR_TLS_CLIENT_CA_FILE needs MPR_TLS_CERT_FILE and MPR_TLS_KEY_FILE');
    return undefined;
  }
  return watch(
    {
      certFile: config.tlsCertFile,
      keyFile: config.tlsKeyFile,
      ...(config.tlsClientCaFile ? { caFile: config.tlsClientCaFile } : {}),
    },
    config,
    logger,
  );
}

/** jw1's side of its connections to the agents: the CA their certificates chain to, and its own certificate. */
export function agentClientCertificates(config: Config, logger: Logger): CertificateFiles | undefined {
  if (!config.agentTlsCaFile) {
    if (config.agentTlsCertFile || config.agentTlsKeyFile)
      throw new MprError('invalid_argument', 'MPR_AGENT_TLS_CERT_FILE needs MPR_AGENT_TLS_CA_FILE');
    return undefined;
  }
  return watch(
    {
      caFile: config.agentTlsCaFile,
      ...(config.agentTlsCertFile || config.agentTlsKeyFile
        ? { certFile: config.agentTlsCertFile, keyFile: config.agentTlsKeyFile }
        : {}),
    },
    config,
    logger,
  );
}

/** What a server (or, with side 'client', a channel) with these files speaks, for start-up logs. */
export function tlsMode(files: CertificateFiles | undefined, side: 'server' | 'client' = 'server'): TlsMode {
  if (!files) return 'plaintext';
  const mutual = side === 'server' ? files.paths.caFile : files.paths.certFile;
  return mutual ? 'mtls' : 'tls';
}
