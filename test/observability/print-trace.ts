// Prints the span tree of one real /v1/process request through the all-in-one system (tracing into
// memory), with the share of each span's time its children cover. Run: node test/observability/print-trace.ts
import { postJson } from '../support/system.ts';
import { childCoverage, renderTree } from './span-tree.ts';
import { startTracedSystem } from './traced-system.ts';

const text = process.argv[2] ?? 'She go to scool evry day .';
const traced = await startTracedSystem();
try {
  await postJson(traced.base, '/v1/process', { text: 'I has a scool.' });
  const response = await postJson(traced.base, '/v1/process', { text });
  const { root, spans } = await traced.traceOf(response.body.requestId);
  process.stdout.write(`${renderTree(spans, root)}\n`);
  process.stdout.write(
    `\n${spans.length} spans, trace ${root.spanContext().traceId}; children cover ${(childCoverage(spans, root) * 100).toFixed(1)}% of the root span\n`,
  );
} finally {
  await traced.system.stop();
}
