// `npm run bench:constrained` in CI at a small size (tiny trained vocabulary, one schema, a corpus sample):
// the script runs end to end and its last line carries every figure the issue asks for. Speed goals
// are judged on full runs (docs/MEASUREMENTS.md), not here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('bench:constrained (small)', () => {
  it('prints the figures as its last JSON line, every document valid', async () => {
    const { stdout } = await run(process.execPath, ['bench/constrained.ts'], {
      env: {
        ...process.env,
        BENCH_TOKENIZER: 'tiny',
        BENCH_VOCAB: '2048',
        BENCH_PROMPTS: '1',
        BENCH_MAX_NEW_TOKENS: '40',
        BENCH_CORPUS_EVERY: '100',
        BENCH_SCHEMAS: 'decision',
      },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    });
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    for (const key of ['compile_ms_p50', 'compile_ms_p99', 'mask_us_mean', 'mask_us_p99', 'constrained_vs_free']) {
      expect(typeof last[key], key).toBe('number');
    }
    expect(last.json_valid_rate).toBe(1);
    expect(last.corpus_schemas_compiled).toBeGreaterThan(10);
  }, 300_000);
});
