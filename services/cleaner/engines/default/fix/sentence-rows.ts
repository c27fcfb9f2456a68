// Rows on the shape of a sentence: the comma after an introductory word or phrase ("However we left"
// -> "However, we left"), the capital of a name of a language, people, day or month written in lower
// case ("english" -> "English"), and the full stop a sentence ends without.
import { INTRODUCTORY_PHRASES, INTRODUCTORY_WORDS, PROPER_NAMES_LOWER, wordSet } from '../lexicon/word-lists.ts';
import type { FixRow, RowContext } from './rows.ts';

// Openers that read as part of the clause as often as they introduce it ("Also the bus...", "Today
// people...", "First time I..."), and "china" the porcelain: left to the checker.
const NO_COMMA_WORDS = wordSet('also today first second third thus instead actually overall clearly obviously');
// "Of course he knows": the comma is optional and as often left out, so not a certain fix.
const NO_COMMA_PHRASES = new Set(['of course']);
const NOT_NAMES = wordSet('china');
// A sentence that asks: it ends with "?", not ".".
const QUESTION_OPENERS = wordSet(
  "what why how who whom whose which where when is are was were do does did can could will would should shall may might must have has isn't aren't don't doesn't didn't can't won't",
);
const MIN_WORDS_FOR_FULL_STOP = 4;

/** Tokens k.. spell one of the introductory phrases: its length, else 0. */
function introductoryLength(ctx: RowContext, k: number): number {
  for (const phrase of INTRODUCTORY_PHRASES) {
    if (NO_COMMA_PHRASES.has(phrase.join(' '))) continue;
    if (phrase.every((word, i) => ctx.view.lower(k + i) === word && (i === 0 || ctx.view.joined(k + i))))
      return phrase.length;
  }
  const word = ctx.view.lower(k);
  return INTRODUCTORY_WORDS.has(word) && !NO_COMMA_WORDS.has(word) ? 1 : 0;
}

export const SENTENCE_ROWS: readonly FixRow[] = [
  {
    rule: 'comma.introductory',
    kind: 'punctuation',
    message: 'a comma after the introductory word or phrase',
    apply: (ctx, k) => {
      if (!ctx.view.startsSentence(k)) return undefined;
      const length = introductoryLength(ctx, k);
      // the clause must go on after it, one space away
      if (length === 0 || !ctx.view.joined(k + length)) return undefined;
      const last = ctx.view.tokens[k + length - 1]!;
      return { fix: [[length - 1, `${last.lower},`]] };
    },
  },
  {
    rule: 'capital.proper_name',
    kind: 'capitalization',
    message: 'a name takes a capital letter',
    apply: (ctx, k) => {
      const token = ctx.view.tokens[k]!;
      if (!PROPER_NAMES_LOWER.has(token.text) || NOT_NAMES.has(token.text)) return undefined;
      return { fix: [[0, token.text[0]!.toUpperCase() + token.text.slice(1)]] };
    },
  },
  {
    rule: 'punctuation.final_stop',
    kind: 'punctuation',
    message: 'a full stop at the end of the sentence',
    apply: (ctx, k) => {
      const { tokens } = ctx.view;
      if (k !== tokens.length - 1 || k + 1 < MIN_WORDS_FOR_FULL_STOP) return undefined;
      // the text is one sentence (jw1 sends them one by one; a longer text without a final mark is more
      // often a list or a fragment), it starts with a capital and does not ask
      if (tokens.some((token, j) => j > 0 && /[.!?]/.test(token.gapBefore))) return undefined;
      const first = tokens[0]!;
      if (!/^\p{Lu}/u.test(first.text) || QUESTION_OPENERS.has(first.lower)) return undefined;
      return ctx.view.isLastInText(k) ? { fix: [[0, `${tokens[k]!.lower}.`]] } : undefined;
    },
  },
];
