import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

function collect(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  stream.isTTY = isTTY;
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('progress without a terminal', () => {
  it('prints a plain line at every tenth of the run, with counts and an ETA', async () => {
    const { stream, text } = collect(false);
    const progress = createProgress('eval gec', 40, stream);
    for (let i = 0; i < 40; i += 1) progress.tick();
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^eval gec: 4\/40 \(10%\) elapsed \d+s ETA \d+s$/);
    expect(lines[9]).toMatch(/^eval gec: 40\/40 \(100%\) elapsed \d+s ETA 0s$/);
    expect(text()).not.toContain('\u001b[');
  });

  it('prints every item when the run has fewer than ten', async () => {
    const { stream, text } = collect(false);
    const progress = createProgress('x', 3, stream);
    for (let i = 0; i < 3; i += 1) progress.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      text()
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[1]),
    ).toEqual(['1/3', '2/3', '3/3']);
  });
});

describe('progress on a terminal', () => {
  it('draws a bar with the ETA', async () => {
    const { stream, text } = collect(true);
    const progress = createProgress('eval gec', 4, stream);
    progress.tick();
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toMatch(/eval gec \[.*\] \d+% \| \d\/4 \| ETA/);
  });
});
