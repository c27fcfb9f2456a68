// Subject-verb agreement as rows, for subjects whose number is certain: the pronouns ("he don't",
// "they was", "I has"), a plural noun that starts its clause ("people is", "my friends has") and two
// people or things joined by "and", each with its own determiner ("my brother and my sister is"). A
// plural noun after "of" is left alone: in "one of my friends is" the subject is "one".
import { wordSet } from '../lexicon/word-lists.ts';
import type { FixRow, RowContext } from './rows.ts';

const PLURAL_SUBJECTS = wordSet('they we you');
const SINGULAR_VERB_TO_PLURAL: ReadonlyMap<string, string> = new Map([
  ['is', 'are'],
  ['was', 'were'],
  ['has', 'have'],
  ["doesn't", "don't"],
  ['does', 'do'],
]);
const THIRD_SINGULAR_FIXES: ReadonlyMap<string, string> = new Map([
  ["don't", "doesn't"],
  ['are', 'is'],
  ['were', 'was'],
]);
// Words before a plural noun that show it starts the subject: "My friends is", "Many people has".
const SUBJECT_DETERMINERS = wordSet(
  'the my your his her our their these those many most some all both two three several',
);
// Words after which a clause, and so its subject, starts: "because they was", "I think they is".
const COORDINATORS = wordSet('and or but');
const CLAUSE_OPENERS = wordSet(`and but because so that when if while although though since what than as whether
  where think thought believe know knew say said hope feel guess`);

// Determiners that make each side of "X and Y" a thing of its own: "the owner and the manager" are two,
// "the owner and manager" may be one person, "bread and butter" one dish.
const CONJUNCT_DETERMINERS = wordSet('the a an my your his her our their this that');
const CONJUNCT_PRONOUNS = wordSet('he she');
// Nouns with no plural that learners pair with a plural verb: "the information are", "this advice were".
const MASS_SUBJECTS = wordSet(
  'information advice furniture equipment luggage baggage knowledge homework news evidence traffic research',
);
const MASS_DETERMINERS = wordSet('the this that my your his her our their such much no');
const PLURAL_VERB_TO_SINGULAR: ReadonlyMap<string, string> = new Map([
  ['are', 'is'],
  ['were', 'was'],
  ['have', 'has'],
]);

const verbAfter = (ctx: RowContext, k: number): string => (ctx.view.joined(k + 1) ? ctx.view.lower(k + 1) : '');

/**
 * A clause starts at token k: the text's start, a sentence start, punctuation or a clause opener before
 * it. With `coordination` false, "and"/"or"/"but" before it do not count: "concepts and ideas is" has a
 * subject that started earlier, "He and I are" a subject of two.
 */
function startsClause(ctx: RowContext, k: number, coordination = true): boolean {
  if (k === 0 || ctx.view.startsSentence(k) || /[,;:]/.test(ctx.view.tokens[k]!.gapBefore)) return true;
  const before = ctx.view.lower(k - 1);
  return CLAUSE_OPENERS.has(before) && (coordination || !COORDINATORS.has(before));
}

/** A subject starting at token `start` opens its clause, and is no "of" phrase ("one of my friends is"). */
function opensSubject(ctx: RowContext, start: number): boolean {
  return startsClause(ctx, start, false) && ctx.view.lower(start - 1) !== 'of';
}

/** After a determiner: a noun, by the dictionary's noun flag or its plural in -s ("friend", "friends"). */
function isDeterminedNoun(ctx: RowContext, word: string): boolean {
  return ctx.words.isNoun(word) || ctx.words.singular(`${word}s`) === word;
}

/** Tokens of one side of "X and Y" ending at or starting from k: a determiner and its noun, or "he"/"she". */
function conjunctBefore(ctx: RowContext, and: number): number | undefined {
  if (CONJUNCT_PRONOUNS.has(ctx.view.lower(and - 1))) return and - 1;
  const noun = ctx.view.lower(and - 1);
  return CONJUNCT_DETERMINERS.has(ctx.view.lower(and - 2)) && ctx.view.joined(and - 1) && isDeterminedNoun(ctx, noun)
    ? and - 2
    : undefined;
}

function conjunctAfter(ctx: RowContext, and: number): number | undefined {
  if (!ctx.view.joined(and + 1)) return undefined;
  const first = ctx.view.lower(and + 1);
  if (first === 'i' || CONJUNCT_PRONOUNS.has(first)) return and + 1;
  return CONJUNCT_DETERMINERS.has(first) && ctx.view.joined(and + 2) && isDeterminedNoun(ctx, ctx.view.lower(and + 2))
    ? and + 2
    : undefined;
}

export const AGREEMENT_ROWS: readonly FixRow[] = [
  {
    rule: 'agreement.mass_noun',
    kind: 'grammar',
    words: MASS_SUBJECTS,
    message: 'a noun without a plural takes a singular verb',
    apply: (ctx, k) => {
      const form = PLURAL_VERB_TO_SINGULAR.get(verbAfter(ctx, k));
      // the noun is the subject's head: at its clause's start or right after a determiner that does
      // ("the information are"), not after "of" ("pieces of advice are") or inside a compound
      const start = MASS_DETERMINERS.has(ctx.view.lower(k - 1)) && ctx.view.joined(k) ? k - 1 : k;
      if (form === undefined || !opensSubject(ctx, start)) return undefined;
      return { fix: [[1, form]] };
    },
  },
  {
    rule: 'agreement.compound_subject',
    kind: 'grammar',
    words: wordSet('and'),
    message: 'the verb agrees with a subject of two',
    apply: (ctx, k) => {
      const start = conjunctBefore(ctx, k);
      const end = conjunctAfter(ctx, k);
      if (start === undefined || end === undefined || !ctx.view.joined(k)) return undefined;
      const form = SINGULAR_VERB_TO_PLURAL.get(verbAfter(ctx, end));
      // the pair opens its clause: "I met my brother and my sister is here" has "my sister" alone
      if (form === undefined || !opensSubject(ctx, start)) return undefined;
      return { fix: [[end - k + 1, form]] };
    },
  },
  {
    rule: 'agreement.plural_pronoun',
    kind: 'grammar',
    words: PLURAL_SUBJECTS,
    message: 'the verb agrees with a plural subject',
    apply: (ctx, k) => {
      const form = SINGULAR_VERB_TO_PLURAL.get(verbAfter(ctx, k));
      // the pronoun opens its clause: not a question ("is they"), not an object ("let them")
      return form !== undefined && startsClause(ctx, k) ? { fix: [[1, form]] } : undefined;
    },
  },
  {
    rule: 'agreement.i',
    kind: 'grammar',
    words: wordSet('i'),
    message: 'the verb agrees with "I"',
    apply: (ctx, k) => {
      const verb = verbAfter(ctx, k);
      const form =
        verb === 'is' || verb === 'are' ? 'am' : verb === 'has' ? 'have' : verb === "doesn't" ? "don't" : undefined;
      return form !== undefined && startsClause(ctx, k, false) ? { fix: [[1, form]] } : undefined;
    },
  },
  {
    rule: 'agreement.singular_pronoun',
    kind: 'grammar',
    words: wordSet('he she it'),
    message: 'the verb agrees with a singular subject',
    apply: (ctx, k) => {
      const form = THIRD_SINGULAR_FIXES.get(verbAfter(ctx, k));
      return form !== undefined && startsClause(ctx, k) ? { fix: [[1, form]] } : undefined;
    },
  },
  {
    rule: 'agreement.plural_noun',
    kind: 'grammar',
    message: 'the verb agrees with a plural subject',
    apply: (ctx, k) => {
      const noun = ctx.view.lower(k);
      const form = SINGULAR_VERB_TO_PLURAL.get(verbAfter(ctx, k));
      if (form === undefined || form === 'do' || /(?:ics|ss|news)$/.test(noun)) return undefined;
      // the plural noun is the subject's head: at the clause start, or after a determiner (after which an
      // -s word with a singular in the dictionary is a noun)
      const determined = SUBJECT_DETERMINERS.has(ctx.view.lower(k - 1)) && ctx.view.joined(k);
      if (!(ctx.words.isPluralNoun(noun) || (determined && ctx.words.singular(noun) !== undefined))) return undefined;
      const start = determined ? k - 1 : k;
      if (!opensSubject(ctx, start)) return undefined;
      return { fix: [[1, form]] };
    },
  },
];
