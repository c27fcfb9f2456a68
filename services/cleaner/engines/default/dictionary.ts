// The Hunspell en_US dictionary (dictionary-en) behind nspell, loaded once per process on first use.
// The files are read synchronously next to the package entry so that `check()` (synchronous by
// contract) can use it too; loading takes about 0.2 s, which `warmup()` moves to start-up.
import { readFileSync } from 'node:fs';
import nspell from 'nspell';
import { MprError, errorMessage } from '../../../../lib/errors.ts';

export interface SpellDictionary {
  correct(word: string): boolean;
  /** Hunspell's candidates for a misspelled word, memoized (suggestions cost 2-25 ms each). */
  suggest(word: string): readonly string[];
}

const SUGGESTION_CACHE_LIMIT = 20_000;
let shared: SpellDictionary | undefined;

export function spellDictionary(): SpellDictionary {
  shared ??= load();
  return shared;
}

function load(): SpellDictionary {
  let spell: ReturnType<typeof nspell>;
  try {
    const base = new URL('.', import.meta.resolve('dictionary-en'));
    spell = nspell({ aff: readFileSync(new URL('index.aff', base)), dic: readFileSync(new URL('index.dic', base)) });
  } catch (error) {
    throw new MprError('unavailable', `cannot load the English Hunspell dictionary: ${errorMessage(error)}`, { cause: error });
  }
  const correctCache = new Map<string, boolean>();
  const suggestCache = new Map<string, readonly string[]>();
  return {
    correct(word) {
      let known = correctCache.get(word);
      if (known === undefined) {
        known = spell.correct(word);
        if (correctCache.size >= SUGGESTION_CACHE_LIMIT * 5) correctCache.clear();
        correctCache.set(word, known);
      }
      return known;
    },
    suggest(word) {
      let candidates = suggestCache.get(word);
      if (candidates === undefined) {
        candidates = Object.freeze(spell.suggest(word));
        if (suggestCache.size >= SUGGESTION_CACHE_LIMIT) suggestCache.clear();
        suggestCache.set(word, candidates);
      }
      return candidates;
    },
  };
}
