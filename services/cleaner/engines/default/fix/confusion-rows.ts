// Confusion sets as rows: there/their/they're, its/it's, your/you're, then/than, to/too, lose/loose,
// affect/effect. Each row fixes a word only in a context where the other word of its pair is the only
// reading ("their is" is always "there is"); the checker's looser rows only mark text for the model.
import { wordSet } from '../lexicon/word-lists.ts';
import type { FixRow, RowContext, RowResult } from './rows.ts';

const BE_NEXT = wordSet("is are was were 's");
const THEIR_NOUNS = wordSet(
  'own parents children family friends lives life house home job jobs country opinion opinions',
);
// Nouns after which "you're" can only be "your": not "family", "friends" or "home" ("you're family").
const YOUR_NOUNS = wordSet('own parents car name email phone mother father house job opinion life address');
const NUMBER_WORDS = wordSet('two three four five six seven eight nine ten many several few some');
const TIME_UNITS = wordSet('years months weeks days hours minutes decades centuries');
const PROGRESSIVE = wordSet('going doing coming trying getting being saying leaving talking');
const ITS_NEXT = wordSet('a an the not very so too really been going getting');
const IT_IS_ADJECTIVES = wordSet('important true hard easy difficult possible necessary clear obvious better best');
const YOURE_NEXT = wordSet('a an the not going doing being very so too always really sure able coming trying getting');
const COMPARATIVE_WORDS = wordSet(
  'more less better worse rather fewer larger smaller bigger higher lower greater older younger faster slower harder longer stronger cheaper quicker',
);
const THAN_NEXT = wordSet(
  'me him her us them ever before usual expected anyone anything anybody everyone everything others the a an that those this in on at',
);
const SUBJECTS = wordSet('i you he she we they it');
// Words that count weeks; not "this"/"that", which also say how weak ("never felt this weak").
const WEEK_COUNTS = wordSet('every each next last per one two three four five few several many a');
const TOO_ADJECTIVES = wordSet(
  'much many late early small big old young expensive difficult hard fast slow long short far busy tired cold hot',
);
const BEFORE_TOO = wordSet('is are was were be been am seem seems seemed look looks looked feel feels felt get got');
const WANT_VERBS = wordSet(
  'want wants wanted need needs needed going have has had try tries tried like likes able used',
);
const AUXILIARIES = wordSet("will would can could should might may must to don't didn't not never");
const EFFECT_DETERMINERS = wordSet('a an the great big positive negative bad good strong huge side no any this');
const OBJECTS = wordSet('people us them me you him her our your their my his everyone');

const fix = (...changes: (readonly [number, string])[]): RowResult => ({ fix: changes });

function isComparative(ctx: RowContext, k: number): boolean {
  const word = ctx.view.lower(k);
  return COMPARATIVE_WORDS.has(word) || comparativeStems(word).some((stem) => ctx.words.isAdjective(stem));
}

/** The adjectives a regular comparative can come from: "taller" tall, "nicer" nice, "bigger" big, "easier" easy. */
function comparativeStems(word: string): string[] {
  if (!word.endsWith('er') || word.length < 5) return [];
  const stem = word.slice(0, -2);
  const stems = [stem, `${stem}e`];
  if (/([^aeiou])\1$/.test(stem)) stems.push(stem.slice(0, -1));
  if (stem.endsWith('i')) stems.push(`${stem.slice(0, -1)}y`);
  return stems;
}

/** A comparative within three words before k, in the same clause. */
function comparisonBefore(ctx: RowContext, k: number): boolean {
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    if (!ctx.view.joined(j + 1)) return false;
    if (isComparative(ctx, j)) return true;
  }
  return false;
}

function comparisonWithin(ctx: RowContext, k: number, reach: number): boolean {
  for (let j = Math.max(0, k - reach); j < k; j++) if (isComparative(ctx, j)) return true;
  return false;
}

const next = (ctx: RowContext, k: number): string => (ctx.view.joined(k + 1) ? ctx.view.lower(k + 1) : '');

export const CONFUSION_ROWS: readonly FixRow[] = [
  {
    rule: 'confusion.their_there',
    kind: 'grammar',
    words: wordSet('their'),
    message: '"there is/are", not "their"',
    apply: (ctx, k) => (BE_NEXT.has(next(ctx, k)) ? fix([0, 'there']) : undefined),
  },
  {
    rule: 'confusion.there_their',
    kind: 'grammar',
    words: wordSet("there they're"),
    message: '"their" before a noun it owns',
    apply: (ctx, k) => {
      const noun = next(ctx, k);
      if (!THEIR_NOUNS.has(noun) || !ctx.view.joined(k + 2)) return undefined;
      // "over there children play": a place word before "there" keeps it
      return /^(?:over|in|out|from|up|down|here)$/.test(ctx.view.lower(k - 1)) ? undefined : fix([0, 'their']);
    },
  },
  {
    rule: 'confusion.their_theyre',
    kind: 'grammar',
    words: wordSet('their there'),
    message: '"they\'re" (they are) before a verb',
    apply: (ctx, k) => {
      const verb = next(ctx, k);
      if (!PROGRESSIVE.has(verb)) return undefined;
      // "there going to" only: "there" alone before -ing can start a clause ("there being no time")
      if (ctx.view.lower(k) === 'there' && !(verb === 'going' && next(ctx, k + 1) === 'to')) return undefined;
      return fix([0, "they're"]);
    },
  },
  {
    rule: 'confusion.its_it_is',
    kind: 'grammar',
    words: wordSet('its'),
    message: '"it\'s" (it is)',
    apply: (ctx, k) => {
      const following = next(ctx, k);
      if (ITS_NEXT.has(following)) return fix([0, "it's"]);
      // "its to late": both words wrong at once, as "to" alone after "its" has no reading
      if (following === 'to' && TOO_ADJECTIVES.has(next(ctx, k + 1))) return fix([0, "it's"], [1, 'too']);
      // "its important to", "its true that", "its clear."
      if (IT_IS_ADJECTIVES.has(following) && (ctx.view.endsClause(k + 1) || /^(?:to|that|for)$/.test(next(ctx, k + 1))))
        return fix([0, "it's"]);
      return undefined;
    },
  },
  {
    rule: 'confusion.whose',
    kind: 'grammar',
    words: wordSet("who's"),
    message: '"whose" (of whom)',
    apply: (ctx, k) => {
      // "who's book is this": a noun and then its verb, so "who's" cannot be "who is"
      const noun = next(ctx, k);
      const verb = next(ctx, k + 1);
      return ctx.words.isNoun(noun) && !ctx.words.isAdjective(noun) && BE_NEXT.has(verb)
        ? fix([0, 'whose'])
        : undefined;
    },
  },
  {
    rule: 'confusion.since_for',
    kind: 'grammar',
    words: wordSet('since'),
    message: '"for" before a length of time ("since" takes a point in time)',
    apply: (ctx, k) => {
      const count = next(ctx, k);
      const unit = next(ctx, k + 1);
      if (!(/^\d+$/.test(count) || NUMBER_WORDS.has(count))) return undefined;
      // "since two days ago" names a point in time
      if (/^(?:ago|before|earlier)$/.test(next(ctx, k + 2))) return undefined;
      return TIME_UNITS.has(unit) ? fix([0, 'for']) : undefined;
    },
  },
  {
    rule: 'confusion.it_is_its',
    kind: 'grammar',
    words: wordSet("it's"),
    message: '"its own"',
    apply: (ctx, k) => (next(ctx, k) === 'own' ? fix([0, 'its']) : undefined),
  },
  {
    rule: 'confusion.your_youre',
    kind: 'grammar',
    words: wordSet('your'),
    message: '"you\'re" (you are)',
    apply: (ctx, k) => {
      const following = next(ctx, k);
      if (YOURE_NEXT.has(following)) return fix([0, "you're"]);
      if (/^(?:welcome|right|wrong)$/.test(following) && ctx.view.endsClause(k + 1)) return fix([0, "you're"]);
      return undefined;
    },
  },
  {
    rule: 'confusion.youre_your',
    kind: 'grammar',
    words: wordSet("you're"),
    message: '"your" before what belongs to you',
    apply: (ctx, k) => (YOUR_NOUNS.has(next(ctx, k)) ? fix([0, 'your']) : undefined),
  },
  {
    rule: 'confusion.then_than',
    kind: 'grammar',
    words: wordSet('then'),
    message: '"than" after a comparison',
    apply: (ctx, k) => {
      if (!ctx.view.joined(k) || !comparisonBefore(ctx, k)) return undefined;
      const following = next(ctx, k);
      if (ctx.view.lower(k - 1) === 'rather') return fix([0, 'than']);
      if (SUBJECTS.has(following) && !/^(?:me|him|her|us|them)$/.test(following)) return undefined;
      return THAN_NEXT.has(following) || /^\d/.test(ctx.view.tokens[k + 1]?.text ?? '') ? fix([0, 'than']) : undefined;
    },
  },
  {
    rule: 'confusion.than_then',
    kind: 'grammar',
    words: wordSet('than'),
    message: '"then" (next, at that time)',
    apply: (ctx, k) => {
      const before = ctx.view.lower(k - 1);
      if (ctx.view.joined(k) && /^(?:since|until|till|by|just|and)$/.test(before)) {
        if (before === 'and' && comparisonWithin(ctx, k, 12)) return undefined;
        return fix([0, 'then']);
      }
      return undefined;
    },
  },
  {
    rule: 'confusion.to_too',
    kind: 'grammar',
    words: wordSet('to'),
    message: '"too" (more than enough)',
    apply: (ctx, k) => {
      const following = next(ctx, k);
      if (!TOO_ADJECTIVES.has(following)) return undefined;
      if (/^(?:much|many)$/.test(following)) {
        const after = next(ctx, k + 1);
        return after === '' || !/^(?:of|more)$/.test(after)
          ? ctx.view.joined(k)
            ? fix([0, 'too'])
            : undefined
          : undefined;
      }
      // "is to expensive.", "was to late to go"
      return BEFORE_TOO.has(ctx.view.lower(k - 1)) &&
        ctx.view.joined(k) &&
        (ctx.view.endsClause(k + 1) || /^(?:to|for)$/.test(next(ctx, k + 1)))
        ? fix([0, 'too'])
        : undefined;
    },
  },
  {
    rule: 'confusion.too_to',
    kind: 'grammar',
    words: wordSet('too'),
    message: '"to" before a verb',
    apply: (ctx, k) => {
      const verb = next(ctx, k);
      return ctx.view.joined(k) && WANT_VERBS.has(ctx.view.lower(k - 1)) && verb !== '' && ctx.words.isPureVerb(verb)
        ? fix([0, 'to'])
        : undefined;
    },
  },
  {
    rule: 'confusion.weak_week',
    kind: 'grammar',
    words: wordSet('weak'),
    message: '"week" (seven days)',
    apply: (ctx, k) => {
      // a count or "every/next/last" before it and nothing it could describe after it: "every weak."
      const before = ctx.view.joined(k) ? ctx.view.lower(k - 1) : '';
      if (!WEEK_COUNTS.has(before)) return undefined;
      const after = next(ctx, k);
      if (!(ctx.view.endsClause(k) || after === 'ago' || after === 'later')) return undefined;
      return fix([0, 'week']);
    },
  },
  {
    rule: 'confusion.loose_lose',
    kind: 'grammar',
    words: wordSet('loose loosing'),
    message: '"lose" (not win, mislay)',
    apply: (ctx, k) => {
      const word = ctx.view.lower(k);
      if (word === 'loose')
        return ctx.view.joined(k) && AUXILIARIES.has(ctx.view.lower(k - 1)) && next(ctx, k) !== ''
          ? fix([0, 'lose'])
          : undefined;
      return /^(?:the|my|his|her|their|our|your|weight|money|time|a|it|them|control|interest)$/.test(next(ctx, k))
        ? fix([0, 'losing'])
        : undefined;
    },
  },
  {
    rule: 'confusion.affect_effect',
    kind: 'grammar',
    words: EFFECT_DETERMINERS,
    message: '"effect" (the noun)',
    apply: (ctx, k) =>
      /^affects?$/.test(next(ctx, k)) ? fix([1, ctx.view.lower(k + 1).replace('affect', 'effect')]) : undefined,
  },
  {
    rule: 'confusion.effect_affect',
    kind: 'grammar',
    words: wordSet("will would can could may might does did doesn't didn't not"),
    message: '"affect" (the verb)',
    apply: (ctx, k) => (next(ctx, k) === 'effect' && OBJECTS.has(next(ctx, k + 1)) ? fix([1, 'affect']) : undefined),
  },
];
