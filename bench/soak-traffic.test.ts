// The soak's request mix against a real system: every good kind succeeds and every bad kind gets its
// typed error, so that a soak's `lost` and `unexpected` count faults and not a broken request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../cli/serve.ts';
import { startTestSystem } from '../test/support/system.ts';
import { kindOf, orchestratorGrpcClient, REQUEST_KINDS, type Target } from './soak-traffic.ts';

let system: RunningSystem;
let target: Target;
beforeAll(async () => {
  system = await startTestSystem('all');
  target = {
    base: `http://127.0.0.1:${system.ports.http}`,
    grpc: orchestratorGrpcClient(system.ports.grpc!),
    timeoutMs: 10_000,
  };
});
afterAll(async () => {
  target?.grpc.close();
  await system?.stop();
});

describe('soak traffic', () => {
  it.each(REQUEST_KINDS.map((kind) => [kind.name, kind] as const))('%s is answered as intended', async (_, kind) => {
    const verdict = await kind.send(target, 7);
    expect(verdict.kind, JSON.stringify(verdict)).toBe(kind.good ? 'success' : 'typed');
  });

  it('sends each kind in proportion to its weight, spread over the sequence', () => {
    const total = REQUEST_KINDS.reduce((sum, kind) => sum + kind.weight, 0);
    const counts = new Map<string, number>();
    for (let seq = 0; seq < total; seq++) counts.set(kindOf(seq).name, (counts.get(kindOf(seq).name) ?? 0) + 1);
    for (const kind of REQUEST_KINDS) expect(counts.get(kind.name), kind.name).toBe(kind.weight);
    const firstTen = new Set(Array.from({ length: 10 }, (_, seq) => kindOf(seq).name));
    expect(firstTen.size).toBeGreaterThan(3);
  });
});
