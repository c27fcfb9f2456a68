// A real Prometheus server scrapes the running system on loopback (jw1's HTTP port, both agents'
// metrics ports), and its query API returns the request counts this test generated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { optionalPart } from '../support/optional.ts';
import { postJson, startTestSystem } from '../support/system.ts';
import { startPrometheus, type PrometheusServer } from './prometheus-server.ts';

const REQUESTS = 7;
const prometheusBinary = await optionalPart('prometheus');

describe('a real Prometheus server', prometheusBinary.options, () => {
  let system: RunningSystem;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    system = await startTestSystem('all');
    prometheus = await startPrometheus({
      'jw1-orchestrator': system.ports.http!,
      'jw2-cleaner': system.ports.cleanerMetrics!,
      'jw3-describer': system.ports.describerMetrics!,
    });
  });
  afterAll(async () => {
    await prometheus?.stop();
    await system?.stop();
  });

  /** Polls an instant query until it returns `expected` (scrapes happen every second). */
  async function eventually(expression: string, expected: number): Promise<void> {
    const until = Date.now() + 20_000;
    let last: number | undefined;
    while (Date.now() < until) {
      last = await prometheus.query(expression);
      if (last === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(last, expression).toBe(expected);
  }

  it('scrapes every component and counts the requests the test sent', async () => {
    const base = `http://127.0.0.1:${system.ports.http}`;
    for (let i = 0; i < REQUESTS; i += 1) {
      expect((await postJson(base, '/v1/process', { text: `She go to scool evry day number ${i} .` })).status).toBe(
        200,
      );
    }
    await eventually(
      'sum(mpr_http_requests_total{job="jw1-orchestrator",route="/v1/process",method="POST",status="200"})',
      REQUESTS,
    );
    await eventually(
      'sum(mpr_grpc_server_handled_total{job="jw3-describer",service="mpr.v1.DescriberService",method="Describe",code="OK"})',
      REQUESTS,
    );
    await eventually('sum(mpr_grpc_server_handled_total{job="jw2-cleaner",method="Clean",code="OK"})', REQUESTS);
    await eventually('sum(up)', 3);
    await eventually('count(mpr_build_info)', 3);
    await eventually('sum(mpr_agent_inflight_requests)', 0);
    await eventually('count(mpr_agent_inflight_requests)', 2);
  });
});
