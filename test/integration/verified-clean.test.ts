// The model's own "already clean" verdict (verifiedClean) travels jw2 -> jw1 -> HTTP and into jw1's
// metrics, and MPR_SKIP_GATE_CHECKER=false sends every text in a language jw2 handles to the model
// instead of trusting the cheap checker. jw2 runs behind a real gRPC server; its engine is the default rule engine reporting, as an
// LLM engine drafting with its input would, verifiedClean whenever its output equals its input (the
// LLM engine's own verification is tested in services/cleaner/engines/llm).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanerEngine } from '../../services/cleaner/engine.ts';
import { createDefaultCleanerEngine } from '../../services/cleaner/engines/default/index.ts';
import { startSystemWithCleaner } from '../support/fault-engine.ts';
import { getJson, postJson } from '../support/system.ts';

interface CountingEngine extends CleanerEngine {
  checks: number;
  cleans: number;
}

async function selfVerifyingEngine(): Promise<CountingEngine> {
  const inner = createDefaultCleanerEngine();
  await inner.warmup();
  const engine: CountingEngine = {
    info: inner.info,
    checks: 0,
    cleans: 0,
    check: (text, language) => {
      engine.checks++;
      return inner.check(text, language);
    },
    clean: async (text, options) => {
      engine.cleans++;
      const result = await inner.clean(text, options);
      return { ...result, verifiedClean: result.cleanedText === text };
    },
  };
  return engine;
}

function startWith(skipGateChecker: 'true' | 'false') {
  return selfVerifyingEngine().then((engine) =>
    startSystemWithCleaner(engine, { cacheMaxEntries: '0', skipGateChecker }),
  );
}

const verdictCount = (metrics: string, verdict: string) =>
  Number(new RegExp(`^mpr_cleaner_model_verdicts_total\\{verdict="${verdict}"\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);

describe('the model verdict on texts the skip-gate sends on', () => {
  describe('with the cheap checker off (MPR_SKIP_GATE_CHECKER=false)', () => {
    let system: Awaited<ReturnType<typeof startWith>>;
    beforeAll(async () => {
      system = await startWith('false');
    });
    afterAll(() => system.stop());

    it('sends a clean text to the model, which answers verifiedClean, and counts it', async () => {
      const clean = await postJson(system.base, '/v1/clean', { text: 'The weather is nice today.' });
      expect(clean.status).toBe(200);
      expect(clean.body).toMatchObject({
        cleanedText: 'The weather is nice today.',
        skipped: false,
        verifiedClean: true,
        edits: [],
      });
      expect(system.engine.cleans).toBe(1);

      const dirty = await postJson(system.base, '/v1/clean', { text: 'I recieve mail. The weather is nice today.' });
      expect(dirty.body).toMatchObject({
        cleanedText: 'I receive mail. The weather is nice today.',
        verifiedClean: false,
      });
      expect(system.engine.cleans).toBe(3);

      const metrics = (await getJson(system.base, '/metrics')).body as string;
      expect(verdictCount(metrics, 'verified_clean')).toBe(2);
      expect(verdictCount(metrics, 'changed_or_unverified')).toBe(1);
    });

    it('still skips a language the cleaner does not handle, without running the model', async () => {
      const before = system.engine.cleans;
      const german = await postJson(system.base, '/v1/clean', {
        text: 'Das Wetter ist heute sehr schön, und wir gehen am Nachmittag spazieren.',
      });
      expect(german.body).toMatchObject({ skipped: true, skipReason: 'unsupported_language', verifiedClean: false });
      expect(system.engine.cleans).toBe(before);
    });
  });

  describe('with the cheap checker on (the default)', () => {
    let system: Awaited<ReturnType<typeof startWith>>;
    beforeAll(async () => {
      system = await startWith('true');
    });
    afterAll(() => system.stop());

    it('skips a clean text on the checker without running the model', async () => {
      const clean = await postJson(system.base, '/v1/clean', { text: 'The weather is nice today.' });
      expect(clean.body).toMatchObject({ skipped: true, skipReason: 'already_clean', verifiedClean: false });
      expect(system.engine.checks).toBe(1);
      expect(system.engine.cleans).toBe(0);
      const metrics = (await getJson(system.base, '/metrics')).body as string;
      expect(verdictCount(metrics, 'verified_clean')).toBe(0);
    });
  });
});
