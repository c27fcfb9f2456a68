// Subject-verb agreement as rows, for subjects whose number is certain: the pronouns ("he don't",
// "they was", "I has") and a plural noun that starts its clause ("people is", "my friends has"). A
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

export const AGREEMENT_ROWS: readonly FixRow[] = [
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
      if (!startsClause(ctx, start, false) || ctx.view.lower(start - 1) === 'of') return undefined;
      return { fix: [[1, form]] };
    },
  },
];
