// A stopped agent: the gateway answers fast with a typed 503 (or the documented degraded response),
// readiness turns false, and nothing hangs.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';

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
    requestTimeoutMs: '3000',
  });
  running.push(describer, orchestrator);
  const base = `http://127.0.0.1:${orchestrator.ports.http}`;
  const first = await postJson(base, '/v1/clean', { text: 'I recieve mail.' });
  expect(first.body.cleanedText, JSON.stringify(first.body)).toBe('I receive mail.');
  await cleaner.stop();
  return base;
}

describe('a stopped cleaner', () => {
  it('gives 503 unavailable quickly, and readiness 503', async () => {
    const base = await systemWithStoppedCleaner('fail');
    const started = Date.now();
    const result = await postJson(base, '/v1/clean', { text: 'I recieve mail.' });
    expect(result.status).toBe(503);
    expect(result.body.error.code).toBe('unavailable');
    // Within the request deadline (3 s), not a hang.
    expect(Date.now() - started).toBeLessThan(3500);
    const ready = await getJson(base, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.agents.cleaner).not.toBe('SERVING');
    expect(ready.body.agents.describer).toBe('SERVING');
    // The describer still works.
    expect((await postJson(base, '/v1/describe', { text: 'Still here.' })).status).toBe(200);
  });

  it('returns the input unchanged with degraded: true in passthrough mode', async () => {
    const base = await systemWithStoppedCleaner('passthrough');
    const result = await postJson(base, '/v1/clean', { text: 'I recieve mail.' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ cleanedText: 'I recieve mail.', degraded: true, edits: [] });
  });
});
