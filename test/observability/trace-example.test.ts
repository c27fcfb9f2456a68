// The example trace in docs/OBSERVABILITY.md is this test's output: one real /v1/process request through
// the all-in-one system (after a warm-up request), rendered without durations or ids, so it cannot go
// stale. After a change to a request's path, `MPR_UPDATE_DOCS=1 npx vitest run <this file>` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJson } from '../support/system.ts';
import { renderTree } from './span-tree.ts';
import { startTracedSystem, type TracedSystem } from './traced-system.ts';

const DOC = new URL('../../docs/OBSERVABILITY.md', import.meta.url);
const START = '<!-- trace-example:start (written by test/observability/trace-example.test.ts) -->';
const END = '<!-- trace-example:end -->';
const UPDATE = process.env.MPR_UPDATE_DOCS === '1';

let traced: TracedSystem;
beforeAll(async () => {
  traced = await startTracedSystem();
  await postJson(traced.base, '/v1/process', { text: 'I has a scool.' });
});
afterAll(async () => traced?.system.stop());

/** The block between the markers: the rendered tree and its span count. */
async function exampleBlock(): Promise<string> {
  const response = await postJson(traced.base, '/v1/process', { text: 'She go to scool evry day .' });
  expect(response.status).toBe(200);
  const { root, spans } = await traced.traceOf(response.body.requestId);
  const components = new Set(spans.map((span) => span.instrumentationScope.name)).size;
  return `\n\`\`\`text\n${renderTree(spans, root, { timings: false })}\n\n${spans.length} spans from ${components} components\n\`\`\`\n`;
}

it(`is the example trace in docs/OBSERVABILITY.md${UPDATE ? ' (rewriting it: MPR_UPDATE_DOCS=1)' : ''}`, async () => {
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  expect(start, `docs/OBSERVABILITY.md has the markers ${START} ... ${END}`).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const block = await exampleBlock();
  if (UPDATE) writeFileSync(DOC, `${doc.slice(0, start + START.length)}${block}${doc.slice(end)}`);
  else
    expect(doc.slice(start + START.length, end), 'stale example: rerun this test with MPR_UPDATE_DOCS=1').toBe(block);
});
