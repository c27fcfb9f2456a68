// Quality gate on the JFLEG dev set (read from ../shared/data/jfleg; a missing folder fails the test).
import { expect, it } from 'vitest';
import { jflegGleu } from './gleu.ts';
import { loadJflegDev } from './jfleg-data.ts';
import { cleanJflegSources } from './jfleg-default.ts';

it('beats the plain spellchecker baseline (43.43 GLEU) on JFLEG dev', async () => {
  const dev = loadJflegDev();
  const { hypotheses } = await cleanJflegSources(dev.sources);
  const score = jflegGleu({ sources: dev.sources, hypotheses, references: dev.references });
  expect(score).toBeGreaterThan(43.43);
});
