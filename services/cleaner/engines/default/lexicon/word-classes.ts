// Rough word classes for the checker's heuristics, from the Hunspell affix flags plus the closed lists
// of word-lists.ts. "Rough" is the point: a word can be a noun and a verb ("work"), so every class here
// is a hint that raises or lowers suspicion, never on its own a reason to rewrite text.
import type { SpellDictionary } from './dictionary.ts';
import { CLOSED_CLASS, DETERMINERS, IRREGULAR_PLURALS, IRREGULAR_VERBS } from './word-lists.ts';

const PAST = new Map<string, string>();
const PARTICIPLE = new Map<string, string>();
const BASE = new Set<string>();
for (const [base, past, participle] of IRREGULAR_VERBS) {
  BASE.add(base);
  PAST.set(past, base);
  PARTICIPLE.set(participle, base);
}

/** -s words that are not plurals. */
const NOT_PLURAL = /(?:ss|us|is|ics|news|ness|ous|ways|series|species|less)$/;

export class WordClasses {
  private readonly dictionary: SpellDictionary;

  constructor(dictionary: SpellDictionary) {
    this.dictionary = dictionary;
  }

  known(word: string): boolean {
    return this.dictionary.correct(word) || this.dictionary.correct(word.toLowerCase());
  }

  /** Listed by Hunspell with no affix flag ("decrease"): its classes are unknown, any is possible. */
  hasNoAffixes(word: string): boolean {
    return this.dictionary.flags(word)?.length === 0;
  }

  private has(word: string, flag: string): boolean {
    return this.dictionary.flags(word)?.includes(flag) ?? false;
  }

  /** A stem that takes -ing or -ed, or an irregular base: "go", "develop". */
  isVerbBase(word: string): boolean {
    if (CLOSED_CLASS.has(word)) return false;
    return BASE.has(word) || this.has(word, 'G') || this.has(word, 'D');
  }

  /** A verb that is not also a noun or an adjective: "develop", "relax", not "work" or "open". */
  isPureVerb(word: string): boolean {
    const flags = this.dictionary.flags(word);
    if (BASE.has(word)) return true;
    // R is -er: comparatives, but also agent nouns of verbs ("decider"), so it does not exclude a verb
    return flags !== undefined && this.isVerbBase(word) && !flags.some((flag) => 'MTPY'.includes(flag));
  }

  /** "-ing" form of a verb: "making", "developing" (not "bring", "thing"). */
  isGerund(word: string): boolean {
    const stem = /^(.+)ing$/.exec(word)?.[1];
    if (stem === undefined || stem.length < 2 || BASE.has(word)) return false;
    return [stem, `${stem}e`, stem.slice(0, -1)].some((base) => base.length > 1 && this.isVerbBase(base));
  }

  /** Simple past or past participle: "developed", "went", "chosen". */
  isPastForm(word: string): boolean {
    if (PAST.has(word) || PARTICIPLE.has(word)) return !BASE.has(word);
    const stem = /^(.+?)e?d$/.exec(word)?.[1];
    if (stem === undefined || !word.endsWith('ed') || !this.dictionary.correct(word)) return false;
    return (
      this.isVerbBase(stem) ||
      this.isVerbBase(`${stem}e`) ||
      this.isVerbBase(stem.replace(/i$/, 'y')) ||
      this.isVerbBase(stem.slice(0, -1))
    );
  }

  /** An irregular past participle, also when it equals the base: "put", "come", "gone". */
  isParticiple(word: string): boolean {
    return PARTICIPLE.has(word);
  }

  /** Third person singular "-s" of a verb: "goes", "develops" (also plural nouns of verb stems). */
  isThirdPerson(word: string): boolean {
    if (!word.endsWith('s') || NOT_PLURAL.test(word) || word === 'does' || word === 'has' || word === 'is')
      return false;
    const stem = this.singular(word);
    return stem !== undefined && this.isVerbBase(stem);
  }

  /** The stem of an -s plural when the dictionary has it: "cars" -> "car", "studies" -> "study". */
  singular(word: string): string | undefined {
    if (!word.endsWith('s') || NOT_PLURAL.test(word) || word.length < 4) return undefined;
    const flags = this.dictionary.flags(word);
    if (flags !== undefined && flags.length > 0) return undefined; // a stem of its own: "news", "lens"
    for (const stem of [word.slice(0, -1), word.slice(0, -2), `${word.slice(0, -3)}y`]) {
      if (this.has(stem, 'S') && stem.length >= 2) return stem;
    }
    return undefined;
  }

  /** The -s plural the dictionary has for a noun stem: "car" -> "cars", "city" -> "cities". */
  plural(word: string): string | undefined {
    if (!(this.has(word, 'S') || this.has(word, 'M')) || CLOSED_CLASS.has(word) || DETERMINERS.has(word))
      return undefined;
    const forms = /[^aeiou]y$/.test(word)
      ? [`${word.slice(0, -1)}ies`]
      : /(?:s|x|z|ch|sh)$/.test(word)
        ? [`${word}es`]
        : [`${word}s`];
    return forms.find((form) => this.dictionary.correct(form));
  }

  isPluralNoun(word: string): boolean {
    if (IRREGULAR_PLURALS.has(word)) return true;
    const stem = this.singular(word);
    return stem !== undefined && this.has(stem, 'M');
  }

  /** A countable noun in the singular that is not also a verb, adjective or adverb: "job", "car". */
  isSingularCountable(word: string): boolean {
    if (CLOSED_CLASS.has(word) || DETERMINERS.has(word) || IRREGULAR_PLURALS.has(word)) return false;
    const flags = this.dictionary.flags(word);
    if (flags === undefined || !flags.includes('M') || !flags.includes('S')) return false;
    return !flags.some((flag) => 'GDRTPY'.includes(flag)) && !BASE.has(word);
  }

  /** A noun stem with a plural, also when it is a verb too: "school", "place", "work". */
  isCountableNoun(word: string): boolean {
    if (CLOSED_CLASS.has(word) || DETERMINERS.has(word) || IRREGULAR_PLURALS.has(word) || this.mayBeAdjective(word))
      return false;
    const flags = this.dictionary.flags(word);
    return (flags?.includes('S') ?? false) && (flags?.includes('M') || this.dictionary.correct(`${word}s`));
  }

  /** A noun by Hunspell's possessive flag, or a plural of one: "food", "skills". */
  isNoun(word: string): boolean {
    return this.has(word, 'M') || this.isPluralNoun(word);
  }

  /** Loose adjective test for skipping modifiers: any comparative/-ness/-ly flag or an adjective suffix. */
  mayBeAdjective(word: string): boolean {
    if (/(?:al|ful|ous|ive|ic|able|ible|ant|ent|ed|less|ary|ish)$/.test(word)) return true;
    const flags = this.dictionary.flags(word);
    return (flags?.some((flag) => 'RTPY'.includes(flag)) ?? false) && !CLOSED_CLASS.has(word);
  }

  /** Adjective-like: takes -er/-est, -ness or -ly and is not a noun. */
  isAdjective(word: string): boolean {
    const flags = this.dictionary.flags(word);
    if (flags === undefined || flags.includes('M')) return false;
    return flags.some((flag) => 'RTPY'.includes(flag)) && !flags.includes('G');
  }
}

let shared: { dictionary: SpellDictionary; words: WordClasses } | undefined;

/** The word classes over `dictionary`, made once per dictionary. */
export function wordClassesOf(dictionary: SpellDictionary): WordClasses {
  if (shared?.dictionary !== dictionary) shared = { dictionary, words: new WordClasses(dictionary) };
  return shared.words;
}
