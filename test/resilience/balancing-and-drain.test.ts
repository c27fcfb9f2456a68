// Client-side round_robin over several agent replicas, and graceful shutdown: readiness goes false
// first, in-flight requests finish within the grace period (and are cut off after it), then the servers
// close.
import { describe, expect, it } from 'vitest';
import type { FlagValues } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { startCleaner } from '../../services/cleaner/main.ts';
import { createFaultyCleanerEngine } from '../support/fault-engine.ts';
import { getJson, postJson, startTestSystem, testConfig } from '../support/system.ts';

const silent = createLogger({ level: 'silent', component: 'test' });

describe('load balancing', () => {
  it('spreads calls over every replica of an agent (round_robin over a multi-address target)', async () => {
    const engines = [await createFaultyCleanerEngine(), await createFaultyCleanerEngine()];
    const replicas = await Promise.all(engines.map((engine) => startCleaner(testConfig(), engine, silent, 0)));
    const describer = await startTestSystem('describer');
    // A Kubernetes headless Service resolves to one address per pod; `ipv4:` lists them the same way.
    const orchestrator = await startTestSystem('orchestrator', {
      cleanerAddr: `ipv4:${replicas.map((replica) => `127.0.0.1:${replica.port}`).join(',')}`,
      describerAddr: `127.0.0.1:${describer.ports.describer}`,
      cacheMaxEntries: '0',
    });
    try {
      const base = `http://127.0.0.1:${orchestrator.ports.http}`;
      for (let i = 0; i < 20; i++)
        expect((await postJson(base, '/v1/clean', { text: `I recieve mail ${i}.` })).status).toBe(200);
      // Each request is one Clean RPC with check_first (the engine's check, then its clean, on the replica
      // round_robin picked for that RPC): 2 engine calls per request.
      const served = engines.map((engine) => engine.checks + engine.calls);
      expect(served[0]! + served[1]!).toBe(40);
      expect(served[0]).toBeGreaterThanOrEqual(10);
      expect(served[1]).toBeGreaterThanOrEqual(10);
    } finally {
      await orchestrator.stop();
      await describer.stop();
      await Promise.all(replicas.map((replica) => replica.shutdown(500)));
    }
  });
});

describe('graceful shutdown', () => {
  /** jw1 + jw3 with jw2 on a faulty engine; the test stops jw1 itself (that is the subject). */
  async function systemToDrain(orchestratorOverrides: FlagValues) {
    const engine = await createFaultyCleanerEngine();
    const cleaner = await startCleaner(testConfig(), engine, silent, 0);
    const describer = await startTestSystem('describer');
    const orchestrator = await startTestSystem('orchestrator', {
      cleanerAddr: `127.0.0.1:${cleaner.port}`,
      describerAddr: `127.0.0.1:${describer.ports.describer}`,
      ...orchestratorOverrides,
    });
    return {
      engine,
      orchestrator,
      base: `http://127.0.0.1:${orchestrator.ports.http}`,
      stopAgents: async () => {
        engine.mode = { kind: 'healthy' };
        await describer.stop();
        await cleaner.shutdown(500);
      },
    };
  }

  it('turns readiness off, finishes in-flight requests, then closes', async () => {
    // A grace period far longer than the 600 ms the request needs, so that load cannot cut it off.
    const { engine, orchestrator, base, stopAgents } = await systemToDrain({ shutdownGraceMs: '10000' });
    try {
      engine.mode = { kind: 'slow', delayMs: 600 };
      const callsBefore = engine.calls;
      const inFlight = postJson(base, '/v1/clean', { text: 'She go to scool evry day .' });
      // In flight: the agent has the call before the drain starts.
      while (engine.calls === callsBefore) await new Promise((resolve) => setTimeout(resolve, 20));
      const stopping = orchestrator.stop();
      const result = await inFlight;
      expect(result.status).toBe(200);
      expect(result.body.cleanedText).toContain('school');
      await stopping;
      await expect(getJson(base, '/healthz')).rejects.toThrow();
    } finally {
      await stopAgents();
    }
  });

  it('cuts off work still running when the grace period ends, and exits on time', async () => {
    const { engine, orchestrator, base, stopAgents } = await systemToDrain({
      shutdownGraceMs: '500',
      requestTimeoutMs: '20000',
    });
    try {
      engine.mode = { kind: 'hang' };
      const callsBefore = engine.calls;
      const inFlight = postJson(base, '/v1/clean', { text: 'She go to scool evry day .' }).then(
        (result) => `HTTP ${result.status}`,
        () => 'connection cut',
      );
      while (engine.calls === callsBefore) await new Promise((resolve) => setTimeout(resolve, 20));
      const started = Date.now();
      await orchestrator.stop();
      // The 20 s request deadline would hold the drain far longer; the 500 ms grace bounds it (half the
      // deadline tells the two apart with room for a loaded machine).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await inFlight).toBe('connection cut');
    } finally {
      await stopAgents();
    }
  });
});
