import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { datasetFingerprint } from './fingerprint.ts';
import { readGecDataset } from './gec-dataset.ts';

const data = (name: string): string => fileURLToPath(new URL(`./data/${name}`, import.meta.url));

describe('dataset fingerprint', () => {
  const items = [
    { input: 'a b', expected: ['A b .'] },
    { input: 'c', expected: ['C .'] },
  ];

  it('is stable for the same inputs and references', () => {
    const fingerprint = datasetFingerprint('gec', items);
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(datasetFingerprint('gec', structuredClone(items))).toBe(fingerprint);
  });

  it('changes with order, content, references, task, and ambiguous joins', () => {
    const base = datasetFingerprint('gec', items);
    expect(datasetFingerprint('gec', [...items].reverse())).not.toBe(base);
    expect(datasetFingerprint('gec', [{ ...items[0]!, input: 'a  b' }, items[1]!])).not.toBe(base);
    expect(datasetFingerprint('gec', [{ ...items[0]!, expected: ['A b !'] }, items[1]!])).not.toBe(base);
    expect(datasetFingerprint('json:decision', items)).not.toBe(base);
    expect(datasetFingerprint('gec', [{ input: 'ab', expected: [] }])).not.toBe(
      datasetFingerprint('gec', [{ input: 'a', expected: ['b'] }]),
    );
  });

  it('covers the items actually evaluated: --limit gives another fingerprint', async () => {
    const refs = [data('gec-small.ref0'), data('gec-small.ref1')];
    const full = await readGecDataset(data('gec-small.src'), refs);
    const again = await readGecDataset(data('gec-small.src'), refs);
    const first10 = await readGecDataset(data('gec-small.src'), refs, 10);
    expect(again.fingerprint).toBe(full.fingerprint);
    expect(first10.sources).toHaveLength(10);
    expect(first10.fingerprint).not.toBe(full.fingerprint);
    expect((await readGecDataset(data('gec-small.src'), [refs[0]!])).fingerprint).not.toBe(full.fingerprint);
  });
});
