// Start-up and per-message cost of the embedded describer: loads the NLP libraries (timed), warms up on
// 20 messages, then describes the 155 messages of eval/data/reading.jsonl three times, one at a time,
// and prints wall-clock and process CPU percentiles. Figures: docs/DESCRIBER-MEASUREMENTS.md.
//   npm run bench:describer
import { readFileSync } from 'node:fs';
import { createDefaultDescriberEngine } from '../services/describer/engines/default/index.ts';
import { loadReaders } from '../services/describer/engines/default/nlp-libraries.ts';
import { getTask } from '../services/describer/tasks/index.ts';

const started = performance.now();
await loadReaders();
const loadMs = performance.now() - started;
const engine = createDefaultDescriberEngine();
const texts = readFileSync(new URL('../eval/data/reading.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { input: string }).input);
const schema = getTask('describe').schema;
for (const text of texts.slice(0, 20)) await engine.describe({ text, task: 'describe', schema });
const wall: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const text of texts) {
    const cpuBefore = process.cpuUsage();
    const before = performance.now();
    await engine.describe({ text, task: 'describe', schema });
    wall.push(performance.now() - before);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
}
const percentile = (values: number[], p: number): string =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * p) - 1]!.toFixed(1);
console.log(
  `libraries load ${loadMs.toFixed(0)} ms; ${wall.length} describe calls: ` +
    `wall p50 ${percentile(wall, 0.5)} p95 ${percentile(wall, 0.95)} ms; ` +
    `cpu p50 ${percentile(cpu, 0.5)} p95 ${percentile(cpu, 0.95)} ms`,
);
