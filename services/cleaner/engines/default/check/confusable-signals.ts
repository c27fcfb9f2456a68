// Confusable words as data rows: a word, the context in which it is probably the other word of its
// pair, and the message. A row marks text that MIGHT be wrong ("your in a group", "more then money");
// it fixes nothing, so its context may be loose.
import { wordSet } from '../lexicon/word-lists.ts';
import { type Detector, isWord, type SignalContext } from './signal-types.ts';

interface ConfusableRow {
  /** The lower-case words the row looks at. */
  readonly words: ReadonlySet<string>;
  /** The lower-case word right after it must be one of these. */
  readonly next?: ReadonlySet<string>;
  /** A further condition on the context around token `i`. */
  readonly when?: (ctx: SignalContext, i: number) => boolean;
  /** The span reported: the word alone, or the word and the next. */
  readonly span: 'word' | 'pair';
  readonly message: string;
}

// Words between a comparative and its "than" ("more Americans died on roads in their cars than").
const THAN_REACH = 12;
const COMPARISON_WORDS = wordSet('more less rather other otherwise different differently else fewer');

const lowerAt = ({ tokens }: SignalContext, i: number): string => tokens[i]?.lower ?? '';

function comparisonBefore({ tokens, words }: SignalContext, i: number): boolean {
  return tokens
    .slice(Math.max(0, i - 4), i)
    .some(
      (t) =>
        /^(?:more|less|rather|better|worse|other)$/.test(t.lower) ||
        (/er$/.test(t.lower) && words.isAdjective(t.lower.slice(0, -2))),
    );
}

const TOO_BEFORE = wordSet(
  'much many late early small big old young expensive difficult hard fast slow pretty long short far busy',
);
const THEIR_NOUNS = wordSet('own opinion life lives parents children family friends home house job work country way');
const ITS_NEXT = wordSet(`a an the not very so is was really rightly been time because true hard important better easy
  difficult possible necessary clear obvious`);

export const CONFUSABLES: readonly ConfusableRow[] = [
  { words: wordSet('then'), when: comparisonBefore, span: 'word', message: '"then" after a comparison: "than"?' },
  {
    words: wordSet('your'),
    next: wordSet(`are is a an the not going very so welcome right wrong in on at from with by about doing being able
      too`),
    span: 'pair',
    message: '"your" where "you\'re" fits',
  },
  {
    words: wordSet('its'),
    when: (ctx, i) => {
      const following = lowerAt(ctx, i + 1);
      return ITS_NEXT.has(following) || /ly$/.test(following);
    },
    span: 'pair',
    message: '"its" where "it\'s" fits',
  },
  { words: wordSet("it's"), next: wordSet('own self'), span: 'pair', message: '"it\'s" where "its" fits' },
  {
    words: wordSet('there'),
    when: (ctx, i) => {
      const after = ctx.tokens[i + 1];
      return isWord(after) && (ctx.words.isPluralNoun(after.lower) || THEIR_NOUNS.has(after.lower));
    },
    span: 'pair',
    message: '"there" where "their" fits',
  },
  {
    words: wordSet('their'),
    next: wordSet('is are was were will would has have'),
    span: 'pair',
    message: '"their" where "there" fits',
  },
  {
    words: wordSet('to'),
    when: (ctx, i) => {
      const following = lowerAt(ctx, i + 1);
      return (
        (TOO_BEFORE.has(following) && !isWord(ctx.tokens[i + 2])) ||
        (/^(?:much|many)$/.test(following) && !/^(?:of|more)$/.test(lowerAt(ctx, i + 2)))
      );
    },
    span: 'pair',
    message: '"to" where "too" fits',
  },
  {
    words: wordSet('a an the great big positive negative bad good no strong huge side'),
    next: wordSet('affect affects'),
    span: 'pair',
    message: '"affect" as a noun: "effect"?',
  },
  {
    words: wordSet('could would should will can to'),
    next: wordSet('loose'),
    span: 'pair',
    message: '"loose" where "lose" fits',
  },
  {
    words: wordSet('than'),
    when: ({ tokens }, i) =>
      !tokens.slice(Math.max(0, i - THAN_REACH), i).some((t) => COMPARISON_WORDS.has(t.lower) || /er$/.test(t.lower)),
    span: 'word',
    message: '"than" without a comparison: "then"?',
  },
];

export const confusables: Detector = (ctx, found) => {
  ctx.tokens.forEach((token, i) => {
    if (token.kind !== 'word') return;
    for (const row of CONFUSABLES) {
      if (!row.words.has(token.lower)) continue;
      if (row.next !== undefined && !row.next.has(lowerAt(ctx, i + 1))) continue;
      if (row.when !== undefined && !row.when(ctx, i)) continue;
      found('confusable', token, row.span === 'word' ? token : ctx.tokens[i + 1]!, row.message);
    }
  });
};
