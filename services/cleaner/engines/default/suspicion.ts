// The cheap checker behind jw2's Check RPC. Its job differs from the cleaner's: the cleaner changes
// only what it is sure of, the checker must notice anything that MIGHT need the model (high recall on
// flawed text) while staying quiet on well-formed text, with no model. Each signal found adds its
// weight to a score; the text needs cleaning when the score reaches the threshold.
//
// Two profiles, both set on the even lines of JFLEG dev and checked on the odd lines (`mpr eval gate`):
// - rules alone (about half a millisecond a sentence): strong signals (weight 1) fire several times more
//   often on learner sentences than on their corrections; weak ones (0.5: a possibly missing article, a
//   long stretch or a clause without a comma) barely more often but catch errors nothing else sees.
//   Threshold 0.5, any signal flags: false-skip 20.6%, clean-skip 68.1% on all of dev (held-out odd
//   lines 26.3% / 66.7%). Raising the threshold trades one for the other (measured before the learner
//   patterns: 1 -> 28.6% / 82.7%, 1.5 -> 50.4% / 93.4%, 2 -> 56.9% / 96.3%).
// - rules + the Link Grammar parser (PARSER_PROFILE; a check p50 3 ms, p95 50 ms, on a thread): the parser
//   replaces the weak signals. False-skip 11.0%, clean-skip 63.3% (held-out odd lines 13.9% / 61.9%).
//   Its cost bounds move along a steep curve (grammar-signals.ts; even lines): flagging every reading
//   with a disjunct of cost 2 gives 5.4% / 51.5%, a total cost of 3 or more 4.3% / 49.6%.
// The learner patterns (learner-signals.ts) were written from the misses of the even lines: they took
// false-skip there from 12.8% to 8.6% but on the held-out odd lines only from 14.9% to 14.6%.
// The issue's goal (false-skip <= 5% at clean-skip >= 60%) is not reached: what is left is mostly word
// choice, tense and number that a grammar accepts, each error of its own kind (a learned signal is next).
import type { EditSpan } from '../../engine.ts';
import type { SpellDictionary } from './dictionary.ts';
import { findParserSignals } from './grammar-signals.ts';
import type { GrammarParser } from './link-grammar.ts';
import { type Finding, type SignalName, findSignals } from './suspicion-signals.ts';
import { tokenize } from './suspicion-tokens.ts';
import { WordClasses } from './word-classes.ts';

export type { SignalName };

export const SIGNAL_WEIGHTS: Readonly<Record<SignalName, number>> = {
  unknown_word: 1,
  sentence_case: 1,
  final_punctuation: 1,
  punctuation_spacing: 1,
  odd_capital: 1,
  lowercase_proper: 1,
  informal_word: 1,
  agreement: 1,
  number_agreement: 1,
  verb_form: 1,
  confusable: 1,
  double_determiner: 1,
  collocation: 1,
  comparative: 1,
  intro_comma: 1,
  clause_comma: 0.5,
  missing_article: 0.5,
  run_on: 0.5,
  uncountable_plural: 1,
  quantifier: 1,
  verb_pattern: 1,
  word_order: 1,
  tense: 1,
  unparsable: 1,
  strained_parse: 1,
  costly_reading: 1,
};

/**
 * With the grammar parser loaded the checker weighs differently: the parser sees most of what the weak
 * rule signals were there for (a missing article, a clause without its comma) and far more precisely,
 * so those are dropped and any strong signal, or the parser alone, flags a sentence.
 */
export const PARSER_PROFILE: Readonly<Required<SuspicionOptions>> = {
  threshold: 1,
  weights: { run_on: 0, missing_article: 0, clause_comma: 0 },
};

export interface SuspicionOptions {
  /** Score at which a text needs cleaning (default 0.5: any signal; 1: a strong one or two weak ones). */
  threshold?: number;
  weights?: Partial<Record<SignalName, number>>;
}

export const DEFAULT_SUSPICION_THRESHOLD = 0.5;

export interface Suspicion {
  score: number;
  needsCleaning: boolean;
  findings: Finding[];
}

const KIND: Readonly<Partial<Record<SignalName, EditSpan['kind']>>> = {
  unknown_word: 'spelling',
  sentence_case: 'capitalization',
  odd_capital: 'capitalization',
  lowercase_proper: 'capitalization',
  final_punctuation: 'punctuation',
  punctuation_spacing: 'punctuation',
  intro_comma: 'punctuation',
  clause_comma: 'punctuation',
  run_on: 'punctuation',
  missing_article: 'article',
  double_determiner: 'article',
  unparsable: 'grammar',
  strained_parse: 'grammar',
  costly_reading: 'grammar',
};

let classes: { dictionary: SpellDictionary; words: WordClasses } | undefined;

function wordClasses(dictionary: SpellDictionary): WordClasses {
  if (classes?.dictionary !== dictionary) classes = { dictionary, words: new WordClasses(dictionary) };
  return classes.words;
}

function weigh(findings: Finding[], options: SuspicionOptions, base: SuspicionOptions): Suspicion {
  const weights = { ...SIGNAL_WEIGHTS, ...base.weights, ...options.weights };
  const kept = findings.filter((finding) => weights[finding.signal] > 0);
  const score = kept.reduce((sum, finding) => sum + weights[finding.signal], 0);
  return { score, needsCleaning: score >= (options.threshold ?? base.threshold ?? DEFAULT_SUSPICION_THRESHOLD), findings: kept };
}

/** The rule signals alone, weighed by `options` over `profile` (the defaults, or PARSER_PROFILE). */
export function assessSuspicion(text: string, dictionary: SpellDictionary, options: SuspicionOptions = {}, profile: SuspicionOptions = {}): Suspicion {
  return weigh(findSignals(tokenize(text), wordClasses(dictionary)), options, profile);
}

/**
 * The rule signals, then the parser only when they have not already decided: a parse costs milliseconds
 * on a thread, the rules microseconds.
 */
export async function assessSuspicionWithParser(
  text: string,
  dictionary: SpellDictionary,
  parser: GrammarParser,
  options: SuspicionOptions = {},
): Promise<Suspicion> {
  const rules = assessSuspicion(text, dictionary, options, PARSER_PROFILE);
  if (rules.needsCleaning) return rules;
  return weigh([...rules.findings, ...(await findParserSignals(text, parser))], options, PARSER_PROFILE);
}

/** A finding as an issue: a suspicious span, replacement === original (nothing certain to apply). */
export function findingToIssue(text: string, finding: Finding): EditSpan {
  const original = text.slice(finding.start, finding.end);
  return { start: finding.start, end: finding.end, original, replacement: original, kind: KIND[finding.signal] ?? 'grammar', message: finding.message };
}
