// Agents that scale out: jw1 dials the cleaners by one DNS name (a headless Service in Kubernetes) and
// resolves it again only when a connection ends. An agent's max connection age ends each connection in
// turn, so a replica that starts after jw1 connected gets calls within about that age. Without it, the
// replica gets none. The name is served by a DNS server in the test (test/support/dns-server.ts) that
// answers 127.0.0.1, then 127.0.0.1 and 127.0.0.2 (the whole 127/8 is loopback on Linux), and jw1 runs
// as its own process so that grpc-js can be told to ask that server.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { createLogger } from '../../lib/logger.ts';
import { startCleaner } from '../../services/cleaner/main.ts';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.ts';
import { createFaultyCleanerEngine, type FaultyCleanerEngine } from '../support/fault-engine.ts';
import { spawnMpr } from '../support/mpr-process.ts';
import { freePort } from '../support/ports.ts';
import { getJson, postJson, startTestSystem, testConfig } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';

const silent = createLogger({ level: 'silent', component: 'test' });
const NAME = 'jw2-cleaner-headless.mpr.test';
const MAX_AGE_MS = 1_500;
const DNS_MIN_INTERVAL_MS = 200;
/** grpc-js jitters the age by +-10 %; then one re-resolution and one connection setup. */
const PICKUP_BOUND_MS = MAX_AGE_MS * 1.1 + DNS_MIN_INTERVAL_MS + 1_500;

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function cleanerReplica(host: string, port: number, maxAgeMs: number): Promise<FaultyCleanerEngine> {
  const engine = await createFaultyCleanerEngine();
  const config = testConfig({ host, cleanerPort: String(port), grpcMaxConnectionAgeMs: String(maxAgeMs) });
  const server = await startCleaner(config, engine, silent, 0);
  stops.push(() => server.shutdown(500));
  return engine;
}

const served = (engine: FaultyCleanerEngine) => engine.calls + engine.checks;

/** jw1 as a process dialing `dns://<test server>/NAME:port`, the describer in this process. */
async function startJw1(dns: TestDnsServer, cleanerPort: number): Promise<string> {
  const describer: RunningSystem = await startTestSystem('describer');
  stops.push(() => describer.stop());
  const httpPort = await freePort();
  const jw1 = spawnMpr('orchestrator', {
    // grpc-js asks the DNS server named in the target only with its c-ares resolver, which this turns on.
    GRPC_NODE_USE_ALTERNATIVE_RESOLVER: 'true',
    MPR_CLEANER_ADDR: `dns://127.0.0.1:${dns.port}/${NAME}:${cleanerPort}`,
    MPR_DESCRIBER_ADDR: `127.0.0.1:${describer.ports.describer}`,
    MPR_HTTP_PORT: String(httpPort),
    MPR_GRPC_PORT: String(await freePort()),
    MPR_AGENT_DNS_MIN_INTERVAL_MS: String(DNS_MIN_INTERVAL_MS),
    MPR_CACHE_MAX_ENTRIES: '0',
  });
  stops.push(() => jw1.stop());
  const base = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => (await getJson(base, '/readyz')).status === 200, 30_000, 100).catch((error: unknown) => {
    throw new Error(`jw1 did not get ready:\n${jw1.log()}`, { cause: error });
  });
  return base;
}

/** Two requests at a time until stopped; every one must succeed. */
function steadyLoad(base: string): { stop(): Promise<string[]> } {
  let running = true;
  const failures: string[] = [];
  const lane = async (lane: number) => {
    for (let i = 0; running && failures.length === 0; i++) {
      const result = await postJson(base, '/v1/clean', { text: `She go to scool evry day number ${lane}-${i} .` });
      if (result.status !== 200) failures.push(`${result.status} ${JSON.stringify(result.body)}`);
    }
  };
  const lanes = Promise.all([lane(0), lane(1)]);
  return {
    stop: async () => {
      running = false;
      await lanes;
      return failures;
    },
  };
}

async function scenario(maxAgeMs: number) {
  const dns = await startDnsServer();
  stops.push(() => dns.close());
  const port = await freePort();
  dns.setAddresses(NAME, ['127.0.0.1']);
  const first = await cleanerReplica('127.0.0.1', port, maxAgeMs);
  const base = await startJw1(dns, port);
  const load = steadyLoad(base);
  stops.push(async () => void (await load.stop()));
  await waitFor(() => served(first) >= 20, 20_000);

  // The HPA adds a pod: it starts, turns ready, and the headless Service's answer grows.
  const second = await cleanerReplica('127.0.0.2', port, maxAgeMs);
  dns.setAddresses(NAME, ['127.0.0.1', '127.0.0.2']);
  return { first, second, dns, load, startedAt: Date.now() };
}

describe('a cleaner replica started after jw1 connected', () => {
  it(`gets calls within the agents' max connection age (${MAX_AGE_MS} ms), and both replicas keep serving`, async () => {
    const { first, second, dns, load, startedAt } = await scenario(MAX_AGE_MS);
    const queriesBefore = dns.queriesFor(NAME);
    await waitFor(() => served(second) > 0, PICKUP_BOUND_MS);
    const pickedUpMs = Date.now() - startedAt;
    expect(dns.queriesFor(NAME)).toBeGreaterThan(queriesBefore);

    const firstBefore = served(first);
    const secondBefore = served(second);
    await waitFor(() => served(second) - secondBefore >= 20, 10_000);
    expect(served(first) - firstBefore, `second replica picked up after ${pickedUpMs} ms`).toBeGreaterThan(0);
    expect(await load.stop()).toEqual([]);
  }, 60_000);

  it('gets no call in that time when connections never age (the reason the setting exists)', async () => {
    const { second, load } = await scenario(0);
    await new Promise((resolve) => setTimeout(resolve, PICKUP_BOUND_MS));
    expect(served(second)).toBe(0);
    expect(await load.stop()).toEqual([]);
  }, 60_000);
});
