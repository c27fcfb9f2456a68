// The fixers of the default cleaner as one ordered table, like the checker's DETECTORS: each rewrites
// the segments it is sure of and leaves the rest. Order matters where one fixer reads another's
// output: spelling before agreement and articles (they look words up), capitals before "I"
// agreement (so "i has" is seen as "I has"), punctuation spacing last (it reads the final words).
import type { NgramModel } from '../check/ngram-model.ts';
import type { SpellDictionary } from '../lexicon/dictionary.ts';
import type { WordClasses } from '../lexicon/word-classes.ts';
import type { SegmentedText } from '../segments.ts';
import { fixFirstPersonAgreement, fixThirdPersonAgreement } from './agreement.ts';
import { fixArticles } from './articles.ts';
import { fixCapitalization } from './capitals.ts';
import { fixCertainErrors } from './certain-fixes.ts';
import { removeRepeatedWords } from './repeated-words.ts';
import { AGREEMENT_ROWS } from './agreement-rows.ts';
import { CONFUSION_ROWS } from './confusion-rows.ts';
import { NUMBER_ROWS } from './number-rows.ts';
import { PHRASE_ROWS } from './phrase-rows.ts';
import { applyRows } from './rows.ts';
import { fixWithLanguageModel } from './lm-fixer.ts';
import { fixSpelling } from './spelling.ts';
import { SENTENCE_ROWS } from './sentence-rows.ts';
import { VERB_FORM_ROWS } from './verb-form-rows.ts';
import { fixPunctuationSpacing, normalizeUnicode, normalizeWhitespace } from './text-rules.ts';

export interface FixContext {
  dictionary: SpellDictionary;
  words: WordClasses;
  /** Is this lower-case word one people write? (The trigram model's vocabulary when it is installed.) */
  isUsedWord?: (word: string) => boolean;
  /** The word trigram model, when installed: spelling candidates are weighed in their context. */
  languageModel?: NgramModel;
}

export interface Fixer {
  readonly name: string;
  /**
   * A search per word (the dictionary's for an unknown word, the language model's candidates): too
   * costly for `check()`, which skips it.
   */
  readonly searches?: boolean;
  fix(doc: SegmentedText, context: FixContext): void;
}

export const FIXERS: readonly Fixer[] = [
  { name: 'unicode', fix: normalizeUnicode },
  { name: 'whitespace', fix: normalizeWhitespace },
  { name: 'certain_errors', fix: fixCertainErrors },
  {
    name: 'spelling',
    searches: true,
    fix: (doc, { dictionary, isUsedWord, languageModel }) => fixSpelling(doc, dictionary, isUsedWord, languageModel),
  },
  { name: 'repeated_word', fix: removeRepeatedWords },
  { name: 'phrases', fix: (doc, { words }) => applyRows(doc, PHRASE_ROWS, words) },
  { name: 'confusions', fix: (doc, { words }) => applyRows(doc, CONFUSION_ROWS, words) },
  { name: 'number', fix: (doc, { words }) => applyRows(doc, NUMBER_ROWS, words) },
  { name: 'verb_forms', fix: (doc, { words }) => applyRows(doc, VERB_FORM_ROWS, words) },
  { name: 'third_person_agreement', fix: fixThirdPersonAgreement },
  { name: 'agreement', fix: (doc, { words }) => applyRows(doc, AGREEMENT_ROWS, words) },
  {
    name: 'language_model',
    searches: true,
    fix: (doc, { languageModel, words, dictionary }) => fixWithLanguageModel(doc, languageModel, { words, dictionary }),
  },
  { name: 'a_an', fix: fixArticles },
  { name: 'capitals', fix: fixCapitalization },
  { name: 'first_person_agreement', fix: fixFirstPersonAgreement },
  { name: 'sentence', fix: (doc, { words }) => applyRows(doc, SENTENCE_ROWS, words) },
  { name: 'punctuation_spacing', fix: fixPunctuationSpacing },
];

export interface FixOptions {
  /** Run the fixers that search the dictionary (default true). */
  search?: boolean;
}

export function applyFixers(doc: SegmentedText, context: FixContext, options: FixOptions = {}): void {
  for (const fixer of FIXERS) {
    if (fixer.searches && options.search === false) continue;
    fixer.fix(doc, context);
  }
}
