// The parser's signals: a sentence Link Grammar cannot link completely (`unparsable`), links only at
// a high disjunct cost per word (`strained_parse`: the parser had to use the grammar's costly, rarely
// right readings), or links only with some costly disjunct (`costly_reading`). The cost bounds were
// set on the even lines of JFLEG dev and checked on the odd ones (docs/MEASUREMENTS.md).
import type { Finding } from './signal-types.ts';
import type { GrammarParse, GrammarParser } from './link-grammar.ts';
import { countWords } from '../word-count.ts';

/**
 * Disjunct cost per word at and above which a complete linkage still counts as strained: the default of
 * the checker's `parserStrain` (MPR_CLEANER_CHECKER_STRAIN), its one operating knob. Lower sends more
 * sentences to the model: fewer false skips and fewer clean skips (the curve is printed by
 * `mpr eval gate --strain <n>`).
 */
export const STRAINED_PARSE_COST_PER_WORD = 0.3;

export interface ParserSignalOptions {
  /** Cost per word at which a complete linkage counts as strained (default STRAINED_PARSE_COST_PER_WORD). */
  strain?: number;
}

/**
 * A reading whose cost adds up to this much is parsed again with every disjunct capped at
 * PLAIN_DISJUNCT_COST; when that finds no complete linkage, the sentence holds a word the grammar
 * links only in a costly way (often a wrong form or a missing word) and counts as `costly_reading`.
 * A lower bound catches more errors and skips fewer clean sentences; this one keeps the held-out
 * clean-skip rate above the gate's goal.
 */
export const COSTLY_READING_MIN_COST = 5;
export const PLAIN_DISJUNCT_COST = 1.5;

/**
 * Longer sentences go to the model unparsed: parse time grows steeply with length (a 40-word sentence
 * can take a few hundred ms), and a sentence this long is rarely free of anything to fix.
 */
export const MAX_PARSE_WORDS = 60;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const TOO_LONG: GrammarParse = Object.freeze({
  complete: false,
  costPerWord: undefined,
  cost: undefined,
  timedOut: false,
});

function judge(parse: GrammarParse, sentence: string, start: number, strain: number): Finding | undefined {
  const end = start + sentence.length;
  if (!parse.complete) {
    const why =
      parse === TOO_LONG
        ? `longer than ${MAX_PARSE_WORDS} words: too long for the grammar parser`
        : parse.timedOut
          ? 'the grammar parser ran out of time on this sentence'
          : 'the grammar parser finds no complete reading of this sentence';
    return { signal: 'unparsable', start, end, message: why };
  }
  if ((parse.costPerWord ?? 0) >= strain) {
    return {
      signal: 'strained_parse',
      start,
      end,
      message: 'the grammar parser reads this sentence only in unusual ways',
    };
  }
  return undefined;
}

/**
 * Parses sentence by sentence and stops at the first finding: one is enough to send the text to the
 * model, and a long text (a direct Check call; jw1 sends single sentences) should not pay for the rest.
 */
export async function findParserSignals(
  text: string,
  parser: GrammarParser,
  options: ParserSignalOptions = {},
): Promise<Finding[]> {
  const strain = options.strain ?? STRAINED_PARSE_COST_PER_WORD;
  for (const { segment, index } of sentences.segment(text)) {
    const trimmed = segment.trimEnd();
    const lead = trimmed.length - trimmed.trimStart().length;
    const sentence = trimmed.slice(lead);
    if (!/\p{L}/u.test(sentence)) continue;
    const parse = countWords(sentence) > MAX_PARSE_WORDS ? TOO_LONG : await parser.parse(sentence);
    const finding = judge(parse, sentence, index + lead, strain);
    if (finding) return [finding];
    if (
      (parse.cost ?? 0) >= COSTLY_READING_MIN_COST &&
      !(await parser.parse(sentence, { maxDisjunctCost: PLAIN_DISJUNCT_COST })).complete
    ) {
      return [
        {
          signal: 'costly_reading',
          start: index + lead,
          end: index + lead + sentence.length,
          message: 'the grammar parser reads this sentence only with a costly link',
        },
      ];
    }
  }
  return [];
}
