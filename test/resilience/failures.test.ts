// An agent that is slow, hangs, or is killed mid-load: every request ends within its deadline with a
// correct status, nothing is lost from a batch, work for departed callers is cancelled downstream, and
// the system recovers by itself when the agent returns.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { useFaultySystem } from '../support/fault-engine.ts';
import { freePort } from '../support/ports.ts';
import { getJson, postJson, startTestSystem } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const DIRTY = 'She go to scool evry day .';
/** Polls that send a request: spaced out so that polling does not load the system under test. */
const REQUEST_POLL_MS = 100;

/**
 * jw1's own request deadline where a test gives a shorter one per request: long, so that a request ended
 * by the caller's deadline is far apart from one that waited out jw1's.
 */
const SERVER_TIMEOUT_MS = 30_000;
/** How long a cleaner process started by a test may take to serve. */
const CLEANER_START_MS = 60_000;

describe('a slow or hanging cleaner', () => {
  const faulty = useFaultySystem({ requestTimeoutMs: String(SERVER_TIMEOUT_MS), cacheMaxEntries: '0' });

  it('serves a slow agent within a generous deadline and refuses a short one with 504 on time', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'slow', delayMs: 300 };
    const ok = await postJson(base, '/v1/clean', { text: DIRTY }, { 'x-mpr-timeout-ms': '15000' });
    expect(ok.status).toBe(200);
    expect(ok.body.cleanedText).toContain('school');
    // On time: the agent answers after 300 ms, so a 504 means the caller's 100 ms deadline ended the call
    // before the answer came (a late deadline would have let the 200 through).
    const late = await postJson(base, '/v1/clean', { text: DIRTY }, { 'x-mpr-timeout-ms': '100' });
    expect(late.status).toBe(504);
    expect(late.body.error.code).toBe('deadline_exceeded');
  });

  it('ends every request to a hanging agent at its deadline and cancels the work downstream', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'hang' };
    const cancelledBefore = engine.cancelled;
    const started = Date.now();
    // 2 s: long enough for all 8 calls to reach the agent (to be cancelled there) on a loaded machine.
    const results = await Promise.all(
      Array.from({ length: 8 }, () => postJson(base, '/v1/clean', { text: DIRTY }, { 'x-mpr-timeout-ms': '2000' })),
    );
    // The callers' 2 s ended them, not jw1's 30 s: half of that leaves a loaded machine room.
    expect(Date.now() - started).toBeLessThan(SERVER_TIMEOUT_MS / 2);
    for (const result of results) expect(result.body.error.code).toBe('deadline_exceeded');
    await waitFor(async () => engine.cancelled >= cancelledBefore + 8, SERVER_TIMEOUT_MS / 2);
  });

  it('serves the next request at once when a hung agent recovers, without restarting anything', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'hang' };
    const hung = await Promise.all(
      Array.from({ length: 4 }, () => postJson(base, '/v1/clean', { text: DIRTY }, { 'x-mpr-timeout-ms': '300' })),
    );
    for (const result of hung) {
      expect(result.status).toBe(504);
      expect(result.body.error.code).toBe('deadline_exceeded');
    }
    engine.mode = { kind: 'healthy' };
    const recovered = await postJson(base, '/v1/clean', { text: DIRTY }, { 'x-mpr-timeout-ms': '3000' });
    expect(recovered.status).toBe(200);
    expect(recovered.body.cleanedText).toBe('She goes to school every day.');
  });

  it('cancels downstream work when the HTTP caller disconnects', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'hang' };
    const cancelledBefore = engine.cancelled;
    const callsBefore = engine.calls;
    const controller = new AbortController();
    const pending = fetch(`${base}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: DIRTY }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await waitFor(async () => engine.calls > callsBefore, 10_000);
    controller.abort();
    await pending;
    // Cancelled by the disconnect: long before jw1's own 30 s deadline would end the call.
    await waitFor(async () => engine.cancelled > cancelledBefore, SERVER_TIMEOUT_MS / 3);
  });

  it('keeps every batch item, in order, when some sentences time out', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'hang' };
    const result = await postJson(
      base,
      '/v1/clean:batch',
      { items: [{ text: DIRTY }, { text: 'Fine text here.' }, { text: '' }] },
      { 'x-mpr-timeout-ms': '500' },
    );
    expect(result.status).toBe(200);
    expect(result.body.items).toHaveLength(3);
    expect(result.body.items[0].error.code).toBe('deadline_exceeded');
    expect(result.body.items[1].ok).toMatchObject({ cleanedText: 'Fine text here.', skipReason: 'already_clean' });
    expect(result.body.items[2].error.code).toBe('empty_text');
  });

  it('cleans each sentence of a long text and keeps the whitespace between them', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'healthy' };
    const text = 'I recieve mail.  The weather is nice today.\nShe go to scool evry day .';
    const result = await postJson(base, '/v1/clean', { text });
    expect(result.status).toBe(200);
    expect(result.body.cleanedText).toBe('I receive mail.  The weather is nice today.\nShe goes to school every day.');
    for (const edit of result.body.edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
  });
});

describe('a cleaner that hangs for every caller', () => {
  // Calls that ran 200 ms and still missed their deadline count as the agent's failures.
  const faulty = useFaultySystem({ breakerStallMs: '200', breakerResetMs: '500', cacheMaxEntries: '0' });

  it('opens the circuit, so later callers fail fast instead of waiting out their deadlines, and closes it on recovery', async () => {
    const { engine, base } = faulty;
    engine.mode = { kind: 'hang' };
    // Each call runs its whole 1 s deadline, well past the 200 ms that makes a miss the agent's fault.
    const stalled = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postJson(base, '/v1/clean', { text: `She go to scool ${i} .` }, { 'x-mpr-timeout-ms': '1000' }),
      ),
    );
    for (const result of stalled) expect(result.body.error.code).toBe('deadline_exceeded');
    const callsBefore = engine.calls;
    const started = Date.now();
    const callerDeadlineMs = 30_000;
    const failedFast = await postJson(
      base,
      '/v1/clean',
      { text: 'She go to scool again .' },
      { 'x-mpr-timeout-ms': String(callerDeadlineMs) },
    );
    // Fast: nowhere near the 30 s it would wait out with the circuit closed (half leaves room for load).
    expect(Date.now() - started).toBeLessThan(callerDeadlineMs / 2);
    expect(failedFast.status).toBe(503);
    expect(failedFast.body.error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/circuit open/),
    });
    expect(engine.calls).toBe(callsBefore);
    engine.mode = { kind: 'healthy' };
    // After breakerResetMs a trial call goes through and closes the circuit.
    await waitFor(
      async () => (await postJson(base, '/v1/clean', { text: 'She go to scool evry day .' })).status === 200,
      15_000,
      REQUEST_POLL_MS,
    );
    expect((await postJson(base, '/v1/clean', { text: 'I recieve mail.' })).body.cleanedText).toBe('I receive mail.');
  });
});

describe('a cleaner process killed mid-load', () => {
  let child: ChildProcess | undefined;
  let describer: RunningSystem;
  let orchestrator: RunningSystem;
  let cleanerPort: number;
  let base: string;
  const bin = fileURLToPath(new URL('../../bin/mpr.js', import.meta.url));

  async function startCleanerProcess(): Promise<void> {
    child = spawn(process.execPath, [bin, 'serve', 'cleaner'], {
      env: {
        ...process.env,
        MPR_HOST: '127.0.0.1',
        MPR_CLEANER_PORT: String(cleanerPort),
        MPR_CLEANER_METRICS_PORT: '0',
        MPR_LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    // A new Node process loading the sources and the dictionary: seconds alone, far more on a loaded machine.
    await waitFor(
      async () => (await getJson(base, '/readyz')).body.agents.cleaner === 'SERVING',
      CLEANER_START_MS,
      REQUEST_POLL_MS,
    );
  }

  beforeAll(async () => {
    cleanerPort = await freePort();
    describer = await startTestSystem('describer');
    orchestrator = await startTestSystem('orchestrator', {
      cleanerAddr: `127.0.0.1:${cleanerPort}`,
      describerAddr: `127.0.0.1:${describer.ports.describer}`,
      requestTimeoutMs: '3000',
      breakerResetMs: '500',
      cacheMaxEntries: '0',
    });
    base = `http://127.0.0.1:${orchestrator.ports.http}`;
    await startCleanerProcess();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await orchestrator?.stop();
    await describer?.stop();
  });

  it(
    'answers every request in time with 200 or a typed 503, loses no batch item, and recovers',
    async () => {
      const deadlineMs = 3000;
      // In time: ended by the deadline, not later; a whole deadline of slack for a loaded 2-core machine.
      const slackMs = deadlineMs;
      const batchSize = 10;
      const sentAfterExitPerLane = 3;
      const gaveUpAt = Date.now() + 15_000;
      const cleaned = (i: number) => `I receive mail number ${i}.`;
      let exited = false;
      child!.once('exit', () => {
        exited = true;
      });
      let killed = false;
      let next = 0;
      const singles: Array<{ i: number; status: number; body: any; ms: number; afterExit: boolean }> = [];
      const batches: Array<{ first: number; status: number; body: any; ms: number; afterExit: boolean }> = [];

      // Each lane sends one request after another until a few of its requests started after the cleaner
      // process was gone; the kill comes with the first success, while the other lanes have calls in flight.
      const singleLane = async () => {
        for (let sentAfterExit = 0; sentAfterExit < sentAfterExitPerLane && Date.now() < gaveUpAt; ) {
          const i = next++;
          const afterExit = exited;
          const started = Date.now();
          const result = await postJson(base, '/v1/clean', { text: `I recieve mail number ${i}.` });
          singles.push({ i, status: result.status, body: result.body, ms: Date.now() - started, afterExit });
          if (result.status === 200 && !killed) {
            killed = true;
            child!.kill('SIGKILL');
          }
          if (afterExit) sentAfterExit++;
        }
      };
      const batchLane = async () => {
        for (let sentAfterExit = 0; sentAfterExit < 1 && Date.now() < gaveUpAt; ) {
          const first = next;
          next += batchSize;
          const afterExit = exited;
          const started = Date.now();
          const items = Array.from({ length: batchSize }, (_, k) => ({ text: `I recieve mail number ${first + k}.` }));
          const result = await postJson(base, '/v1/clean:batch', { items });
          batches.push({ first, status: result.status, body: result.body, ms: Date.now() - started, afterExit });
          if (afterExit) sentAfterExit++;
        }
      };
      await Promise.all([singleLane(), singleLane(), singleLane(), singleLane(), batchLane()]);

      expect(exited).toBe(true);
      for (const result of singles) {
        expect(result.ms).toBeLessThan(deadlineMs + slackMs);
        if (result.status === 200) expect(result.body.cleanedText).toBe(cleaned(result.i));
        else {
          expect(result.status).toBe(503);
          expect(result.body.error.code).toBe('unavailable');
        }
      }
      expect(singles.some((result) => result.status === 200)).toBe(true);
      // With the process gone, no request sent afterwards can be answered by it.
      const afterExit = singles.filter((result) => result.afterExit);
      expect(afterExit.length).toBeGreaterThanOrEqual(4 * sentAfterExitPerLane);
      for (const result of afterExit) expect(result.status).toBe(503);

      for (const batch of batches) {
        expect(batch.status).toBe(200);
        expect(batch.ms).toBeLessThan(deadlineMs + slackMs);
        expect(batch.body.items).toHaveLength(batchSize);
        batch.body.items.forEach((item: any, k: number) => {
          if (item.ok) expect(item.ok.cleanedText).toBe(cleaned(batch.first + k));
          else expect(['unavailable', 'deadline_exceeded']).toContain(item.error.code);
        });
      }
      const lastBatch = batches.at(-1)!;
      expect(lastBatch.afterExit).toBe(true);
      for (const item of lastBatch.body.items) expect(item.error.code).toBe('unavailable');

      await startCleanerProcess();
      await waitFor(
        async () =>
          (await postJson(base, '/v1/clean', { text: 'I recieve mail.' })).body.cleanedText === 'I receive mail.',
        10_000,
        REQUEST_POLL_MS,
      );
      const recovered = await postJson(base, '/v1/clean:batch', {
        items: [0, 1, 2].map((i) => ({ text: `I recieve mail number ${i}.` })),
      });
      expect(recovered.body.items.map((item: any) => item.ok?.cleanedText)).toEqual([0, 1, 2].map(cleaned));
    },
    60_000 + CLEANER_START_MS,
  );
});
