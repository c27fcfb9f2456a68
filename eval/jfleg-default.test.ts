// Quality gate on the JFLEG dev set (read from ../shared/data/jfleg; skipped without it, failed under .ci/run).
import { expect, it } from 'vitest';
import { optionalPart } from '../test/support/optional.ts';
import { jflegGleu } from './gleu.ts';
import { loadJflegDev } from './jfleg-data.ts';
import { cleanJflegSources } from './jfleg-default.ts';

const jfleg = await optionalPart('jfleg');

it('beats the plain spellchecker baseline (43.43 GLEU) on JFLEG dev', jfleg.options, async () => {
  const dev = loadJflegDev();
  const { hypotheses } = await cleanJflegSources(dev.sources);
  const score = jflegGleu({ sources: dev.sources, hypotheses, references: dev.references });
  expect(score).toBeGreaterThan(43.43);
});
