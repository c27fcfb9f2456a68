// The real-world schema corpus in CI, sampled (every 60th schema): what `mpr eval schemas` measures on
// the whole corpus, at a size that keeps CI fast. No document may be invalid and no schema may error;
// coverage and completeness stay near their full-corpus figures (docs/MEASUREMENTS.md).
import { describe, expect, it } from 'vitest';
import { runSchemaEval } from '../../eval/run-schemas.ts';

describe('real-world schema corpus (sampled)', () => {
  it('decodes only valid documents, refuses cleanly, and can produce the valid instances', async () => {
    const { metrics, results } = await runSchemaEval({
      every: 60,
      tokenizer: 'llama3.1-8k',
      completeness: true,
      maxNewTokens: 256,
      seed: 1,
      progress: false,
    });
    const bad = results.filter((r) => r.outcome === 'invalid' || r.outcome === 'error');
    expect(bad, JSON.stringify(bad.slice(0, 3))).toEqual([]);
    expect(metrics.schemas).toBeGreaterThanOrEqual(25);
    expect(metrics.invalid).toBe(0);
    expect(metrics.errors).toBe(0);
    expect(metrics.valid_rate).toBeGreaterThanOrEqual(0.85);
    expect(metrics.instances).toBeGreaterThan(15);
    expect(metrics.completeness_rate).toBeGreaterThanOrEqual(0.95);
    for (const keyword of Object.keys(metrics.refusals_by_keyword)) expect(keyword).not.toBe('?');
  }, 240_000);
});
