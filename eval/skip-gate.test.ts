// The skip-gate measured on JFLEG dev (../shared/data/jfleg; skipped without it, failed under .ci/run).
// Issue goals: false-skip <= 5%, clean-skip >= 60%. The checker reaches the clean-skip goal but not
// the false-skip one: 10.2% with the Link Grammar parser and the trigram model (which .ci/run installs;
// 12.8% on the held-out odd lines), 18.0% on rules alone. The false-skip bounds below guard the measured levels against
// regressions and are to be tightened as the checker improves.
import { describe, expect, it } from 'vitest';
import { needsAll, optionalPart } from '../test/support/optional.ts';
import { measureSkipGate } from './skip-gate.ts';

const jfleg = await optionalPart('jfleg');
const withParser = needsAll(jfleg, await optionalPart('link-grammar'));

// All of dev through the parser: about 30 s alone, past the 60 s default beside other test files.
const PARSER_RUN_MS = 240_000;
const parserRun = { ...withParser, timeout: PARSER_RUN_MS };

describe('skip-gate on JFLEG dev', () => {
  it(
    'with the parser: skips at least 60% of corrected sentences and at most 11% of sentences that need edits',
    parserRun,
    async () => {
      const report = await measureSkipGate({ parser: 'link-grammar', concurrency: 4 });
      expect(report.checker).toMatch(/^rules \+ link-grammar-5\./);
      expect(report.errorfulSources).toBeGreaterThan(500);
      expect(report.referenceLines).toBe(4 * 754);
      expect(report.cleanSkipRate).toBeGreaterThanOrEqual(0.6);
      expect(report.falseSkipRate).toBeLessThanOrEqual(0.11);
    },
  );

  it('with the parser: holds on the held-out odd lines the checker was not tuned on', parserRun, async () => {
    const report = await measureSkipGate({ half: 'odd', parser: 'link-grammar', concurrency: 4 });
    expect(report.cleanSkipRate).toBeGreaterThanOrEqual(0.6);
    expect(report.falseSkipRate).toBeLessThanOrEqual(0.14);
  });

  it(
    'on rules alone: skips at least 60% of corrected sentences and at most 19% of sentences that need edits',
    jfleg.options,
    async () => {
      const report = await measureSkipGate({ parser: 'off' });
      expect(report.checker).toBe('rules only (checker parser off)');
      expect(report.cleanSkipRate).toBeGreaterThanOrEqual(0.6);
      expect(report.falseSkipRate).toBeLessThanOrEqual(0.19);
    },
  );

  it('fails clearly when the data is missing', async () => {
    await expect(measureSkipGate({ dir: '/nonexistent/jfleg/' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
