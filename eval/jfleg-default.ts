// Prints JFLEG dev GLEU of copy-source, the published spellchecker baseline and the embedded default
// cleaner side by side: `node eval/jfleg-default.ts` (data read from ../shared/data/jfleg).
import { createDefaultCleanerEngine } from '../services/cleaner/engines/default/index.ts';
import { jflegGleu } from './gleu.ts';
import { loadJflegDev } from './jfleg-data.ts';
import { detokenize, tokenize } from './ptb-tokenize.ts';

export async function cleanJflegSources(sources: string[]): Promise<{ hypotheses: string[]; msPerSentence: number }> {
  const engine = createDefaultCleanerEngine();
  await engine.warmup();
  const started = performance.now();
  const hypotheses: string[] = [];
  for (const source of sources) hypotheses.push(tokenize((await engine.clean(detokenize(source))).cleanedText));
  return { hypotheses, msPerSentence: (performance.now() - started) / sources.length };
}

async function main(): Promise<void> {
  const dev = loadJflegDev();
  const { sources, references } = dev;
  const { hypotheses, msPerSentence } = await cleanJflegSources(sources);
  const rows = [
    ['copy source', jflegGleu({ sources, hypotheses: sources, references })],
    ['spellchecker baseline', jflegGleu({ sources, hypotheses: dev.spellchecked, references })],
    ['default cleaner (jw2-rules)', jflegGleu({ sources, hypotheses, references })],
  ] as const;
  console.log(`JFLEG dev, ${sources.length} sentences, GLEU x 100`);
  for (const [name, score] of rows) console.log(`  ${name.padEnd(28)} ${score.toFixed(2)}`);
  console.log(`  default cleaner time per sentence: ${msPerSentence.toFixed(2)} ms (dictionary preloaded)`);
}

if (import.meta.main) await main();
