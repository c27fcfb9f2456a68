// The parser's signals: a sentence Link Grammar cannot link completely (`unparsable`), or links only at
// a high disjunct cost per word (`strained_parse`: the parser had to use the grammar's costly, rarely
// right readings). The cost bound was set on the even lines of JFLEG dev and checked on the odd ones.
import type { Finding } from './suspicion-signals.ts';
import type { GrammarParse, GrammarParser } from './link-grammar.ts';

/** Disjunct cost per word at and above which a complete linkage still counts as strained. */
export const STRAINED_PARSE_COST_PER_WORD = 0.3;

/**
 * Longer sentences go to the model unparsed: parse time grows steeply with length (a 40-word sentence
 * can take a few hundred ms), and a sentence this long is rarely free of anything to fix.
 */
export const MAX_PARSE_WORDS = 60;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const TOO_LONG: GrammarParse = Object.freeze({ complete: false, costPerWord: undefined, timedOut: false });

function countWords(sentence: string): number {
  return sentence.split(/\s+/).filter((word) => word.length > 0).length;
}

export async function findParserSignals(text: string, parser: GrammarParser): Promise<Finding[]> {
  const spans = [...sentences.segment(text)]
    .map(({ segment, index }) => {
      const trimmed = segment.trimEnd();
      const lead = trimmed.length - trimmed.trimStart().length;
      return { sentence: trimmed.slice(lead), start: index + lead };
    })
    .filter(({ sentence }) => /\p{L}/u.test(sentence));
  const parses = await Promise.all(
    spans.map(({ sentence }) => (countWords(sentence) > MAX_PARSE_WORDS ? TOO_LONG : parser.parse(sentence))),
  );
  const findings: Finding[] = [];
  parses.forEach((parse, i) => {
    const { sentence, start } = spans[i] as { sentence: string; start: number };
    const end = start + sentence.length;
    if (!parse.complete) {
      const why =
        parse === TOO_LONG
          ? `longer than ${MAX_PARSE_WORDS} words: too long for the grammar parser`
          : parse.timedOut
            ? 'the grammar parser ran out of time on this sentence'
            : 'the grammar parser finds no complete reading of this sentence';
      findings.push({ signal: 'unparsable', start, end, message: why });
    } else if ((parse.costPerWord ?? 0) >= STRAINED_PARSE_COST_PER_WORD) {
      findings.push({ signal: 'strained_parse', start, end, message: 'the grammar parser reads this sentence only in unusual ways' });
    }
  });
  return findings;
}
