// TLS everywhere it matters, with a CA and certificates made in the test: jw1 serves HTTPS and TLS gRPC,
// the agents accept only clients whose certificate chains to their CA (mutual TLS), and certificates,
// keys and CAs rotated on disk (as cert-manager and the kubelet do) are taken up by new connections
// while requests keep flowing, without losing one.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startComponents, type Component, type RunningSystem } from '../../cli/serve.ts';
import type { FlagValues } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { call, cleanerClient, deadlineIn, orchestratorClient } from '../support/grpc-clients.ts';
import { testConfig } from '../support/system.ts';
import { createTestCa, replaceFile, type PemPair, type TestCa } from '../support/test-pki.ts';
import { httpsJson, tlsCredentials, tlsHandshake, type HandshakeOutcome } from '../support/tls-clients.ts';
import { waitFor } from '../support/wait.ts';
import * as grpc from '@grpc/grpc-js';

const DIRTY = 'She go to scool evry day .';

interface Pki {
  dir: string;
  ca: TestCa;
  server: PemPair;
  jw1Client: PemPair;
  /** Paths of the files the components read. */
  files: Record<'ca' | 'agentClientCa' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string>;
}

async function makePki(): Promise<Pki> {
  const dir = mkdtempSync(join(tmpdir(), 'mpr-tls-'));
  const ca = await createTestCa();
  const server = await ca.issue({ commonName: 'mpr', dnsNames: ['localhost'], usage: 'server' });
  const jw1Client = await ca.issue({ commonName: 'jw1-orchestrator', usage: 'client' });
  return {
    dir,
    ca,
    server,
    jw1Client,
    files: {
      ca: replaceFile(dir, 'ca.crt', ca.cert),
      agentClientCa: replaceFile(dir, 'agent-client-ca.crt', ca.cert),
      serverCert: replaceFile(dir, 'tls.crt', server.cert),
      serverKey: replaceFile(dir, 'tls.key', server.key),
      clientCert: replaceFile(dir, 'client.crt', jw1Client.cert),
      clientKey: replaceFile(dir, 'client.key', jw1Client.key),
    },
  };
}

/** The three components as separate servers (as in Kubernetes), each with its own TLS settings. */
async function startTlsSystem(
  pki: Pki,
  overrides: FlagValues = {},
  lines: string[] = [],
): Promise<{ parts: RunningSystem[]; jw1: RunningSystem; cleaner: RunningSystem; stop(): Promise<void> }> {
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
  const serverTls = { tlsCertFile: pki.files.serverCert, tlsKeyFile: pki.files.serverKey };
  const agentTls = { ...serverTls, tlsClientCaFile: pki.files.agentClientCa };
  const start = (component: Component, flags: FlagValues) =>
    startComponents(component, testConfig({ ...overrides, ...flags }), logger);
  const cleaner = await start('cleaner', agentTls);
  const describer = await start('describer', agentTls);
  const jw1 = await start('orchestrator', {
    ...serverTls,
    cleanerAddr: `127.0.0.1:${cleaner.ports.cleaner}`,
    describerAddr: `127.0.0.1:${describer.ports.describer}`,
    agentTlsCaFile: pki.files.ca,
    agentTlsCertFile: pki.files.clientCert,
    agentTlsKeyFile: pki.files.clientKey,
  });
  const parts = [jw1, cleaner, describer];
  return { parts, jw1, cleaner, stop: async () => void (await Promise.all(parts.map((part) => part.stop()))) };
}

/** The server neither refused the handshake nor closed the connection after it. */
function expectAccepted(outcome: HandshakeOutcome): void {
  expect(outcome.error).toBeUndefined();
  expect(outcome.closed).toBe(false);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a TLS deployment', () => {
  let pki: Pki;
  let system: Awaited<ReturnType<typeof startTlsSystem>>;
  beforeAll(async () => {
    pki = await makePki();
    system = await startTlsSystem(pki);
  });
  afterAll(async () => {
    await system?.stop();
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
  });

  it('an agent refuses plaintext and a client without a certificate, and serves one whose certificate chains to its CA', async () => {
    const port = system.cleaner.ports.cleaner!;
    const plaintext = cleanerClient(port);
    const anonymous = cleanerClient(port, tlsCredentials(pki.ca.cert));
    const strangerIdentity = await (await createTestCa('other CA')).issue({ commonName: 'jw1-orchestrator' });
    const stranger = cleanerClient(port, tlsCredentials(pki.ca.cert, strangerIdentity));
    const trusted = cleanerClient(port, tlsCredentials(pki.ca.cert, pki.jw1Client));
    cleanups.push(() => {
      for (const client of [plaintext, anonymous, stranger, trusted]) client.close();
    });

    for (const refused of [plaintext, anonymous, stranger]) {
      const { error } = await call((cb) => refused.Clean({ text: DIRTY }, deadlineIn(5_000), cb));
      expect(error?.code).toBe(grpc.status.UNAVAILABLE);
    }
    // The refusals are the agent's: the handshake fails for want of a client certificate, and a
    // certificate of another CA gets the connection closed right after it.
    const handshake = await tlsHandshake(port, { ca: pki.ca.cert });
    expect(handshake.serial).toBe(pki.server.serial);
    expect(handshake.error?.code).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
    expect((await tlsHandshake(port, { ca: pki.ca.cert, identity: strangerIdentity })).closed).toBe(true);
    expectAccepted(await tlsHandshake(port, { ca: pki.ca.cert, identity: pki.jw1Client }));

    const { error, response } = await call<{ cleanedText: string }>((cb) =>
      trusted.Clean({ text: DIRTY }, deadlineIn(5_000), cb),
    );
    expect(error).toBeNull();
    expect(response?.cleanedText).toContain('school');
  });

  it('jw1 serves HTTPS and TLS gRPC, refuses plaintext on both, and reaches the agents over mutual TLS', async () => {
    const httpPort = system.jw1.ports.http!;
    const grpcPort = system.jw1.ports.grpc!;
    expect((await httpsJson(httpPort, '/readyz', { ca: pki.ca.cert })).status).toBe(200);
    const cleaned = await httpsJson(httpPort, '/v1/process', {
      ca: pki.ca.cert,
      body: { text: DIRTY, mode: 'clean_then_describe' },
    });
    expect(cleaned.status, JSON.stringify(cleaned.body)).toBe(200);
    expect(cleaned.body.clean.cleanedText).toContain('school');
    expect(typeof cleaned.body.describe.json).toBe('object');
    await expect(
      fetch(`http://127.0.0.1:${httpPort}/healthz`, { signal: AbortSignal.timeout(5_000) }),
    ).rejects.toThrow();

    const plaintext = orchestratorClient(grpcPort);
    const secure = orchestratorClient(grpcPort, tlsCredentials(pki.ca.cert));
    cleanups.push(() => {
      plaintext.close();
      secure.close();
    });
    expect((await call((cb) => plaintext.Clean({ text: DIRTY }, deadlineIn(5_000), cb))).error?.code).toBe(
      grpc.status.UNAVAILABLE,
    );
    const answer = await call<{ cleanedText: string }>((cb) => secure.Clean({ text: DIRTY }, deadlineIn(5_000), cb));
    expect(answer.error).toBeNull();
    expect(answer.response?.cleanedText).toContain('school');
  });
});

describe('rotation under load', () => {
  it('takes up new certificates, keys and a new client CA on disk while no request fails', async () => {
    const pki = await makePki();
    cleanups.push(() => rmSync(pki.dir, { recursive: true, force: true }));
    const lines: string[] = [];
    // Short reload and connection age, so that every step reaches new connections within the test.
    const system = await startTlsSystem(
      pki,
      { tlsReloadMs: '100', grpcMaxConnectionAgeMs: '400', grpcMaxConnectionAgeGraceMs: '5000', cacheMaxEntries: '0' },
      lines,
    );
    cleanups.push(() => system.stop());
    const httpPort = system.jw1.ports.http!;
    const reloadsOf = (component: string, path: string) =>
      lines.filter((line) => {
        const entry = JSON.parse(line) as { component?: string; msg?: string; files?: Record<string, string> };
        return (
          entry.component === component &&
          entry.msg?.startsWith('TLS certificates reloaded') &&
          Object.values(entry.files ?? {}).includes(path)
        );
      }).length;
    /** Call before changing files: resolves once each component has published a new set holding `path`. */
    const reloadBy = (components: string[], path: string) => {
      const before = components.map((component) => reloadsOf(component, path));
      return () => waitFor(() => components.every((component, i) => reloadsOf(component, path) > before[i]!), 10_000);
    };
    const AGENTS = ['jw2-cleaner', 'jw3-describer'];
    const JW1 = 'jw1-orchestrator';

    // Steady load: kept-alive HTTPS connections, a new HTTPS connection per request, and TLS gRPC.
    let running = true;
    let step = 'before any rotation';
    const failures: string[] = [];
    let answered = 0;
    const keptAlive = new Agent({ keepAlive: true, maxSockets: 2 });
    const grpcClient = orchestratorClient(system.jw1.ports.grpc!, tlsCredentials(pki.ca.cert));
    cleanups.push(() => {
      keptAlive.destroy();
      grpcClient.close();
    });
    const loop = async (send: () => Promise<string | undefined>) => {
      // A failure ends the load: the test has failed, and a loop failing at once would starve the timers.
      while (running && failures.length === 0) {
        const failure = await send().catch((error: unknown) => String(error));
        if (failure) failures.push(`${step}: ${failure}`);
        else answered++;
      }
    };
    const https = (agent: Agent | false) => async () => {
      const result = await httpsJson(httpPort, '/v1/clean', { ca: pki.ca.cert, agent, body: { text: DIRTY } });
      return result.status === 200 ? undefined : `HTTP ${result.status} ${JSON.stringify(result.body)}`;
    };
    const rpc = async () => {
      const { error } = await call((cb) => grpcClient.Clean({ text: DIRTY }, deadlineIn(10_000), cb));
      return error ? `gRPC ${error.code} ${error.details}` : undefined;
    };
    const load = Promise.all([
      loop(https(keptAlive)),
      loop(https(keptAlive)),
      loop(https(false)),
      loop(rpc),
      loop(rpc),
    ]);
    const answeredBy = async (count: number) => {
      const target = answered + count;
      await waitFor(() => answered >= target || failures.length > 0, 20_000);
    };
    await answeredBy(50);

    // 1. New server certificate and key for all three servers (key first: a read in between sees a
    //    mismatched pair, which must be refused while the old pair keeps serving).
    step = 'server certificates';
    const server2 = await pki.ca.issue({ commonName: 'mpr', dnsNames: ['localhost'], usage: 'server' });
    const serversReloaded = reloadBy([JW1, ...AGENTS], pki.files.serverCert);
    replaceFile(pki.dir, 'tls.key', server2.key);
    replaceFile(pki.dir, 'tls.crt', server2.cert);
    await serversReloaded();
    expect((await tlsHandshake(httpPort, { ca: pki.ca.cert, alpn: ['http/1.1'] })).serial).toBe(server2.serial);
    expect((await tlsHandshake(system.jw1.ports.grpc!, { ca: pki.ca.cert })).serial).toBe(server2.serial);
    expect(
      (await tlsHandshake(system.cleaner.ports.cleaner!, { ca: pki.ca.cert, identity: pki.jw1Client })).serial,
    ).toBe(server2.serial);
    await answeredBy(50);

    // 2. The agents' client CA moves to a new CA: first trust both, then give jw1 a certificate of the
    //    new one, then drop the old CA. jw1's connections to the agents renew every 400 ms meanwhile.
    step = 'client CA: both trusted';
    const ca2 = await createTestCa('MPR test CA 2');
    const bothTrusted = reloadBy(AGENTS, pki.files.agentClientCa);
    replaceFile(pki.dir, 'agent-client-ca.crt', `${pki.ca.cert}\n${ca2.cert}\n`);
    await bothTrusted();
    step = 'client certificate';
    const jw1Client2 = await ca2.issue({ commonName: 'jw1-orchestrator', usage: 'client' });
    const clientRotated = reloadBy([JW1], pki.files.clientCert);
    replaceFile(pki.dir, 'client.key', jw1Client2.key);
    replaceFile(pki.dir, 'client.crt', jw1Client2.cert);
    await clientRotated();
    step = 'client CA: new only';
    const newCaOnly = reloadBy(AGENTS, pki.files.agentClientCa);
    replaceFile(pki.dir, 'agent-client-ca.crt', ca2.cert);
    await newCaOnly();
    // Several connection ages: every call now runs on a connection made under the new CA alone.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await answeredBy(50);

    running = false;
    await load;
    expect(failures).toEqual([]);
    // The old CA's certificates are refused by the agents now: jw1 got through with its new one.
    const oldClient = await tlsHandshake(system.cleaner.ports.cleaner!, { ca: pki.ca.cert, identity: pki.jw1Client });
    expect(oldClient.closed).toBe(true);
    expectAccepted(await tlsHandshake(system.cleaner.ports.cleaner!, { ca: pki.ca.cert, identity: jw1Client2 }));
  }, 90_000);
});
