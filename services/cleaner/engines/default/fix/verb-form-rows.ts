// The verb form the word before a verb asks for: the base after a modal, "do" or "to" ("can went" ->
// "can go", "did not developed" -> "did not develop", "to took" -> "to take"), "to" instead of "for"
// before a bare verb ("for buy food" -> "to buy food"), the participle after "have" ("have went" ->
// "have gone"). Forms come from the conjugation table; a word that is also a noun or an adjective
// after the trigger ("can tired") is left to the checker.
import { baseOfPast, verbBase, verbForms } from '../lexicon/inflection.ts';
import { MODALS, PAST_ONLY, wordSet } from '../lexicon/word-lists.ts';
import type { FixRow, RowContext } from './rows.ts';

const DO_FORMS = wordSet("do does did don't doesn't didn't");
const NEGATION = wordSet('not never');
const HAVE_FORMS = wordSet('have has had');
const PURPOSE_VERBS = wordSet(
  'buy get make take find keep pay earn save learn see improve develop reduce increase avoid prevent protect',
);

/** The verb after token k, skipping "not"/"never": its token offset from k, or undefined. */
function verbAfter(ctx: RowContext, k: number): number | undefined {
  let j = k + 1;
  if (NEGATION.has(ctx.view.lower(j)) && ctx.view.joined(j)) j++;
  return ctx.view.joined(j) ? j - k : undefined;
}

/** The base of an inflected verb form that is only a verb ("went", "developed", "goes"), else undefined. */
function baseOfInflected(ctx: RowContext, form: string): string | undefined {
  const base = verbBase(form);
  if (base === undefined || base === form || ctx.words.isAdjective(form)) return undefined;
  // a past participle used as an adjective after a modal is often right ("can be used" is not here, but
  // "must finished" is rare): only past forms that are not participles, third-person and -ing forms
  const forms = verbForms(base)!;
  if (form === forms.participle && form !== forms.past) return undefined;
  if (form === forms.third && ctx.words.isPluralNoun(form)) return undefined;
  return base;
}

export const VERB_FORM_ROWS: readonly FixRow[] = [
  {
    rule: 'verb_form.after_modal',
    kind: 'grammar',
    words: new Set([...MODALS, ...DO_FORMS]),
    message: 'the base form after a modal or "do"',
    apply: (ctx, k) => {
      // "the will", "his will", "in May": a modal word used as a noun
      if (/^(?:the|a|his|her|my|your|their|our|in|of)$/.test(ctx.view.lower(k - 1))) return undefined;
      const offset = verbAfter(ctx, k);
      if (offset === undefined) return undefined;
      const form = ctx.view.lower(k + offset);
      if (form.endsWith('ing')) return undefined;
      const base = baseOfInflected(ctx, form);
      return base === undefined ? undefined : { fix: [[offset, base]] };
    },
  },
  {
    rule: 'verb_form.after_to',
    kind: 'grammar',
    words: wordSet('to'),
    message: 'the base form after "to"',
    apply: (ctx, k) => {
      const form = ctx.view.joined(k + 1) ? ctx.view.lower(k + 1) : '';
      if (!PAST_ONLY.has(form)) return undefined;
      const base = baseOfPast(form);
      return base === undefined ? undefined : { fix: [[1, base]] };
    },
  },
  {
    rule: 'verb_form.for_to',
    kind: 'grammar',
    words: wordSet('for'),
    message: '"to" before a bare verb of purpose',
    apply: (ctx, k) => {
      const verb = ctx.view.joined(k + 1) ? ctx.view.lower(k + 1) : '';
      // only verbs that are never the noun after "for" ("for instance", "for sale", "for work")
      if (!PURPOSE_VERBS.has(verb)) return undefined;
      // a purpose: something to act on follows ("for buy food", "for improve their skills")
      const object = ctx.view.joined(k + 2) ? ctx.view.lower(k + 2) : '';
      const isObject =
        /^(?:the|a|an|my|your|his|her|our|their|some|more|it|them|this|that|these|those)$/.test(object) ||
        (object !== '' && ctx.words.isNoun(object) && !ctx.words.isVerbBase(object));
      return isObject ? { fix: [[0, 'to']] } : undefined;
    },
  },
  {
    rule: 'verb_form.after_have',
    kind: 'grammar',
    words: HAVE_FORMS,
    message: 'the participle after "have"',
    apply: (ctx, k) => {
      const offset = verbAfter(ctx, k);
      if (offset === undefined) return undefined;
      const form = ctx.view.lower(k + offset);
      if (!PAST_ONLY.has(form)) return undefined;
      const base = baseOfPast(form);
      const participle = base === undefined ? undefined : verbForms(base)?.participle;
      return participle === undefined || participle === form ? undefined : { fix: [[offset, participle]] };
    },
  },
];
