// Word forms from en-inflectors: the conjugation of about 5300 verbs (base, past, participle, third
// person, -ing), noun plurals and adjective degrees. The fixers use it two ways: to turn a form into
// another ("went" -> "go" after a modal) and to recognize an over-regularized form a learner builds
// from a real word ("goed", "buyed", "childs", "gooder"), which edit distance would "correct" into an
// unrelated word.
import { Inflectors, infinitives, nonCountables } from 'en-inflectors';
import { wordCount } from './word-frequency.ts';
import { IRREGULAR_PLURALS } from './word-lists.ts';

export interface VerbForms {
  base: string;
  past: string;
  participle: string;
  third: string;
  gerund: string;
}

const VERBS = new Map<string, VerbForms>();
/** Every past, participle, third-person and -ing form -> its bases. */
const BASES = new Map<string, string[]>();
for (const [key, forms] of Object.entries(infinitives)) {
  const [base = key, past = '', participle = '', third = '', gerund = ''] = forms;
  VERBS.set(base, { base, past, participle, third, gerund });
  for (const form of [past, participle, third, gerund]) {
    if (form === '' || form === base) continue;
    const bases = BASES.get(form);
    if (bases === undefined) BASES.set(form, [base]);
    else if (!bases.includes(base)) bases.push(base);
  }
}

/** The conjugation of a verb given in its base form, or undefined when it is not a listed verb. */
export function verbForms(base: string): VerbForms | undefined {
  return VERBS.get(base);
}

/** The base form of an inflected verb form; of two verbs with the form, the more common ("went" -> "go", not "wend"). */
export function verbBase(form: string): string | undefined {
  if (VERBS.has(form)) return form;
  const bases = BASES.get(form);
  if (bases === undefined) return undefined;
  return bases.reduce((best, base) => (wordCount(base) > wordCount(best) ? base : best));
}

/**
 * The base of the verb whose past tense `form` is ("saw" -> "see", though "saw" is also a verb's base;
 * "fell" -> "fall"), the more common of several; undefined when `form` is no verb's past.
 */
export function baseOfPast(form: string): string | undefined {
  const bases = (BASES.get(form) ?? []).filter((base) => VERBS.get(base)?.past === form);
  if (bases.length === 0) return undefined;
  return bases.reduce((best, base) => (wordCount(base) > wordCount(best) ? base : best));
}

export function isIrregularVerb(base: string): boolean {
  const forms = VERBS.get(base);
  return forms !== undefined && !(regularPast(base) === forms.past && forms.past === forms.participle);
}

function regularPast(base: string): string {
  if (base.endsWith('e')) return `${base}d`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
  return `${base}ed`;
}

// Nouns whose plural is the singular: an -s on them (or on a plural without -s) is the learner's.
const SAME_PLURAL = new Set(['sheep', 'deer', 'fish', 'aircraft', 'offspring']);

export type RegularizedKind = 'past' | 'plural' | 'comparative' | 'superlative';

export interface Regularized {
  /** The real word it was built from: "go" for "goed". */
  base: string;
  kind: RegularizedKind;
  /** The right form(s): past and participle for a verb ("went", "gone"), else one. */
  forms: readonly string[];
}

// Stems a regular ending could have been added to: "goed" -> "go", "choosed" -> "choose", "runned" ->
// "run", "studyed" -> "study", "tryed" -> "try".
function stems(word: string, ending: string): string[] {
  if (!word.endsWith(ending) || word.length <= ending.length + 1) return [];
  const stem = word.slice(0, -ending.length);
  const found = [stem, `${stem}e`];
  if (/(.)\1$/.test(stem)) found.push(stem.slice(0, -1));
  if (stem.endsWith('i')) found.push(`${stem.slice(0, -1)}y`);
  return found;
}

/**
 * When `word` (lower case, not a dictionary word) is a regular ending put on a word whose form is
 * irregular: the base and the right form(s). `isWord` tells which stems are real words.
 */
export function regularizedForm(word: string, isWord: (stem: string) => boolean): Regularized | undefined {
  for (const base of [...stems(word, 'ed'), ...stems(word, 'd')]) {
    const forms = VERBS.get(base);
    if (forms !== undefined && isWord(base) && isIrregularVerb(base) && forms.past !== word)
      return { base, kind: 'past', forms: [forms.past, forms.participle] };
  }
  for (const base of [...stems(word, 's'), ...stems(word, 'es')]) {
    if (!isWord(base)) continue;
    const plural = new Inflectors(base).toPlural();
    // only irregular plurals: "childs" -> "children", "foots" -> "feet", not "gos" or "informations"
    if (plural !== word && !plural.endsWith('s') && plural !== base) return { base, kind: 'plural', forms: [plural] };
    // a word that is its own plural, given an -s: "datas" -> "data", "childrens" -> "children", "sheeps"
    if (plural === base && (IRREGULAR_PLURALS.has(base) || SAME_PLURAL.has(base)))
      return { base, kind: 'plural', forms: [base] };
  }
  for (const [ending, kind] of [
    ['er', 'comparative'],
    ['est', 'superlative'],
  ] as const) {
    for (const base of stems(word, ending)) {
      if (!isWord(base)) continue;
      const inflector = new Inflectors(base);
      const form = kind === 'comparative' ? inflector.comparative() : inflector.superlative();
      // irregular degrees only: "gooder" -> "better", "baddest" -> "worst"
      if (form !== word && !form.startsWith(base.slice(0, 2))) return { base, kind, forms: [form] };
    }
  }
  return undefined;
}

const MASS_NOUNS: ReadonlySet<string> = new Set(nonCountables);

/** A noun without a plural: "information", "advice", "pollution". */
export function isMassNoun(word: string): boolean {
  return MASS_NOUNS.has(word);
}
