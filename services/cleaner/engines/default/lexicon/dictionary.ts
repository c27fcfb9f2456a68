// The Hunspell en_US dictionary (dictionary-en) behind nspell, loaded once per process on first use.
// nspell answers "is this a word"; candidates for a misspelling come from our own search of the
// expanded word forms (same first letter, similar length, bounded weighted distance, plus one-edit
// changes of the first letter, and a first vowel swapped for another with one more edit), many times quicker than nspell's suggest().
// The files are read synchronously so that `check()` (synchronous by contract) can use them;
// `warmup()` moves the load to start-up.
import { readFileSync } from 'node:fs';
import nspell from 'nspell';
import { MprError, errorMessage } from '../../../../../lib/errors.ts';
import { weightedDistance } from './word-distance.ts';
import { WordTrie } from './word-trie.ts';

export interface Candidate {
  word: string;
  distance: number;
}

export interface SpellDictionary {
  correct(word: string): boolean;
  /** Lower-case dictionary words within `MAX_DISTANCE` of a lower-case misspelling, memoized. */
  candidates(word: string): readonly Candidate[];
  /**
   * Hunspell affix flags of a dictionary stem (en_US: M possessive -> noun, S plural or -s, G -ing and
   * D -ed -> verb, R/T/P/Y comparative, superlative, -ness, -ly -> adjective); empty for a derived form,
   * undefined for a word the dictionary does not list as a stem.
   */
  flags(word: string): readonly string[] | undefined;
}

const MAX_DISTANCE = 2;
// a long word can carry one more slip and still have only one close word ("definelty", "eldelery")
const LONG_WORD = 8;
const LONG_MAX_DISTANCE = 2.6;
const CACHE_LIMIT = 50_000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const VOWELS = 'aeiou';
let shared: SpellDictionary | undefined;

export function spellDictionary(): SpellDictionary {
  shared ??= load();
  return shared;
}

interface Spell {
  correct(word: string): boolean;
  data: Record<string, string[] | undefined>;
}

function load(): SpellDictionary {
  let spell: Spell;
  try {
    const base = new URL('.', import.meta.resolve('dictionary-en'));
    const aff = readFileSync(new URL('index.aff', base));
    const dic = readFileSync(new URL('index.dic', base));
    spell = nspell({ aff, dic }) as unknown as Spell;
  } catch (error) {
    throw new MprError('unavailable', `cannot load the English Hunspell dictionary: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  // every expanded lower-case word form, in a trie for the candidate search
  const forms = new Set<string>();
  for (const word of Object.keys(spell.data)) if (/^[a-z][a-z']*$/.test(word)) forms.add(word);
  const trie = new WordTrie(forms);
  const correctCache = new Map<string, boolean>();
  const candidateCache = new Map<string, readonly Candidate[]>();

  function scan(word: string): Candidate[] {
    const bound = word.length >= LONG_WORD ? LONG_MAX_DISTANCE : MAX_DISTANCE;
    const found = trie.withinDistance(word, bound, MAX_DISTANCE);
    // a wrong first letter: only single edits there ("wich" is scanned, "hwich" -> "which" here)
    const rest = word.slice(1);
    const variants = [rest, word[1] + word[0]! + word.slice(2)];
    for (const letter of LETTERS) variants.push(letter + rest, letter + word);
    for (const form of variants) {
      if (form !== word && forms.has(form) && !found.has(form)) found.set(form, weightedDistance(word, form));
    }
    // a wrong first vowel with one more slip ("inviroment" -> "environment")
    if (VOWELS.includes(word[0]!)) {
      for (const vowel of VOWELS) {
        if (vowel === word[0]) continue;
        for (const form of trie.withinDistance(vowel + rest, 1, 1).keys()) {
          if (found.has(form)) continue;
          const distance = weightedDistance(word, form);
          if (distance <= bound) found.set(form, distance);
        }
      }
    }
    return [...found].map(([w, distance]) => ({ word: w, distance }));
  }

  return {
    correct(word) {
      let known = correctCache.get(word);
      if (known === undefined) {
        known = spell.correct(word);
        if (correctCache.size >= CACHE_LIMIT) correctCache.clear();
        correctCache.set(word, known);
      }
      return known;
    },
    flags(word) {
      return Object.hasOwn(spell.data, word) ? spell.data[word] : undefined;
    },
    candidates(word) {
      let list = candidateCache.get(word);
      if (list === undefined) {
        list = Object.freeze(scan(word));
        if (candidateCache.size >= CACHE_LIMIT) candidateCache.clear();
        candidateCache.set(word, list);
      }
      return list;
    },
  };
}
