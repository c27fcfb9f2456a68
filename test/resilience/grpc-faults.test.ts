// jw1's gRPC Orchestrator service in front of a cleaner that hangs: the caller's deadline and its
// cancellation reach the agent's work, and a saturated agent is refused at once with a typed
// RESOURCE_EXHAUSTED (and 429 over HTTP) that says when to come back.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODE_KEY, RETRY_AFTER_KEY } from '../../lib/grpc/index.ts';
import type { OrchestratorClient } from '../../proto/generated/mpr/v1/Orchestrator.ts';
import { useFaultySystem } from '../support/fault-engine.ts';
import { call, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { getJson, postJson } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const DIRTY = 'She go to scool evry day .';
/**
 * jw1's own deadline, long: a call the caller's short deadline ended is far apart from one that waited
 * out jw1's. Bounds below are half of it, which leaves a loaded 2-core machine seconds of room.
 */
const SERVER_TIMEOUT_MS = 20_000;
const SLACK_MS = SERVER_TIMEOUT_MS / 2;

describe('a gRPC caller of jw1 in front of a hanging cleaner', () => {
  const faulty = useFaultySystem({ requestTimeoutMs: String(SERVER_TIMEOUT_MS), cacheMaxEntries: '0' });
  let client: OrchestratorClient;
  beforeAll(() => {
    client = orchestratorClient(faulty.system.grpcPort);
  });
  afterAll(() => client?.close());

  it('gets DEADLINE_EXCEEDED at its own deadline, and the agent stops the work', async () => {
    const { engine } = faulty;
    engine.mode = { kind: 'hang' };
    const callsBefore = engine.calls;
    const cancelledBefore = engine.cancelled;
    // Long enough for the call to reach the agent on a loaded machine, far below jw1's own 20 s.
    const deadlineMs = 3_000;
    const started = Date.now();

    const { error } = await call((cb) => client.Clean({ text: DIRTY }, deadlineIn(deadlineMs), cb));

    const elapsed = Date.now() - started;
    expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    // Not before the deadline (jw1 did not invent a shorter one), and ended by it, not by jw1's own.
    expect(elapsed).toBeGreaterThanOrEqual(deadlineMs - 50);
    expect(elapsed).toBeLessThan(deadlineMs + SLACK_MS);
    expect(engine.calls).toBe(callsBefore + 1);
    // The hung engine call was aborted, not left running until jw1's 20 s default.
    await waitFor(() => engine.cancelled === cancelledBefore + 1, SLACK_MS);
    expect(engine.inFlight).toBe(0);
  });

  it('cancelling the call cancels the work downstream long before any deadline', async () => {
    const { engine } = faulty;
    engine.mode = { kind: 'hang' };
    const callsBefore = engine.calls;
    const cancelledBefore = engine.cancelled;
    let pending: grpc.ClientUnaryCall | undefined;
    const outcome = call((cb) => {
      pending = client.Clean({ text: DIRTY }, deadlineIn(10_000), cb);
      return pending;
    });
    await waitFor(() => engine.calls > callsBefore, 5_000);
    expect(engine.cancelled).toBe(cancelledBefore);

    pending!.cancel();

    expect((await outcome).error?.code).toBe(grpc.status.CANCELLED);
    // Well before the call's 10 s deadline would end the work anyway.
    await waitFor(() => engine.cancelled === cancelledBefore + 1, 5_000);
    expect(engine.inFlight).toBe(0);
  });

  it('is served again as soon as the agent stops hanging', async () => {
    const { engine } = faulty;
    engine.mode = { kind: 'hang' };
    const hung = await call((cb) => client.Clean({ text: DIRTY }, deadlineIn(300), cb));
    expect(hung.error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    engine.mode = { kind: 'healthy' };
    const { error, response } = await call<any>((cb) => client.Clean({ text: DIRTY }, deadlineIn(5000), cb));
    expect(error).toBeNull();
    expect(response.cleanedText).toBe('She goes to school every day.');
  });
});

describe('jw1 in front of a saturated cleaner (1 running, 1 queued)', () => {
  const faulty = useFaultySystem({
    agentMaxConcurrency: '1',
    agentMaxQueue: '1',
    cacheMaxEntries: '0',
    requestTimeoutMs: '10000',
  });
  let client: OrchestratorClient;
  beforeAll(() => {
    client = orchestratorClient(faulty.system.grpcPort);
  });
  afterAll(() => client?.close());

  /** Calls waiting in jw1's limiter for the cleaner, as /metrics shows them. */
  async function cleanerQueueDepth(): Promise<number> {
    const metrics = (await getJson(faulty.base, '/metrics')).body as string;
    return Number(/^mpr_agent_queue_depth\{agent="cleaner"\} (\d+)$/m.exec(metrics)?.[1] ?? Number.NaN);
  }

  it('refuses a further call at once: RESOURCE_EXHAUSTED overloaded over gRPC, 429 over HTTP, both with a retry hint', async () => {
    const { engine } = faulty;
    engine.mode = { kind: 'hang' };
    // Long enough that the slot and the queue place stay taken while a loaded machine sets this up.
    const holdMs = 6_000;
    const running = call((cb) => client.Clean({ text: DIRTY }, deadlineIn(holdMs), cb));
    await waitFor(() => engine.inFlight === 1, holdMs);
    const queued = call((cb) => client.Clean({ text: 'I recieve it.' }, deadlineIn(holdMs), cb));
    await waitFor(async () => (await cleanerQueueDepth()) === 1, holdMs);

    // At once: a call that waited for a place would end in DEADLINE_EXCEEDED (the agent hangs) or be
    // served; RESOURCE_EXHAUSTED overloaded comes only while the slot and the queue are full.
    const refused = await call((cb) => client.Clean({ text: 'Thanks alot.' }, deadlineIn(5000), cb));
    expect(refused.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(refused.error?.metadata.get(ERROR_CODE_KEY)).toEqual(['overloaded']);
    expect(refused.error?.metadata.get(RETRY_AFTER_KEY)).toEqual(['1']);

    const overHttp = await postJson(faulty.base, '/v1/clean', { text: 'Thanks alot.' }, { 'x-mpr-timeout-ms': '5000' });
    expect(overHttp.status).toBe(429);
    expect(overHttp.headers.get('retry-after')).toBe('1');
    expect(overHttp.body.error.code).toBe('overloaded');
    // Refused calls never reached the agent.
    expect(engine.calls).toBe(1);

    // The held calls end at their deadlines (the queued one after the running one frees its slot).
    const held = await Promise.all([running, queued]);
    for (const result of held) expect(result.error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);

    engine.mode = { kind: 'healthy' };
    const { error, response } = await call<any>((cb) => client.Clean({ text: 'Thanks alot.' }, deadlineIn(5000), cb));
    expect(error).toBeNull();
    expect(response.cleanedText).toBe('Thanks a lot.');
  });
});
