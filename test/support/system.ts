// Starts real components in this process on ephemeral loopback ports, for integration tests.
import { loadConfig, type Config, type FlagValues } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { startComponents, type Component, type RunningSystem } from '../../cli/serve.ts';

export function testConfig(overrides: FlagValues = {}): Config {
  return loadConfig(
    {
      host: '127.0.0.1',
      httpPort: '0',
      grpcPort: '0',
      cleanerPort: '0',
      describerPort: '0',
      cleanerMetricsPort: '0',
      describerMetricsPort: '0',
      logLevel: 'silent',
      shutdownGraceMs: '2000',
      ...overrides,
    },
    {},
  );
}

export async function startTestSystem(
  component: Component = 'all',
  overrides: FlagValues = {},
): Promise<RunningSystem> {
  const config = testConfig(overrides);
  return startComponents(component, config, createLogger({ level: 'silent', component: 'test' }));
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

export async function postRaw(
  base: string,
  path: string,
  body: string | Buffer,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function postJson(
  base: string,
  path: string,
  value: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return postRaw(base, path, JSON.stringify(value), 'application/json', headers);
}

export async function getJson(base: string, path: string): Promise<HttpResult> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // /metrics is text, not JSON.
  }
  return { status: response.status, headers: response.headers, body };
}
