// What jw1's GET /metrics and each agent's metrics port expose after real traffic: names, bounded
// labels (route templates), decisions, cache results, agent and model metrics, one registry each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';
import { sampleValue, seriesOf } from './exposition.ts';

let system: RunningSystem;
let base: string;

async function scrape(port: number | undefined): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

beforeAll(async () => {
  system = await startTestSystem('all');
  base = `http://127.0.0.1:${system.ports.http}`;
  for (let i = 0; i < 3; i += 1)
    expect((await postJson(base, '/v1/clean', { text: 'She go to scool evry day .' })).status).toBe(200);
  await postJson(base, '/v1/clean', { text: 'The weather is nice today.' });
  await postJson(base, '/v1/clean', { text: '42 :-)' });
  await postJson(base, '/v1/clean', { text: '\u200b\u2060' });
  await postJson(base, '/v1/clean', { text: 'Это предложение написано по-русски.' });
  await postJson(base, '/v1/process', { text: 'Mail jane@example.com before 12 March 2024.' });
  await postJson(base, '/v1/describe', { text: 'Hello there.', task: 'nope' });
  await postJson(base, '/v1/no/such/route/4711', { text: 'x' });
});
afterAll(async () => system?.stop());

describe('jw1 GET /metrics', () => {
  it('counts requests by route template, method and status', async () => {
    const { status, contentType, text } = await scrape(system.ports.http);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(text, 'mpr_http_requests_total', { route: '/v1/clean', method: 'POST', status: '200' })).toBe(7);
    expect(sampleValue(text, 'mpr_http_requests_total', { route: '/v1/describe', method: 'POST', status: '400' })).toBe(
      1,
    );
    expect(sampleValue(text, 'mpr_http_request_duration_seconds_count', { route: '/v1/clean', method: 'POST' })).toBe(
      7,
    );
    // Unknown URLs share one label value: a scanner cannot create series.
    expect(sampleValue(text, 'mpr_http_requests_total', { route: 'unmatched', method: 'POST', status: '404' })).toBe(1);
    expect(text).not.toContain('/no/such/route');
  });

  it('counts skip-gate decisions by reason and cache lookups by result', async () => {
    const { text } = await scrape(system.ports.http);
    expect(sampleValue(text, 'mpr_skip_gate_decisions_total', { reason: 'already_clean' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'mpr_skip_gate_decisions_total', { reason: 'trivial' })).toBe(1);
    expect(sampleValue(text, 'mpr_skip_gate_decisions_total', { reason: 'empty' })).toBe(1);
    expect(sampleValue(text, 'mpr_skip_gate_decisions_total', { reason: 'unsupported_language' })).toBe(1);
    expect(sampleValue(text, 'mpr_skip_gate_decisions_total', { reason: 'cache_hit' })).toBe(2);
    expect(sampleValue(text, 'mpr_skip_gate_decisions_total', { reason: 'needs_model' })).toBe(1);
    expect(sampleValue(text, 'mpr_cache_requests_total', { result: 'hit' })).toBe(2);
    expect(sampleValue(text, 'mpr_cache_requests_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'mpr_agent_queue_depth', { agent: 'cleaner' })).toBe(0);
    expect(sampleValue(text, 'mpr_agent_queue_depth', { agent: 'describer' })).toBe(0);
    expect(sampleValue(text, 'mpr_agent_circuit_state', { agent: 'cleaner', state: 'closed' })).toBe(1);
    expect(sampleValue(text, 'mpr_agent_circuit_state', { agent: 'cleaner', state: 'open' })).toBe(0);
  });

  it('exposes build info and only jw1 series', async () => {
    const { text } = await scrape(system.ports.http);
    expect(seriesOf(text, 'mpr_build_info')).toEqual([
      { version: '0.1.0', node: process.versions.node, component: 'jw1-orchestrator' },
    ]);
    expect(sampleValue(text, 'mpr_agent_inflight_requests')).toBeUndefined();
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('agent metrics ports', () => {
  it('jw2 exposes gRPC, in-flight, token and model metrics of its own', async () => {
    const { status, text } = await scrape(system.ports.cleanerMetrics);
    expect(status).toBe(200);
    // One Clean (check_first) per sentence that passed jw1's local stages: the dirty text once (its answer
    // is cached under the engine identity it carries; the next two are cache hits), the clean text, the
    // Russian text (jw2's checker names its language), the text of /v1/process; the trivial and the
    // invisible-only texts never reach jw2.
    expect(
      sampleValue(text, 'mpr_grpc_server_handled_total', {
        service: 'mpr.v1.CleanerService',
        method: 'Clean',
        code: 'OK',
      }),
    ).toBe(4);
    expect(
      sampleValue(text, 'mpr_grpc_server_handling_seconds_count', {
        service: 'mpr.v1.CleanerService',
        method: 'Clean',
      }),
    ).toBe(4);
    expect(sampleValue(text, 'mpr_agent_inflight_requests', { agent: 'cleaner' })).toBe(0);
    expect(sampleValue(text, 'mpr_tokens_total', { direction: 'in', model: 'jw2-rules' })).toBeGreaterThan(0);
    expect(sampleValue(text, 'mpr_model_load_seconds', { model: 'jw2-rules' })).toBeGreaterThan(0);
    expect(seriesOf(text, 'mpr_execution_provider_info')).toHaveLength(1);
    expect(seriesOf(text, 'mpr_build_info')[0]?.component).toBe('jw2-cleaner');
    expect(sampleValue(text, 'mpr_http_requests_total')).toBeUndefined();
  });

  it('jw3 counts failed calls by gRPC code name', async () => {
    const { text } = await scrape(system.ports.describerMetrics);
    expect(
      sampleValue(text, 'mpr_grpc_server_handled_total', {
        service: 'mpr.v1.DescriberService',
        method: 'Describe',
        code: 'OK',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'mpr_grpc_server_handled_total', {
        service: 'mpr.v1.DescriberService',
        method: 'Describe',
        code: 'INVALID_ARGUMENT',
      }),
    ).toBe(1);
    expect(sampleValue(text, 'mpr_agent_inflight_requests', { agent: 'describer' })).toBe(0);
  });

  it('answers other paths with 404', async () => {
    expect((await getJson(`http://127.0.0.1:${system.ports.cleanerMetrics}`, '/')).status).toBe(404);
  });
});
