// Configuration of every component from one table: each setting has a flag, an environment variable
// and a default; flags win over the environment, the environment over the default. The result is
// validated and frozen so that no module reads process.env on its own.
import { MprError } from './errors.ts';

type Parser<T> = (raw: string, name: string) => T;

interface Setting<T> {
  env: string;
  flag: string;
  defaultValue: T;
  parse: Parser<T>;
  description: string;
}

const port: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new MprError('invalid_argument', `${name} must be a port number 0-65535, got "${raw}"`);
  }
  return value;
};
const positiveInt: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new MprError('invalid_argument', `${name} must be a positive integer, got "${raw}"`);
  return value;
};
const nonNegativeInt: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new MprError('invalid_argument', `${name} must be an integer >= 0, got "${raw}"`);
  return value;
};
const ratio: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new MprError('invalid_argument', `${name} must be a number >= 0, got "${raw}"`);
  return value;
};
const text: Parser<string> = (raw) => raw;
const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw, name) => {
    if (!(values as string[]).includes(raw))
      throw new MprError('invalid_argument', `${name} must be one of ${values.join(', ')}, got "${raw}"`);
    return raw as T;
  };
const bool: Parser<boolean> = (raw, name) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  throw new MprError('invalid_argument', `${name} must be true or false, got "${raw}"`);
};

function setting<T>(env: string, flag: string, defaultValue: T, parse: Parser<T>, description: string): Setting<T> {
  return { env, flag, defaultValue, parse, description };
}

/** Every setting of the system. README's configuration table and deploy tests are checked against it. */
export const SETTINGS = {
  host: setting('MPR_HOST', 'host', '127.0.0.1', text, 'address every server binds to (0.0.0.0 in containers)'),
  httpPort: setting('MPR_HTTP_PORT', 'http-port', 8080, port, 'HTTP gateway port of jw1 (also /metrics)'),
  grpcPort: setting('MPR_GRPC_PORT', 'grpc-port', 50051, port, 'gRPC port of the orchestrator jw1'),
  cleanerPort: setting('MPR_CLEANER_PORT', 'cleaner-port', 50052, port, 'gRPC port of the cleaner jw2'),
  describerPort: setting('MPR_DESCRIBER_PORT', 'describer-port', 50053, port, 'gRPC port of the describer jw3'),
  cleanerAddr: setting(
    'MPR_CLEANER_ADDR',
    'cleaner-addr',
    '',
    text,
    'gRPC target jw1 dials for jw2 (default 127.0.0.1:<cleaner port>; dns:///name:port balances round robin)',
  ),
  describerAddr: setting('MPR_DESCRIBER_ADDR', 'describer-addr', '', text, 'gRPC target jw1 dials for jw3'),
  cleanerMetricsPort: setting(
    'MPR_CLEANER_METRICS_PORT',
    'cleaner-metrics-port',
    9465,
    port,
    'Prometheus /metrics port of jw2',
  ),
  describerMetricsPort: setting(
    'MPR_DESCRIBER_METRICS_PORT',
    'describer-metrics-port',
    9466,
    port,
    'Prometheus /metrics port of jw3',
  ),
  modelManifest: setting(
    'MPR_MODEL_MANIFEST',
    'model-manifest',
    '',
    text,
    'path of the model manifest (models/registry.yaml format)',
  ),
  cleanerModel: setting(
    'MPR_CLEANER_MODEL',
    'cleaner-model',
    '',
    text,
    'model directory for jw2; empty keeps the embedded default engine',
  ),
  describerModel: setting(
    'MPR_DESCRIBER_MODEL',
    'describer-model',
    '',
    text,
    'model directory for jw3; empty keeps the embedded default engine',
  ),
  cleanerGuardMaxEditRatio: setting(
    'MPR_CLEANER_GUARD_MAX_EDIT_RATIO',
    'cleaner-guard-max-edit-ratio',
    0.5,
    ratio,
    'LLM cleaner: largest share of input words a correction may change before the guard falls back',
  ),
  cleanerGuardFallback: setting(
    'MPR_CLEANER_GUARD_FALLBACK',
    'cleaner-guard-fallback',
    'input' as const,
    oneOf('input', 'default'),
    "LLM cleaner: what a refused model output becomes, the input unchanged or the embedded engine's correction",
  ),
  cleanerCheckerParser: setting(
    'MPR_CLEANER_CHECKER_PARSER',
    'cleaner-checker-parser',
    'auto' as const,
    oneOf('auto', 'link-grammar', 'off'),
    "grammar parser behind jw2's cheap checker: auto uses Link Grammar when its library loads, link-grammar requires it, off keeps rules only",
  ),
  cleanerCheckerStrain: setting(
    'MPR_CLEANER_CHECKER_STRAIN',
    'cleaner-checker-strain',
    0.3,
    ratio,
    "jw2's cheap checker with the parser: disjunct cost per word at which a parsed sentence still goes to the model; lower means fewer false skips and fewer clean skips",
  ),
  describerConstrained: setting(
    'MPR_DESCRIBER_CONSTRAINED',
    'describer-constrained',
    true,
    bool,
    'LLM describer: JSON-Schema-constrained decoding (false parses the free answer tolerantly)',
  ),
  logLevel: setting(
    'MPR_LOG_LEVEL',
    'log-level',
    'info' as const,
    oneOf('trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'),
    'log level',
  ),
  logText: setting('MPR_LOG_TEXT', 'log-text', false, bool, 'log request text (off by default for privacy)'),
  maxTextBytes: setting(
    'MPR_MAX_TEXT_BYTES',
    'max-text-bytes',
    64 * 1024,
    positiveInt,
    'largest accepted text in UTF-8 bytes',
  ),
  maxBatchItems: setting('MPR_MAX_BATCH_ITEMS', 'max-batch-items', 64, positiveInt, 'most texts in one batch request'),
  requestTimeoutMs: setting(
    'MPR_REQUEST_TIMEOUT_MS',
    'request-timeout-ms',
    30_000,
    positiveInt,
    'deadline of a request when the caller sets none',
  ),
  shutdownGraceMs: setting(
    'MPR_SHUTDOWN_GRACE_MS',
    'shutdown-grace-ms',
    10_000,
    positiveInt,
    'longest drain of in-flight requests on SIGTERM',
  ),
  agentMaxConcurrency: setting(
    'MPR_AGENT_MAX_CONCURRENCY',
    'agent-max-concurrency',
    16,
    positiveInt,
    'calls in flight per downstream agent from one jw1',
  ),
  agentMaxQueue: setting(
    'MPR_AGENT_MAX_QUEUE',
    'agent-max-queue',
    64,
    nonNegativeInt,
    'calls waiting per agent before new ones get 429',
  ),
  skipGateMinLetters: setting(
    'MPR_SKIP_GATE_MIN_LETTERS',
    'skip-gate-min-letters',
    2,
    nonNegativeInt,
    'skip-gate: texts with fewer letters are trivial and skipped',
  ),
  skipGateChecker: setting(
    'MPR_SKIP_GATE_CHECKER',
    'skip-gate-checker',
    true,
    bool,
    "skip-gate: skip texts jw2's cheap checker finds clean (false: every text reaches the model, which verifies clean ones itself)",
  ),
  skipGateAdapterTtlMs: setting(
    'MPR_SKIP_GATE_ADAPTER_TTL_MS',
    'skip-gate-adapter-ttl-ms',
    5000,
    nonNegativeInt,
    'skip-gate: how long jw2 serving a LoRA adapter lets jw1 skip requests naming it without asking jw2 again (0: ask every time)',
  ),
  sentenceParallelism: setting(
    'MPR_SENTENCE_PARALLELISM',
    'sentence-parallelism',
    4,
    positiveInt,
    'sentences of one long text cleaned at once',
  ),
  breakerResetMs: setting(
    'MPR_BREAKER_RESET_MS',
    'breaker-reset-ms',
    5_000,
    positiveInt,
    'how long an open circuit fails fast before a trial call',
  ),
  agentMaxInflight: setting(
    'MPR_AGENT_MAX_INFLIGHT',
    'agent-max-inflight',
    64,
    positiveInt,
    'jw2/jw3: calls one agent process works on at once; more are refused at once with UNAVAILABLE (jw1 retries them on another replica)',
  ),
  breakerStallMs: setting(
    'MPR_BREAKER_STALL_MS',
    'breaker-stall-ms',
    10_000,
    positiveInt,
    'an agent call that ran this long and still missed its deadline counts toward opening the circuit (a hung agent)',
  ),
  cacheMaxEntries: setting(
    'MPR_CACHE_MAX_ENTRIES',
    'cache-max-entries',
    10_000,
    nonNegativeInt,
    'result cache entries (0 turns the cache off)',
  ),
  cacheMaxBytes: setting(
    'MPR_CACHE_MAX_BYTES',
    'cache-max-bytes',
    32 * 1024 * 1024,
    nonNegativeInt,
    'result cache size bound in bytes',
  ),
  rateLimitRps: setting(
    'MPR_RATE_LIMIT_RPS',
    'rate-limit-rps',
    0,
    nonNegativeInt,
    'requests per second per API key or client address (0 = no limit)',
  ),
  rateLimitBurst: setting(
    'MPR_RATE_LIMIT_BURST',
    'rate-limit-burst',
    20,
    positiveInt,
    'requests a client may send at once before the rate applies',
  ),
  rateLimitRedisUrl: setting(
    'MPR_RATE_LIMIT_REDIS_URL',
    'rate-limit-redis-url',
    '',
    text,
    'Redis that keeps rate-limit and quota counts shared by every jw1 replica (redis://host:6379); empty keeps them in each process',
  ),
  rateLimitRedisFailure: setting(
    'MPR_RATE_LIMIT_REDIS_FAILURE',
    'rate-limit-redis-failure',
    'open' as const,
    oneOf('open', 'closed'),
    'a request whose limit Redis cannot check: "open" admits it, "closed" answers 503 (logged, and counted in mpr_rate_limit_store_failures_total)',
  ),
  rateLimitRedisTimeoutMs: setting(
    'MPR_RATE_LIMIT_REDIS_TIMEOUT_MS',
    'rate-limit-redis-timeout-ms',
    250,
    positiveInt,
    'deadline of each Redis command and connection attempt of the rate limiter',
  ),
  authRequired: setting(
    'MPR_AUTH_REQUIRED',
    'auth-required',
    false,
    bool,
    'jw1 requires an API key or bearer token on /v1 requests and gRPC calls (off for loopback npm start, on in the Kubernetes base)',
  ),
  authKeysFile: setting(
    'MPR_AUTH_KEYS_FILE',
    'auth-keys-file',
    '',
    text,
    'YAML list of API keys stored as SHA-256 hashes (mpr keys create), reloaded when it changes',
  ),
  authJwksFile: setting(
    'MPR_AUTH_JWKS_FILE',
    'auth-jwks-file',
    '',
    text,
    'JWKS file of public keys that JWT bearer tokens are verified against (optional), reloaded when it changes',
  ),
  authJwtIssuer: setting('MPR_AUTH_JWT_ISSUER', 'auth-jwt-issuer', '', text, 'the `iss` a JWT bearer token must carry'),
  authJwtAudience: setting(
    'MPR_AUTH_JWT_AUDIENCE',
    'auth-jwt-audience',
    '',
    text,
    'the `aud` a JWT bearer token must carry',
  ),
  authReloadPollMs: setting(
    'MPR_AUTH_RELOAD_POLL_MS',
    'auth-reload-poll-ms',
    10_000,
    positiveInt,
    'the key and JWKS files are also re-read at this interval, for file systems whose change events go missing',
  ),
  httpHeadersTimeoutMs: setting(
    'MPR_HTTP_HEADERS_TIMEOUT_MS',
    'http-headers-timeout-ms',
    10_000,
    positiveInt,
    "a client must send a request's headers within this time (slow clients get 408 request_timeout)",
  ),
  httpBodyTimeoutMs: setting(
    'MPR_HTTP_BODY_TIMEOUT_MS',
    'http-body-timeout-ms',
    30_000,
    positiveInt,
    'a client must send the whole request, headers and body, within this time (408 request_timeout)',
  ),
  jsonMaxDepth: setting(
    'MPR_JSON_MAX_DEPTH',
    'json-max-depth',
    64,
    positiveInt,
    'deepest nesting of objects and arrays in a JSON body or inline schema (400 json_too_deep)',
  ),
  schemaMaxBytes: setting(
    'MPR_SCHEMA_MAX_BYTES',
    'schema-max-bytes',
    64 * 1024,
    positiveInt,
    'largest inline JSON Schema of a describe call, in bytes of JSON (400 schema_too_large)',
  ),
  schemaMaxRefs: setting(
    'MPR_SCHEMA_MAX_REFS',
    'schema-max-refs',
    128,
    positiveInt,
    'most $ref references in an inline schema (400 schema_too_large)',
  ),
  schemaMaxExpandedNodes: setting(
    'MPR_SCHEMA_MAX_EXPANDED_NODES',
    'schema-max-expanded-nodes',
    20_000,
    positiveInt,
    'largest inline schema once its $refs are expanded, in JSON nodes (400 schema_too_large)',
  ),
  degradedMode: setting(
    'MPR_DEGRADED_MODE',
    'degraded-mode',
    'fail' as const,
    oneOf('fail', 'passthrough'),
    'cleaner down: "fail" answers 503, "passthrough" returns the input with degraded: true',
  ),
  tlsCertFile: setting(
    'MPR_TLS_CERT_FILE',
    'tls-cert-file',
    '',
    text,
    "PEM certificate (chain) of this process's servers: jw1's HTTPS gateway and gRPC port, an agent's gRPC port (empty: plaintext)",
  ),
  tlsKeyFile: setting('MPR_TLS_KEY_FILE', 'tls-key-file', '', text, 'PEM private key of MPR_TLS_CERT_FILE'),
  tlsClientCaFile: setting(
    'MPR_TLS_CLIENT_CA_FILE',
    'tls-client-ca-file',
    '',
    text,
    "mutual TLS on this process's gRPC servers (the agents): a caller's certificate must chain to this PEM CA bundle, or the handshake fails",
  ),
  agentTlsCaFile: setting(
    'MPR_AGENT_TLS_CA_FILE',
    'agent-tls-ca-file',
    '',
    text,
    "jw1: dial the agents over TLS, their certificates checked against this PEM CA bundle and the address's host name (empty: plaintext)",
  ),
  agentTlsCertFile: setting(
    'MPR_AGENT_TLS_CERT_FILE',
    'agent-tls-cert-file',
    '',
    text,
    'jw1: PEM client certificate it presents to the agents (mutual TLS)',
  ),
  agentTlsKeyFile: setting(
    'MPR_AGENT_TLS_KEY_FILE',
    'agent-tls-key-file',
    '',
    text,
    'jw1: PEM private key of MPR_AGENT_TLS_CERT_FILE',
  ),
  tlsReloadMs: setting(
    'MPR_TLS_RELOAD_MS',
    'tls-reload-ms',
    10_000,
    nonNegativeInt,
    'how often certificate, key and CA files are read again; a changed, consistent set serves the next handshakes (0: read once)',
  ),
  grpcMaxConnectionAgeMs: setting(
    'MPR_GRPC_MAX_CONNECTION_AGE_MS',
    'grpc-max-connection-age-ms',
    30_000,
    nonNegativeInt,
    "gRPC servers: a client connection this old (+-10 %) is asked to reconnect (GOAWAY), so jw1 re-resolves an agent's DNS name and spreads calls onto new pods (0: never)",
  ),
  grpcMaxConnectionAgeGraceMs: setting(
    'MPR_GRPC_MAX_CONNECTION_AGE_GRACE_MS',
    'grpc-max-connection-age-grace-ms',
    30_000,
    positiveInt,
    'gRPC servers: how long calls still running on a connection past its age may finish before it is closed',
  ),
  agentDnsMinIntervalMs: setting(
    'MPR_AGENT_DNS_MIN_INTERVAL_MS',
    'agent-dns-min-interval-ms',
    10_000,
    positiveInt,
    "jw1: least time between two DNS resolutions of an agent's name (a resolution follows each reconnect)",
  ),
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Config = { readonly [K in SettingName]: (typeof SETTINGS)[K]['defaultValue'] };

/** Flag values as commander gives them: camelCase keys, raw strings (or undefined when absent). */
export type FlagValues = Partial<Record<SettingName, string | undefined>>;

export function loadConfig(flags: FlagValues = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const entries = (Object.keys(SETTINGS) as SettingName[]).map((name) => {
    const spec = SETTINGS[name] as Setting<unknown>;
    const raw = flags[name] ?? env[spec.env];
    return [name, raw === undefined ? spec.defaultValue : spec.parse(raw, `--${spec.flag} / ${spec.env}`)];
  });
  return Object.freeze(Object.fromEntries(entries)) as Config;
}

/** Addresses jw1 dials: the explicit target, or the agent's port on loopback. */
export function agentTargets(config: Config): { cleaner: string; describer: string } {
  return {
    cleaner: config.cleanerAddr || `127.0.0.1:${config.cleanerPort}`,
    describer: config.describerAddr || `127.0.0.1:${config.describerPort}`,
  };
}
