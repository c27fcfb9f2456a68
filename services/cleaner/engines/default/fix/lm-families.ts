// The candidate families of the language-model pass, one row each (after Bryant & Briscoe 2018,
// "Language Model Based Grammatical Error Correction without Annotated Training Data"): for a word of
// the text, the few other things a learner may have meant there — another article or none, another
// preposition or none, another form of the same word — and for a gap, a missing article. The pass
// (lm-fixer.ts) scores each by the word trigram model and keeps the best only when it beats the text
// as written by the row's margin.
import type { EditKindName } from '../../../engine.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { isMassNoun, type VerbForms, verbBase, verbForms } from '../lexicon/inflection.ts';
import type { WordClasses } from '../lexicon/word-classes.ts';
import { BE_FORMS, CLOSED_CLASS, DETERMINERS, MODALS, wordSet } from '../lexicon/word-lists.ts';
import { startsWithVowelSound } from './articles.ts';
import type { WordView } from './word-view.ts';

export interface CandidateContext {
  view: WordView;
  words: WordClasses;
  dictionary: SpellDictionary;
}

/** At token k: replace it with `words` (`remove` 1; none deletes it) or put `words` before it (`remove` 0). */
export interface Candidate {
  remove: 0 | 1;
  words: readonly string[];
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
  readonly candidates: (ctx: CandidateContext, k: number) => readonly Candidate[];
}

const ARTICLES = wordSet('a an the');
const PREPOSITIONS = wordSet('in on at for to of with from about by into');
/** Words an article never goes before: function words, pronouns, determiners. */
const NO_ARTICLE_BEFORE = new Set([
  ...CLOSED_CLASS,
  ...DETERMINERS,
  ...BE_FORMS,
  ...MODALS,
  ...wordSet(`i me my mine you your yours he him his she her hers it its we us our ours they them their theirs
    who whom whose what which where when why how if because while although though since until unless whether
    do does did have has had been not none nothing something anything everything someone anyone everyone
    people ones`),
]);
/** Words after which no article goes: an article, a determiner, a possessive. */
const NO_ARTICLE_AFTER = new Set([...DETERMINERS, ...wordSet('whose')]);

/**
 * Can a noun phrase start after `previous`? Not after a determiner or a possessive, nor inside one
 * ("the reading passage", "a very good idea"): after an adjective, a gerund or a word that is only a noun.
 */
function opensNounPhrase(words: WordClasses, previous: string): boolean {
  if (NO_ARTICLE_AFTER.has(previous) || previous.endsWith("'s") || previous.endsWith("s'")) return false;
  if ((words.mayBeAdjective(previous) && !words.isPastForm(previous)) || words.isGerund(previous)) return false;
  return !(words.isNoun(previous) && !words.isVerbBase(previous)) && !/^(?:very|so|too|more|most)$/.test(previous);
}

const replaceWith = (word: string): Candidate => ({ remove: 1, words: [word] });
const DELETE: readonly Candidate[] = [{ remove: 1, words: [] }];

function indefinite(word: string): string {
  return startsWithVowelSound(word) ? 'an' : 'a';
}

/** Another form of the noun: its plural or its singular, when the dictionary has it. */
function otherNumber(words: WordClasses, dictionary: SpellDictionary, word: string): string | undefined {
  if (isMassNoun(word) || NO_ARTICLE_BEFORE.has(word) || word.includes("'")) return undefined;
  // a verb's base or -s form ("needs", "work") is the agreement family's
  const base = verbBase(word);
  if (base !== undefined && (base === word || verbForms(base)?.third === word)) return undefined;
  const singular = words.singular(word);
  if (singular !== undefined) return singular;
  if (!words.isNoun(word)) return undefined;
  const plural = words.plural(word);
  return plural !== undefined && dictionary.correct(plural) ? plural : undefined;
}

const LY_STEMS: readonly ((word: string) => string)[] = [
  (w) => w.slice(0, -2), // quickly -> quick
  (w) => `${w.slice(0, -3)}y`, // easily -> easy
  (w) => `${w.slice(0, -1)}e`, // simply -> simple
  (w) => w.slice(0, -4), // basically -> basic
];
const LY_FORMS: readonly ((word: string) => string)[] = [
  (w) => `${w}ly`,
  (w) => `${w.slice(0, -1)}ily`,
  (w) => `${w.slice(0, -1)}y`,
  (w) => `${w}ally`,
];

type FormName = keyof VerbForms;

/** A family of verb forms: for a verb in one form, the other forms the pairs [from, to] allow. */
function verbFamily(rule: string, message: string, pairs: readonly (readonly [FormName, FormName])[]): CandidateFamily {
  return {
    rule,
    kind: 'grammar',
    message,
    margin: 1.0,
    candidates: ({ view, dictionary }, k) => {
      const word = view.lower(k);
      if (CLOSED_CLASS.has(word) || BE_FORMS.has(word) || MODALS.has(word) || word.includes("'")) return [];
      const base = verbBase(word);
      const forms = base === undefined ? undefined : verbForms(base);
      if (forms === undefined) return [];
      const found = new Set<string>();
      for (const [from, to] of pairs) if (forms[from] === word && forms[to] !== word) found.add(forms[to]);
      return [...found].filter((form) => form !== '' && dictionary.correct(form)).map(replaceWith);
    },
  };
}

export const LM_FAMILIES: readonly CandidateFamily[] = [
  {
    rule: 'lm.article.missing',
    kind: 'article',
    message: 'an article the words around it ask for',
    margin: 1.0,
    candidates: ({ view, words }, k) => {
      const word = view.lower(k);
      if (NO_ARTICLE_BEFORE.has(word) || word.includes("'") || isMassNoun(word)) return [];
      // a bare singular noun, or an adjective that may open its noun phrase
      const singular = words.isCountableNoun(word) && !words.isPluralNoun(word);
      if (!singular && !words.isAdjective(word)) return [];
      if (view.joined(k) && !opensNounPhrase(words, view.lower(k - 1))) return [];
      return [
        { remove: 0, words: ['the'] },
        { remove: 0, words: [indefinite(word)] },
      ];
    },
  },
  {
    rule: 'lm.article.extra',
    kind: 'article',
    message: 'no article here',
    margin: 1.0,
    words: ARTICLES,
    candidates: () => DELETE,
  },
  {
    rule: 'lm.article.wrong',
    kind: 'article',
    message: 'the other article',
    margin: 1.0,
    words: ARTICLES,
    candidates: ({ view }, k) => {
      if (view.lower(k) !== 'the') return [replaceWith('the')];
      const next = view.joined(k + 1) ? view.lower(k + 1) : '';
      return next === '' ? [] : [replaceWith(indefinite(next))];
    },
  },
  {
    rule: 'lm.preposition.wrong',
    kind: 'grammar',
    message: 'the preposition the words around it ask for',
    margin: 1.0,
    words: PREPOSITIONS,
    candidates: ({ view }, k) => [...PREPOSITIONS].filter((p) => p !== view.lower(k)).map(replaceWith),
  },
  {
    rule: 'lm.preposition.extra',
    kind: 'grammar',
    message: 'no preposition here',
    margin: 1.0,
    words: PREPOSITIONS,
    candidates: () => DELETE,
  },
  {
    rule: 'lm.noun_number',
    kind: 'grammar',
    message: 'the number the words around the noun ask for',
    margin: 1.0,
    candidates: ({ view, words, dictionary }, k) => {
      const other = otherNumber(words, dictionary, view.lower(k));
      return other === undefined ? [] : [replaceWith(other)];
    },
  },
  verbFamily('lm.verb_form.agreement', 'the verb form its subject asks for', [
    ['base', 'third'],
    ['third', 'base'],
  ]),
  verbFamily('lm.verb_form.tense', 'the tense the words around the verb ask for', [
    ['base', 'past'],
    ['third', 'past'],
    ['past', 'base'],
  ]),
  verbFamily('lm.verb_form.participle', 'the participle the words around the verb ask for', [
    ['base', 'participle'],
    ['past', 'participle'],
    ['participle', 'base'],
  ]),
  verbFamily('lm.verb_form.gerund', 'the -ing form or the base form the words around the verb ask for', [
    ['base', 'gerund'],
    ['gerund', 'base'],
  ]),
  {
    rule: 'lm.be_form',
    kind: 'grammar',
    message: 'the form of "be" the words around it ask for',
    margin: 1.0,
    words: wordSet('is are was were be been'),
    candidates: ({ view }, k) =>
      ['is', 'are', 'was', 'were', 'be', 'been'].filter((w) => w !== view.lower(k)).map(replaceWith),
  },
  {
    rule: 'lm.adverb',
    kind: 'grammar',
    message: 'the adjective or adverb the words around it ask for',
    margin: 1.0,
    candidates: ({ view, words, dictionary }, k) => {
      const word = view.lower(k);
      if (CLOSED_CLASS.has(word) || word.length < 4) return [];
      const forms = word.endsWith('ly')
        ? LY_STEMS.map((stem) => stem(word)).filter((stem) => words.isAdjective(stem) || words.mayBeAdjective(stem))
        : words.isAdjective(word) || words.mayBeAdjective(word)
          ? LY_FORMS.map((form) => form(word))
          : [];
      return [...new Set(forms)]
        .filter((form) => form !== word && form.length > 2 && dictionary.correct(form))
        .map(replaceWith);
    },
  },
];
