// jw3 loads its NLP libraries (compromise, chrono-node, VADER) at start, before its gRPC health says
// SERVING, so the first request does not pay seconds of imports. State, not timing: this file's module
// registry starts without them, and nothing but the agent's start-up may load them.
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { createDefaultDescriberEngine } from '../../services/describer/engines/default/index.ts';
import { readersLoaded } from '../../services/describer/engines/default/nlp-libraries.ts';
import { call, deadlineIn, describerClient, healthClient } from '../support/grpc-clients.ts';
import { startTestSystem } from '../support/system.ts';

let system: RunningSystem | undefined;
afterAll(async () => system?.stop());

describe('describer warm-up', () => {
  it('creating the embedded engine loads nothing by itself', () => {
    createDefaultDescriberEngine();
    expect(readersLoaded()).toBe(false);
  });

  it('has the libraries loaded by the time the agent reports SERVING, before any request', async () => {
    expect(readersLoaded()).toBe(false);
    system = await startTestSystem('describer');
    const health = healthClient(system.ports.describer!);
    const { response } = await call<any>((cb) =>
      health.check({ service: 'mpr.v1.DescriberService' }, deadlineIn(5000), cb),
    );
    health.close();
    expect(response.status).toBe('SERVING');
    expect(readersLoaded()).toBe(true);
  });

  it('answers the first request with what the libraries read', async () => {
    const client = describerClient(system!.ports.describer!);
    const { error, response } = await call<any>((cb) =>
      client.Describe(
        { text: 'Maria Lopez paid $20 to Amazon on March 3, 2025.', task: 'describe' },
        deadlineIn(5000),
        cb,
      ),
    );
    client.close();
    expect(error).toBeNull();
    const types = JSON.parse(response.json).entities.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['person', 'money', 'organization', 'date']));
  });
});
