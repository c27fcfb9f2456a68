// Logs are JSON lines that carry the trace id, span id, request id and component of the work they were
// written in, on every component; the request text never appears unless MPR_LOG_TEXT is on.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { postJson } from '../support/system.ts';
import { startTracedSystem, type TracedSystem } from './traced-system.ts';

interface LogLine {
  level: string;
  time: string;
  msg: string;
  component?: string;
  trace_id?: string;
  span_id?: string;
  request_id?: string;
  [key: string]: unknown;
}

const raw: string[] = [];
let traced: TracedSystem;

beforeAll(async () => {
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void raw.push(line) } });
  traced = await startTracedSystem({ logLevel: 'debug' }, logger);
});
afterAll(async () => traced?.system.stop());

it('writes JSON lines with trace, span and request ids on every component, and no request text', async () => {
  const secret = 'Zorblaxian sent the quuxwidget to scool evry day .';
  const response = await postJson(traced.base, '/v1/process', { text: secret });
  expect(response.status).toBe(200);
  const requestId = response.body.requestId as string;
  const { root, spans } = await traced.traceOf(requestId);
  const traceId = root.spanContext().traceId;
  const spanIds = new Set(spans.map((span) => span.spanContext().spanId));

  const lines = raw.map((line) => JSON.parse(line) as LogLine);
  for (const line of raw) expect(line.split('"component"').length, line).toBeLessThanOrEqual(2);
  const ofRequest = lines.filter((line) => line.request_id === requestId);
  expect(ofRequest.map((line) => `${line.component}: ${line.msg}`).sort()).toEqual([
    'jw1-orchestrator: request completed',
    'jw2-cleaner: rpc handled',
    'jw3-describer: rpc handled',
  ]);
  for (const line of ofRequest) {
    expect(line.trace_id).toBe(traceId);
    expect(spanIds.has(line.span_id!), `span ${line.span_id} of "${line.msg}" is in the trace`).toBe(true);
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    expect(['debug', 'info']).toContain(line.level);
  }
  const access = ofRequest.find((line) => line.msg === 'request completed')!;
  expect(access).toMatchObject({
    route: '/v1/process',
    method: 'POST',
    status: 200,
    span_id: root.spanContext().spanId,
  });

  const everything = raw.join('');
  for (const word of ['Zorblaxian', 'quuxwidget', 'scool']) expect(everything).not.toContain(word);
});

it('logs no trace fields outside any request', () => {
  const startup = raw.map((line) => JSON.parse(line) as LogLine).filter((line) => /listening/.test(line.msg));
  expect(new Set(startup.map((line) => line.component))).toEqual(
    new Set(['jw1-orchestrator', 'jw2-cleaner', 'jw3-describer']),
  );
  for (const line of startup) expect(line.trace_id).toBeUndefined();
});
