// The start-up practice is only worth its time if it runs the fixers: each family must fire on it.
import { describe, expect, it } from 'vitest';
import { createDefaultCleanerEngine } from './index.ts';
import { WARMUP_PRACTICE } from './warmup-practice.ts';

// Families whose rules need no optional part (the language-model families need the trigram model).
const FAMILIES = [
  'spelling',
  'certain_errors',
  'confusion',
  'agreement',
  'verb_form',
  'a_an',
  'repeated_word',
  'capital',
  'phrase',
  'comma',
  'inflection',
];

describe('start-up practice', () => {
  it('makes every rule family fire at least once', async () => {
    const engine = createDefaultCleanerEngine({ languageModel: null });
    const fired = new Set<string>();
    for (const text of WARMUP_PRACTICE) {
      for (const edit of (await engine.clean(text)).edits) fired.add(String(edit.rule).split('.')[0] ?? '');
    }
    expect(FAMILIES.filter((family) => !fired.has(family))).toEqual([]);
  });

  it('leaves the engine answering as before', async () => {
    const engine = createDefaultCleanerEngine();
    const cold = await createDefaultCleanerEngine().clean(WARMUP_PRACTICE[0]!);
    await engine.warmup();
    expect(await engine.clean(WARMUP_PRACTICE[0]!)).toEqual(cold);
  });
});
