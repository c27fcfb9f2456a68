// The candidate families of the language-model pass, one row each (after Bryant & Briscoe 2018,
// "Language Model Based Grammatical Error Correction without Annotated Training Data"): for a word of
// the text, the few other words a learner may have meant there — another preposition, the determiner
// of the other number ("this"/"these", "much"/"many"), the other number of a noun, the verb's -s form
// or base, its base after "to", its participle. The pass (lm-fixer.ts) scores each by the word trigram model and makes the
// best only when it beats the text as written by the row's margin. Sets for articles (missing, extra,
// wrong), dropped prepositions, tense, -ing forms, forms of "be", adjective/adverb, auxiliaries,
// pronoun case, conjunctions and common word-choice pairs were measured too and left out: with this
// model they made about as many sentences of JFLEG dev worse as better at every margin.
import type { EditKindName } from '../../../engine.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { isMassNoun, type VerbForms, verbBase, verbForms } from '../lexicon/inflection.ts';
import type { WordClasses } from '../lexicon/word-classes.ts';
import { BE_FORMS, CLOSED_CLASS, DETERMINERS, MODALS, wordSet } from '../lexicon/word-lists.ts';
import type { WordView } from './word-view.ts';

export interface CandidateContext {
  view: WordView;
  words: WordClasses;
  dictionary: SpellDictionary;
}

export interface CandidateFamily {
  readonly rule: string;
  readonly kind: EditKindName;
  readonly message: string;
  /**
   * The gain in log10 probability (the trigrams the edit touches, after minus before) a candidate
   * must exceed: the higher, the surer the model must be.
   */
  readonly margin: number;
  /** Lower-case words it starts at; undefined: any word. */
  readonly words?: ReadonlySet<string>;
  /** Lower-case words that may stand for token k instead. */
  readonly candidates: (ctx: CandidateContext, k: number) => readonly string[];
}

const PREPOSITIONS = wordSet('in on at for to of with from about by into');

/** Words that are no nouns to count: function words, pronouns, determiners. */
const NOT_COUNTED = new Set([
  ...CLOSED_CLASS,
  ...DETERMINERS,
  ...BE_FORMS,
  ...MODALS,
  ...wordSet(`i me my mine you your yours he him his she her hers it its we us our ours they them their theirs
    who whom whose what which where when why how do does did have has had none nothing something anything
    everything someone anyone everyone people ones others`),
]);

/** Is token k a word after a determiner, one word apart at most ("a ... expert", "the old house")? */
function hasDeterminer(view: WordView, k: number): boolean {
  for (let j = k; j > k - 2 && view.joined(j); j--) if (DETERMINERS.has(view.lower(j - 1))) return true;
  return false;
}

/**
 * The other number of a noun that is no verb form: its plural, or its singular when a determiner
 * comes before it (a singular noun cannot stand bare: "met interesting persons" is no "met
 * interesting person"), when the dictionary has it.
 */
function otherNumber(ctx: CandidateContext, k: number): readonly string[] {
  const { view, words, dictionary } = ctx;
  const word = view.lower(k);
  if (isMassNoun(word) || NOT_COUNTED.has(word) || word.includes("'")) return [];
  // a verb's base or -s form ("needs", "work") belongs to the -s form family
  const base = verbBase(word);
  if (base !== undefined && (base === word || verbForms(base)?.third === word)) return [];
  const singular = words.singular(word);
  if (singular !== undefined) return hasDeterminer(view, k) ? [singular] : [];
  if (!words.isNoun(word)) return [];
  const plural = words.plural(word);
  return plural !== undefined && dictionary.correct(plural) ? [plural] : [];
}

/** Determiners a learner confuses by number or countability, as sets of words that may stand for each other. */
const DETERMINER_SETS =
  'this these|that those|much many|other others|another other|every all|each every|little few|less fewer';

/** Each word of the sets -> the other words of its sets. */
function alternatives(sets: string): ReadonlyMap<string, readonly string[]> {
  const found = new Map<string, string[]>();
  for (const set of sets.split('|')) {
    const words = set.trim().split(' ');
    for (const word of words) found.set(word, [...(found.get(word) ?? []), ...words.filter((other) => other !== word)]);
  }
  return found;
}

const DETERMINER_ALTERNATIVES = alternatives(DETERMINER_SETS);
const PLURAL_DETERMINERS = wordSet('these those many few fewer all');

type FormName = keyof VerbForms;

/** A family of verb forms: for a verb in one form, the other forms the pairs [from, to] allow. */
function verbFamily(
  rule: string,
  message: string,
  margin: number,
  pairs: readonly (readonly [FormName, FormName])[],
): CandidateFamily {
  return {
    rule,
    kind: 'grammar',
    message,
    margin,
    // the conjugation table's forms are real words; the model's vocabulary filters the rare ones
    candidates: ({ view }, k) => {
      const word = view.lower(k);
      // modals and "be" have forms of their own ("could" is no past of "can" here)
      if (CLOSED_CLASS.has(word) || BE_FORMS.has(word) || MODALS.has(word) || word.includes("'")) return [];
      // after "I" the first-person rule decides: the model cannot tell the pronoun from "Henry I"
      if (view.joined(k) && view.tokens[k - 1]!.text === 'I') return [];
      const base = verbBase(word);
      const forms = base === undefined ? undefined : verbForms(base);
      if (forms === undefined) return [];
      const found = new Set<string>();
      for (const [from, to] of pairs) if (forms[from] === word && forms[to] !== word) found.add(forms[to]);
      return [...found].filter((form) => form !== '');
    },
  };
}

export const LM_FAMILIES: readonly CandidateFamily[] = [
  {
    rule: 'lm.preposition',
    kind: 'grammar',
    message: 'the preposition the words around it ask for',
    margin: 3,
    words: PREPOSITIONS,
    candidates: ({ view }, k) => [...PREPOSITIONS].filter((preposition) => preposition !== view.lower(k)),
  },
  {
    rule: 'lm.determiner',
    kind: 'grammar',
    message: 'the determiner the noun after it asks for',
    margin: 1.5,
    words: new Set(DETERMINER_ALTERNATIVES.keys()),
    candidates: ({ view, words }, k) => {
      const determiner = view.lower(k);
      // a plural noun in the next two words keeps a plural determiner: "these evidence files"
      const plural = (word: string) => words.isPluralNoun(word) || words.singular(word) !== undefined;
      const pluralFollows = [1, 2].some((j) => view.joined(k + j) && plural(view.lower(k + j)));
      if (PLURAL_DETERMINERS.has(determiner) && pluralFollows) return [];
      const found = DETERMINER_ALTERNATIVES.get(determiner) ?? [];
      // "an other" is "another", never "an another"
      return view.joined(k) && /^(?:a|an|the)$/.test(view.lower(k - 1)) ? found.filter((w) => w !== 'another') : found;
    },
  },
  {
    rule: 'lm.noun_number',
    kind: 'grammar',
    message: 'the number the words around the noun ask for',
    margin: 2.5,
    candidates: otherNumber,
  },
  // a verb's -s form or its base, which for a word that is also a noun is its number ("place(s)")
  verbFamily('lm.s_form', 'the -s form or the base the words around it ask for (agreement, number)', 2, [
    ['base', 'third'],
    ['third', 'base'],
  ]),
  {
    rule: 'lm.verb_after_to',
    kind: 'grammar',
    message: 'the base form after "to"',
    margin: 1,
    candidates: ({ view, words }, k) => {
      if (!view.joined(k) || view.lower(k - 1) !== 'to') return [];
      const word = view.lower(k);
      // "to places", "to seeing you": a noun or an -ing form after the preposition "to" stays
      if (CLOSED_CLASS.has(word) || BE_FORMS.has(word) || MODALS.has(word) || words.isNoun(word)) return [];
      if (word.endsWith('ing')) return [];
      const base = verbBase(word);
      return base === undefined || base === word ? [] : [base];
    },
  },
  verbFamily('lm.verb_participle', 'the participle the words around the verb ask for', 3, [
    ['base', 'participle'],
    ['past', 'participle'],
    ['participle', 'base'],
  ]),
];
