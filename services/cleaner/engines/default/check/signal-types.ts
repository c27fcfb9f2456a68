// The types every checker detector shares (detectors.ts and its modules, model-signals.ts,
// grammar-signals.ts): a detector reads the token row and reports spans under a signal name;
// suspicion.ts weighs the signals.
import type { WordClasses } from '../lexicon/word-classes.ts';
import type { Token } from './tokens.ts';

export type SignalName =
  | 'unknown_word'
  | 'sentence_case'
  | 'final_punctuation'
  | 'punctuation_spacing'
  | 'odd_capital'
  | 'lowercase_proper'
  | 'informal_word'
  | 'agreement'
  | 'number_agreement'
  | 'verb_form'
  | 'confusable'
  | 'double_determiner'
  | 'missing_article'
  | 'comparative'
  | 'collocation'
  | 'intro_comma'
  | 'clause_comma'
  | 'run_on'
  // Learner patterns a grammar accepts (learner-signals.ts).
  | 'uncountable_plural'
  | 'quantifier'
  | 'verb_pattern'
  | 'word_order'
  | 'tense'
  // From the word trigram model (model-signals.ts), when it is installed.
  | 'needless_article'
  // From the grammar parser (grammar-signals.ts), when one is loaded.
  | 'unparsable'
  | 'strained_parse'
  | 'costly_reading';

export interface Finding {
  signal: SignalName;
  start: number;
  end: number;
  message: string;
}

export interface SignalContext {
  tokens: readonly Token[];
  words: WordClasses;
  /** Token indices that start a sentence. */
  starts: ReadonlySet<number>;
}

export type Detector = (
  ctx: SignalContext,
  found: (signal: SignalName, from: Token, to: Token, message: string) => void,
) => void;

export const isWord = (token: Token | undefined): token is Token => token?.kind === 'word';
