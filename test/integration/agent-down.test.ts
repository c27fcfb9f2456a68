// A stopped agent: the gateway answers fast with a typed 503 (or the documented degraded response) and
// nothing hangs; jw1 never becomes ready before it has reached its agents once.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { sampleValue } from '../observability/exposition.ts';
import { freePort } from '../support/ports.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';

const REQUEST_TIMEOUT_MS = 30_000;
const running: RunningSystem[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((system) => system.stop()));
});

async function systemWithStoppedCleaner(degradedMode: 'fail' | 'passthrough') {
  const cleaner = await startTestSystem('cleaner');
  const describer = await startTestSystem('describer');
  const orchestrator = await startTestSystem('orchestrator', {
    cleanerAddr: `127.0.0.1:${cleaner.ports.cleaner}`,
    describerAddr: `127.0.0.1:${describer.ports.describer}`,
    degradedMode,
    // Long, so that an answer that waited for the deadline is far apart from one that did not.
    requestTimeoutMs: String(REQUEST_TIMEOUT_MS),
  });
  running.push(describer, orchestrator);
  const base = `http://127.0.0.1:${orchestrator.ports.http}`;
  const first = await postJson(base, '/v1/clean', { text: 'I recieve mail.' });
  expect(first.body.cleanedText, JSON.stringify(first.body)).toBe('I receive mail.');
  await cleaner.stop();
  return base;
}

describe('a stopped cleaner', () => {
  it('gives 503 unavailable quickly while jw1 stays ready and reports the agent down', async () => {
    const base = await systemWithStoppedCleaner('fail');
    const started = Date.now();
    const result = await postJson(base, '/v1/clean', { text: 'I recieve letters.' });
    expect(result.status).toBe(503);
    expect(result.body.error.code).toBe('unavailable');
    expect(result.headers.get('retry-after')).toBe('1');
    // Refused, not waited out: well inside the 30 s request deadline (half of it leaves a loaded machine
    // seconds of room; waiting for the deadline would take all of it).
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS / 2);
    // Every jw1 replica shares this cleaner: turning unready would take all of them out of the Service
    // and turn typed 503s (or degraded answers) into refused connections. The body says what is down.
    const ready = await getJson(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.agents.cleaner).not.toBe('SERVING');
    expect(ready.body.agents.describer).toBe('SERVING');
    // The describer still works, and so does the cleaning jw1 has cached from before the outage.
    expect((await postJson(base, '/v1/describe', { text: 'Still here.' })).status).toBe(200);
    expect((await postJson(base, '/v1/clean', { text: 'I recieve mail.' })).body).toMatchObject({
      cleanedText: 'I receive mail.',
      skipReason: 'cache_hit',
    });
    // Repeated unavailability opens the cleaner's circuit: later calls fail fast without dialling it, and
    // the state is on /metrics.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => postJson(base, '/v1/clean', { text: `I recieve letter ${i}.` })),
    );
    const failedFast = await postJson(base, '/v1/clean', { text: 'I recieve parcels.' });
    expect(failedFast.body.error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/circuit open/),
    });
    expect(Number(failedFast.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const metrics = String((await getJson(base, '/metrics')).body);
    expect(sampleValue(metrics, 'mpr_agent_circuit_state', { agent: 'cleaner', state: 'open' })).toBe(1);
    expect(sampleValue(metrics, 'mpr_agent_circuit_state', { agent: 'describer', state: 'closed' })).toBe(1);
    expect(
      sampleValue(metrics, 'mpr_agent_rejections_total', { agent: 'cleaner', reason: 'circuit_open' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('returns the input unchanged with degraded: true in passthrough mode', async () => {
    const base = await systemWithStoppedCleaner('passthrough');
    const result = await postJson(base, '/v1/clean', { text: 'I recieve letters.' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ cleanedText: 'I recieve letters.', degraded: true, edits: [] });
  });
});

describe('an agent jw1 has never reached', () => {
  it('keeps jw1 unready (a misconfigured address stays out of a rollout) until the agent answers', async () => {
    const cleanerPort = await freePort();
    const describer = await startTestSystem('describer');
    const orchestrator = await startTestSystem('orchestrator', {
      cleanerAddr: `127.0.0.1:${cleanerPort}`,
      describerAddr: `127.0.0.1:${describer.ports.describer}`,
    });
    running.push(describer, orchestrator);
    const base = `http://127.0.0.1:${orchestrator.ports.http}`;
    const unready = await getJson(base, '/readyz');
    expect(unready.status).toBe(503);
    expect(unready.body).toMatchObject({ status: 'not_ready', accepting: true, agentsReachedOnce: false });
    const cleaner = await startTestSystem('cleaner', { cleanerPort: String(cleanerPort) });
    running.push(cleaner);
    const until = Date.now() + 10_000;
    let ready = unready;
    while (ready.status !== 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ready = await getJson(base, '/readyz');
    }
    expect(ready.body).toMatchObject({
      status: 'ready',
      agentsReachedOnce: true,
      agents: { cleaner: 'SERVING', describer: 'SERVING' },
    });
  });
});
