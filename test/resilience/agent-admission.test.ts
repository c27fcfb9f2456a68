// An agent process refuses calls past its in-flight limit at once (UNAVAILABLE with a retry hint), and
// jw1's retry policy sends such a call on to another replica: several jw1 replicas cannot pile more
// work onto one saturated model than it was sized for.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { ERROR_CODE_KEY, RETRY_AFTER_KEY } from '../../lib/grpc/index.ts';
import { startCleaner, type RunningCleaner } from '../../services/cleaner/main.ts';
import type { RunningSystem } from '../../cli/serve.ts';
import { createFaultyCleanerEngine, type FaultyCleanerEngine } from '../support/fault-engine.ts';
import { startDescriber } from '../../services/describer/main.ts';
import { createFaultyDescriberEngine } from '../support/fault-describer.ts';
import { call, cleanerClient, collect, deadlineIn, describerClient, healthClient } from '../support/grpc-clients.ts';
import { getJson, postJson, startTestSystem, testConfig } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const silent = createLogger({ level: 'silent', component: 'test' });
const DIRTY = 'She go to scool evry day .';
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function cleanerReplica(maxInflight: number): Promise<{ engine: FaultyCleanerEngine; server: RunningCleaner }> {
  const engine = await createFaultyCleanerEngine();
  const server = await startCleaner(testConfig({ agentMaxInflight: String(maxInflight) }), engine, silent, 0);
  stops.push(async () => {
    engine.mode = { kind: 'healthy' };
    await server.shutdown(500);
  });
  return { engine, server };
}

describe('an agent at its in-flight limit', () => {
  it('refuses one call more at once with UNAVAILABLE and a retry hint, still answers health, and admits again when a slot frees', async () => {
    const { engine, server } = await cleanerReplica(2);
    const client = cleanerClient(server.port);
    stops.push(async () => client.close());
    engine.mode = { kind: 'hang' };
    const held = [0, 1].map(() => {
      let handle: { cancel(): void } | undefined;
      const done = call((cb) => (handle = client.Clean({ text: DIRTY }, deadlineIn(10_000), cb)));
      return { done, cancel: () => handle?.cancel() };
    });
    await waitFor(() => engine.inFlight === 2, 5_000);

    const started = Date.now();
    const refused = await call((cb) => client.Clean({ text: DIRTY }, deadlineIn(10_000), cb));
    // At once: a call that waited for a slot would get one only when a held call ends at its 10 s
    // deadline; half of that leaves a loaded machine room.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused.error?.code).toBe(14); // UNAVAILABLE
    expect(refused.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unavailable']);
    expect(refused.error?.metadata.get(RETRY_AFTER_KEY)).toEqual(['1']);
    expect(refused.error?.details).toMatch(/limit/);
    expect(engine.calls).toBe(2);
    const health = healthClient(server.port);
    stops.push(async () => health.close());
    expect(
      (await call<{ status: string }>((cb) => health.check({ service: '' }, deadlineIn(3_000), cb))).response?.status,
    ).toBe('SERVING');

    held[0]!.cancel();
    await held[0]!.done;
    // The cancellation reaches the agent's work a moment after the client has given up.
    await waitFor(() => engine.inFlight === 1, 5_000);
    engine.mode = { kind: 'healthy' };
    const admitted = await call<{ cleanedText: string }>((cb) => client.Clean({ text: DIRTY }, deadlineIn(10_000), cb));
    expect(admitted.error).toBeNull();
    expect(admitted.response?.cleanedText).toContain('school');
    held[1]!.cancel();
    await held[1]!.done;
  });

  it('has its refused calls retried by jw1 on another replica', async () => {
    const busy = await cleanerReplica(1);
    const free = await cleanerReplica(64);
    const describer: RunningSystem = await startTestSystem('describer');
    stops.push(() => describer.stop());
    const orchestrator = await startTestSystem('orchestrator', {
      cleanerAddr: `ipv4:127.0.0.1:${busy.server.port},127.0.0.1:${free.server.port}`,
      describerAddr: `127.0.0.1:${describer.ports.describer}`,
      cacheMaxEntries: '0',
    });
    stops.push(() => orchestrator.stop());
    // The busy replica's one slot is taken by a call that hangs.
    busy.engine.mode = { kind: 'hang' };
    const client = cleanerClient(busy.server.port);
    stops.push(async () => client.close());
    let hold: { cancel(): void } | undefined;
    const holding = call((cb) => (hold = client.Clean({ text: DIRTY }, deadlineIn(10_000), cb)));
    await waitFor(() => busy.engine.inFlight === 1, 5_000);

    const base = `http://127.0.0.1:${orchestrator.ports.http}`;
    // One at a time: round_robin then alternates, and every refused attempt's retry is the next pick, the
    // free replica. (Calls in flight together share the picks, so a retry may meet the busy one again; jw1
    // makes 3 attempts within the deadline.)
    for (let i = 0; i < 6; i++) {
      const result = await postJson(base, '/v1/clean', { text: `She go to scool ${i} .` });
      expect(result.status, JSON.stringify(result.body)).toBe(200);
    }
    expect(busy.engine.calls).toBe(1);
    expect(free.engine.calls).toBe(6);
    hold?.cancel();
    await holding;
  });
});

describe('a streaming call at an agent', () => {
  it('holds its slot until its stream ends, and frees it when the caller cancels', async () => {
    const engine = createFaultyDescriberEngine();
    const server = await startDescriber(testConfig({ agentMaxInflight: '1' }), engine, silent, 0);
    const client = describerClient(server.port);
    stops.push(async () => {
      client.close();
      await server.shutdown(500);
    });
    engine.mode = 'hang';
    const held = client.DescribeStream({ text: 'The parcel arrived late.' }, deadlineIn(10_000));
    const first = new Promise((resolve) => held.once('data', resolve));
    const heldDone = collect<any>(held);
    expect(await first).toMatchObject({ jsonDelta: '{' });

    const refused = await collect<any>(client.DescribeStream({ text: 'Another text.' }, deadlineIn(10_000)));
    expect(refused.messages).toEqual([]);
    expect(refused.error?.code).toBe(14); // UNAVAILABLE
    expect(refused.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['unavailable']);
    expect(engine.calls).toBe(1);

    held.cancel();
    expect((await heldDone).error?.code).toBe(1); // CANCELLED
    await waitFor(() => engine.cancelled === 1 && engine.inFlight === 0, 3_000);
    engine.mode = 'healthy';
    const admitted = await collect<any>(client.DescribeStream({ text: 'Another text.' }, deadlineIn(10_000)));
    expect(admitted.error).toBeNull();
    expect(admitted.messages.at(-1).result.schemaValid).toBe(true);
  });
});

describe("an agent's probe endpoints on its metrics port (for the kubelet, which speaks no TLS to gRPC)", () => {
  it('answers /healthz and /readyz 200 while serving, and /readyz 503 once it drains', async () => {
    const { engine, server } = await cleanerReplica(4);
    const base = `http://127.0.0.1:${server.metricsPort}`;
    expect((await getJson(base, '/healthz')).status).toBe(200);
    expect((await getJson(base, '/readyz')).body).toEqual({ status: 'ok' });

    const client = cleanerClient(server.port);
    stops.push(async () => client.close());
    engine.mode = { kind: 'hang' };
    let handle: { cancel(): void } | undefined;
    const held = call((cb) => (handle = client.Clean({ text: DIRTY }, deadlineIn(10_000), cb)));
    await waitFor(() => engine.inFlight === 1, 3_000);
    const draining = server.shutdown(5_000);
    expect(await getJson(base, '/readyz')).toMatchObject({ status: 503, body: { status: 'not_ready' } });
    expect((await getJson(base, '/healthz')).status).toBe(200);
    handle?.cancel();
    await held;
    await draining;
  });
});
