// The agents' metrics endpoint: a bare node:http server with `GET /metrics` on its own port, so that
// scraping never competes with gRPC traffic and NetworkPolicies can open it to Prometheus alone. It also
// answers `GET /healthz` (the process serves) and `GET /readyz` (its gRPC service is SERVING): the
// kubelet's gRPC probes speak no TLS, so an agent whose gRPC port requires mutual TLS is probed here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface RunningMetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(
  host: string,
  port: number,
  registry: Registry,
  isReady: () => boolean = () => true,
): Promise<RunningMetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && (path === '/healthz' || path === '/readyz')) {
      const ok = path === '/healthz' || isReady();
      response
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ok ? 'ok' : 'not_ready' }));
      return;
    }
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
