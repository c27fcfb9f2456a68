// The cheap checker behind jw2's Check RPC. Its job differs from the cleaner's: the cleaner changes
// only what it is sure of, the checker must notice anything that MIGHT need the model (high recall on
// flawed text) while staying quiet on well-formed text, with no model. Each signal found adds its
// weight to a score; the text needs cleaning when the score reaches the threshold.
//
// Two profiles, both set on the even lines of JFLEG dev and checked on the odd lines (`mpr eval gate`;
// the figures are in docs/MEASUREMENTS.md):
// - rules alone: strong signals (weight 1) fire several times more often on learner sentences than on
//   their corrections; weak ones (0.5: a possibly missing article, a long stretch or a clause without a
//   comma) barely more often but catch errors nothing else sees. Threshold 0.5: any signal flags.
// - rules + the Link Grammar parser (PARSER_PROFILE; a parse runs on a thread): the parser sees what
//   the weak signals were there for, far more precisely, and replaces them.
// Both include the learner patterns (learner-signals.ts), the parser's costly_reading
// (grammar-signals.ts) and the trigram model's `needless_article` (model-signals.ts) when
// pocketsphinx-en-us is installed.
// What the checker still misses is mostly word choice, tense and number that a grammar accepts and a
// trigram model cannot judge from three words ("It provides much wood to the industries."). With an
// LLM cleaner the model's own verdict is exact: jw2 verifies a clean text in one forward pass
// (verifiedClean), and jw1 can leave "already clean" to it.
import type { EditSpan } from '../../../engine.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import { wordClassesOf } from '../lexicon/word-classes.ts';
import { findSignals } from './detectors.ts';
import { findParserSignals } from './grammar-signals.ts';
import type { GrammarParser } from './link-grammar.ts';
import { findModelSignals } from './model-signals.ts';
import type { NgramModel } from './ngram-model.ts';
import type { Finding, SignalName } from './signal-types.ts';
import { tokenize } from './tokens.ts';

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
  needless_article: 1,
  unparsable: 1,
  strained_parse: 1,
  costly_reading: 1,
};

/**
 * With the grammar parser loaded the checker weighs differently: the parser sees most of what the weak
 * rule signals were there for (a missing article, a clause without its comma) and far more precisely,
 * so those are dropped and any strong signal, or the parser alone, flags a sentence.
 */
export const PARSER_PROFILE: Readonly<Required<Pick<SuspicionOptions, 'threshold' | 'weights'>>> = {
  threshold: 1,
  weights: { run_on: 0, missing_article: 0, clause_comma: 0 },
};

export interface SuspicionOptions {
  /** Score at which a text needs cleaning (default 0.5: any signal; 1: a strong one or two weak ones). */
  threshold?: number;
  weights?: Partial<Record<SignalName, number>>;
  /**
   * With the parser: disjunct cost per word at which a complete reading counts as strained (default
   * 0.3). Lower sends more sentences to the model: fewer false skips, fewer clean skips (the curve is
   * at STRAINED_PARSE_COST_PER_WORD in grammar-signals.ts).
   */
  parserStrain?: number;
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
  needless_article: 'article',
  unparsable: 'grammar',
  strained_parse: 'grammar',
  costly_reading: 'grammar',
};

function weigh(findings: Finding[], options: SuspicionOptions, base: SuspicionOptions): Suspicion {
  const weights = { ...SIGNAL_WEIGHTS, ...base.weights, ...options.weights };
  const kept = findings.filter((finding) => weights[finding.signal] > 0);
  const score = kept.reduce((sum, finding) => sum + weights[finding.signal], 0);
  return {
    score,
    needsCleaning: score >= (options.threshold ?? base.threshold ?? DEFAULT_SUSPICION_THRESHOLD),
    findings: kept,
  };
}

/**
 * The rule signals, and the trigram model's when one is given, weighed by `options` over `profile` (the
 * defaults, or PARSER_PROFILE).
 */
export function assessSuspicion(
  text: string,
  dictionary: SpellDictionary,
  options: SuspicionOptions = {},
  profile: SuspicionOptions = {},
  model?: NgramModel,
): Suspicion {
  const tokens = tokenize(text);
  const findings = findSignals(tokens, wordClassesOf(dictionary));
  if (model !== undefined) findings.push(...findModelSignals(tokens, model));
  return weigh(findings, options, profile);
}

/**
 * The rule (and model) signals, then the parser only when they have not already decided: a parse costs
 * milliseconds on a thread, the rules microseconds and the model a fraction of a millisecond.
 */
export async function assessSuspicionWithParser(
  text: string,
  dictionary: SpellDictionary,
  parser: GrammarParser,
  options: SuspicionOptions = {},
  model?: NgramModel,
): Promise<Suspicion> {
  const rules = assessSuspicion(text, dictionary, options, PARSER_PROFILE, model);
  if (rules.needsCleaning) return rules;
  const parserFindings = await findParserSignals(
    text,
    parser,
    options.parserStrain === undefined ? {} : { strain: options.parserStrain },
  );
  return weigh([...rules.findings, ...parserFindings], options, PARSER_PROFILE);
}

/** A finding as an issue: a suspicious span, replacement === original (nothing certain to apply). */
export function findingToIssue(text: string, finding: Finding): EditSpan {
  const original = text.slice(finding.start, finding.end);
  return {
    start: finding.start,
    end: finding.end,
    original,
    replacement: original,
    kind: KIND[finding.signal] ?? 'grammar',
    message: finding.message,
  };
}
