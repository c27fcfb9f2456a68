// Number after words that need a plural: a singular countable noun after "many", "several", "these"
// or a number word gets its plural ("many way" -> "many ways"), and "there is" before such a
// quantifier becomes "there are" ("there is many reasons"). Only where the noun ends its phrase: in
// "many car owners" the singular is a modifier and right.
import { isMassNoun } from '../lexicon/inflection.ts';
import { BE_FORMS, MODALS, wordSet } from '../lexicon/word-lists.ts';
import type { FixRow, RowContext } from './rows.ts';

// not "both" ("both cook and eat") nor "few" ("a few left")
const PLURAL_QUANTIFIERS = wordSet(
  'many several various numerous these those two three four five six seven eight nine ten',
);
// words that can follow a noun that ends its phrase: "many ways to", "two brothers and"
const AFTER_PHRASE = wordSet(`and or but to in on at of for with from by about that which who whom are were have had
  can could will would should may might must do did because when if than like`);
const THERE_ARE_QUANTIFIERS = wordSet('many several various numerous two three four five six seven eight nine ten');
// nouns that stay singular after a number or in "these kind of"
const NO_PLURAL = wordSet('kind type sort hundred thousand million billion dozen percent per cent time');

/** Token k is a singular noun that a plural quantifier before it wants in the plural: its plural. */
function wantedPlural(ctx: RowContext, k: number): string | undefined {
  const noun = ctx.view.lower(k);
  if (!ctx.view.joined(k) || !PLURAL_QUANTIFIERS.has(ctx.view.lower(k - 1)) || NO_PLURAL.has(noun)) return undefined;
  if (BE_FORMS.has(noun) || MODALS.has(noun) || isMassNoun(noun) || !ctx.words.isNoun(noun)) return undefined;
  if (ctx.words.isPluralNoun(noun) || ctx.words.isAdjective(noun) || ctx.words.isGerund(noun)) return undefined;
  if (ctx.words.isPastForm(noun)) return undefined;
  // the noun ends the phrase: punctuation, the end, or a word that starts another phrase after it
  if (!ctx.view.endsClause(k) && !(ctx.view.joined(k + 1) && AFTER_PHRASE.has(ctx.view.lower(k + 1)))) return undefined;
  return ctx.words.plural(noun);
}

export const NUMBER_ROWS: readonly FixRow[] = [
  {
    rule: 'number.plural_after_quantifier',
    kind: 'grammar',
    message: 'a plural noun after a word that counts more than one',
    apply: (ctx, k) => {
      const plural = wantedPlural(ctx, k);
      return plural === undefined ? undefined : { fix: [[0, plural]] };
    },
  },
  {
    rule: 'agreement.there_are',
    kind: 'grammar',
    words: wordSet('there'),
    message: '"there are" before a plural',
    apply: (ctx, k) => {
      const verb = ctx.view.lower(k + 1);
      if ((verb !== 'is' && verb !== 'was') || !ctx.view.joined(k + 1) || !ctx.view.joined(k + 2)) return undefined;
      // "there is many ways", "there was several reasons"; not "there is a few" or "there is more"
      if (!THERE_ARE_QUANTIFIERS.has(ctx.view.lower(k + 2))) return undefined;
      return { fix: [[1, verb === 'is' ? 'are' : 'were']] };
    },
  },
];
