// The dataset fingerprint proves two runs scored the same items: sha256 over the exact inputs and
// expected outputs, in order. JSON encoding keeps it unambiguous (no separator can collide with text).
import { createHash } from 'node:crypto';

export interface FingerprintedItem {
  input: string;
  /** References (gec) or the expected JSON document (structured tasks). */
  expected: unknown;
  /** Facts policies read (structured tasks); part of the data when present. */
  meta?: unknown;
}

export function datasetFingerprint(task: string, items: readonly FingerprintedItem[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ task, count: items.length }));
  for (const item of items) {
    hash.update('\n');
    // Items without meta hash as before, so earlier runs on the same files stay comparable.
    const fields = item.meta === undefined ? [item.input, item.expected] : [item.input, item.expected, item.meta];
    hash.update(JSON.stringify(fields));
  }
  return `sha256:${hash.digest('hex')}`;
}
