// Model spans of the LLM engines inside one request's trace: tokenize, generate with its prefill and
// decode phases (token counts, speed), the constraint preparation of jw3 and the output guard of jw2.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTinyModel } from '../../models/tools/index.ts';
import { postJson } from '../support/system.ts';
import { startTracedSystem, type TracedSystem } from './traced-system.ts';

let dir: string;
let traced: TracedSystem;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpr-llm-spans-'));
  await makeTinyModel({ out: dir, seed: 5 });
  traced = await startTracedSystem({ cleanerModel: dir, describerModel: dir });
});

afterAll(async () => {
  await traced?.system.stop();
  await rm(dir, { recursive: true, force: true });
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

it('traces tokenize, generate, prefill, decode, constraint and guard under the engines', async () => {
  const response = await postJson(traced.base, '/v1/process', {
    text: 'My parcel arived late and noone answered.',
    mode: 'clean_then_describe',
    task: 'decision',
  });
  expect(response.status).toBe(200);
  const { spans } = await traced.traceOf(response.body.requestId);
  const named = (name: string) => spans.filter((span) => span.name === name);

  const generates = named('model.generate');
  expect(generates.map((s) => s.attributes['mpr.agent']).sort()).toEqual(['cleaner', 'describer']);
  for (const generate of generates) {
    const id = generate.spanContext().spanId;
    const prefill = named('model.prefill').find((s) => parentOf(s) === id)!;
    const decode = named('model.decode').find((s) => parentOf(s) === id)!;
    expect(prefill.attributes['mpr.tokens.input']).toBe(generate.attributes['mpr.tokens.input']);
    expect(decode.attributes['mpr.tokens.output']).toBe(generate.attributes['mpr.tokens.output']);
    expect(decode.attributes['mpr.decode_tokens_per_second']).toBeGreaterThan(0);
  }
  const describer = generates.find((s) => s.attributes['mpr.agent'] === 'describer')!;
  expect(describer.attributes).toMatchObject({ 'mpr.constrained': true, 'mpr.finish_reason': 'constraint_complete' });
  expect(named('describer.constraint_prepare')[0]!.attributes['mpr.constraint.shortest_tokens']).toBeGreaterThan(0);

  expect(named('model.tokenize')[0]!.attributes['mpr.tokens.input']).toBeGreaterThan(0);
  expect(named('cleaner.output_guard')[0]!.attributes).toMatchObject({ 'mpr.guard_fallback': true });
});
