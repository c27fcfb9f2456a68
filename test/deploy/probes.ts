// Runs a manifest probe against a local process the way the kubelet does: grpc.health.v1 Check for
// `grpc:` probes (SERVING passes), GET for `httpGet:` probes (200-399 passes; HTTPS unverified).
import { request as httpsRequest } from 'node:https';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import type { ProbeTarget } from './objects.ts';

const HealthClient = grpc.makeClientConstructor(healthService, 'grpc.health.v1.Health');

export async function probeOnce(
  probe: ProbeTarget,
  localPort: number,
  timeoutMs = 2_000,
): Promise<{ ok: boolean; detail: string }> {
  if (probe.protocol === 'http' && probe.https) {
    // The kubelet speaks TLS to an HTTPS probe without verifying the certificate.
    return new Promise((resolve) => {
      const request = httpsRequest(
        { host: '127.0.0.1', port: localPort, path: probe.target, rejectUnauthorized: false, timeout: timeoutMs },
        (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          response.on('end', () => resolve({ ok: status >= 200 && status < 400, detail: `HTTPS ${status}` }));
        },
      );
      request.on('timeout', () => request.destroy(new Error('probe timed out')));
      request.on('error', (error) => resolve({ ok: false, detail: String(error) }));
      request.end();
    });
  }
  if (probe.protocol === 'http') {
    try {
      const response = await fetch(`http://127.0.0.1:${localPort}${probe.target}`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      return { ok: response.status >= 200 && response.status < 400, detail: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, detail: String(error) };
    }
  }
  // A connection of its own each time, as the kubelet makes: no shared subchannel still in backoff.
  const client = new HealthClient(`127.0.0.1:${localPort}`, grpc.credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
  });
  try {
    const status = await new Promise<string>((resolve, reject) => {
      const check = client.Check as unknown as (
        request: { service: string },
        options: grpc.CallOptions,
        callback: (error: grpc.ServiceError | null, response?: { status: string }) => void,
      ) => void;
      check.call(client, { service: probe.target }, { deadline: Date.now() + timeoutMs }, (error, response) =>
        error ? reject(error) : resolve(response?.status ?? 'UNKNOWN'),
      );
    });
    return { ok: status === 'SERVING', detail: status };
  } catch (error) {
    return { ok: false, detail: (error as grpc.ServiceError).details ?? String(error) };
  } finally {
    client.close();
  }
}
