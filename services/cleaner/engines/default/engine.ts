// jw2's embedded default cleaner: deterministic rules plus a Hunspell dictionary, no model weights.
// Minimal edit: every fixer (fix/) changes a span only when the fix is certain; unknown words without
// a confident candidate and texts not in English are left alone. `check()` is a different job: the
// certain fixers (without the costly spelling search) plus the checker's signals (check/).
import { MprError } from '../../../../lib/errors.ts';
import type { CheckResult, CleanerEngine, CleanOptions, CleanResult, EngineInfo } from '../../engine.ts';
import type { GrammarParser } from './check/link-grammar.ts';
import { sharedNgramModel, type NgramModel } from './check/ngram-model.ts';
import {
  assessSuspicion,
  assessSuspicionWithParser,
  findingToIssue,
  PARSER_PROFILE,
  type SuspicionOptions,
} from './check/suspicion.ts';
import { applyFixers } from './fix/fixers.ts';
import { identifyLanguage, isEnglishCode, type LanguageGuess } from './language.ts';
import { spellDictionary } from './lexicon/dictionary.ts';
import { wordClassesOf } from './lexicon/word-classes.ts';
import { SegmentedText } from './segments.ts';
import { WARMUP_BUDGET_MS, WARMUP_PRACTICE, WARMUP_ROUNDS } from './warmup-practice.ts';
import { countWords } from './word-count.ts';

export const DEFAULT_ENGINE_INFO: EngineInfo = Object.freeze({
  kind: 'default',
  id: 'jw2-rules',
  version: '1.2.0',
  executionProvider: '',
});

export interface DefaultCleanerOptions {
  /** Threshold and weights of the checker behind `check()` (over the parser profile when a parser is set). */
  suspicion?: SuspicionOptions;
  /** The grammar parser the checker consults when its rules find nothing; without one, rules only. */
  parser?: GrammarParser;
  /** close() closes the parser too (the engine was handed its only user). */
  ownsParser?: boolean;
  /**
   * The word trigram model behind the checker's model signals: by default the process's shared one
   * when installed (`sharedNgramModel()`), `null` for none.
   */
  languageModel?: NgramModel | null;
}

export class DefaultCleanerEngine implements CleanerEngine {
  readonly info: EngineInfo = DEFAULT_ENGINE_INFO;
  private readonly options: DefaultCleanerOptions;

  constructor(options: DefaultCleanerOptions = {}) {
    this.options = options;
  }

  /**
   * Loads the dictionary and the trigram model now instead of on the first request, then cleans and
   * checks the practice sentences for a few rounds so the first requests find the fixers compiled.
   */
  async warmup(): Promise<void> {
    spellDictionary();
    this.languageModel();
    const started = performance.now();
    for (let round = 0; round < WARMUP_ROUNDS && performance.now() - started < WARMUP_BUDGET_MS; round++) {
      for (const text of WARMUP_PRACTICE) {
        this.run(text, 'en');
        await this.check(text, 'en');
      }
    }
  }

  async clean(text: string, options: CleanOptions = {}): Promise<CleanResult> {
    if (options.signal?.aborted) throw new MprError('cancelled', 'request was cancelled');
    const doc = this.run(text, options.language);
    const cleanedText = doc.text();
    return {
      cleanedText,
      edits: doc.edits(),
      flags: doc.flags(),
      usage: { inputTokens: countWords(text), outputTokens: countWords(cleanedText) },
    };
  }

  /**
   * Certain fixes as edits plus flagged and suspicious spans (replacement === original); needsCleaning
   * when a certain fix or a flag exists or the suspicion score reaches its threshold.
   */
  async check(text: string, language?: string): Promise<CheckResult> {
    const guess = this.language(text, language);
    if (!guess.supported)
      return { language: guess.language, languageSupported: false, needsCleaning: false, issues: [] };
    const doc = this.run(text, language, guess, { search: false });
    const fixes = doc.edits();
    // a span a rule matched but could not fix safely: never "already clean"
    const flags = doc.flags().map((flag) => ({ ...flag, original: text.slice(flag.start, flag.end) }));
    const { parser, suspicion: options } = this.options;
    const model = this.languageModel();
    const suspicion =
      parser === undefined || fixes.length > 0 || flags.length > 0
        ? assessSuspicion(text, spellDictionary(), options, parser ? PARSER_PROFILE : {}, model)
        : await assessSuspicionWithParser(text, spellDictionary(), parser, options, model);
    const flagIssues = flags.map(({ original, ...flag }) => ({ ...flag, original, replacement: original }));
    const issues = [
      ...fixes,
      ...flagIssues,
      ...suspicion.findings.map((finding) => findingToIssue(text, finding)),
    ].sort((a, b) => a.start - b.start || a.end - b.end);
    return {
      language: guess.language,
      languageSupported: true,
      needsCleaning: fixes.length > 0 || flags.length > 0 || suspicion.needsCleaning,
      issues,
    };
  }

  async close(): Promise<void> {
    if (this.options.ownsParser) await this.options.parser?.close();
  }

  private languageModel(): NgramModel | undefined {
    const { languageModel } = this.options;
    if (languageModel !== undefined) return languageModel ?? undefined;
    const shared = sharedNgramModel();
    return 'model' in shared ? shared.model : undefined;
  }

  private language(text: string, requested: string | undefined): LanguageGuess {
    if (requested !== undefined && requested !== '')
      return { language: requested, supported: isEnglishCode(requested) };
    return identifyLanguage(text, spellDictionary());
  }

  private run(text: string, requested: string | undefined, known?: LanguageGuess, options = { search: true }) {
    const doc = new SegmentedText(text);
    const guess = known ?? this.language(text, requested);
    if (!guess.supported) return doc;
    const model = this.languageModel();
    const isUsedWord = model === undefined ? undefined : (word: string) => model.wordId(word) !== model.unknown;
    const dictionary = spellDictionary();
    const context = {
      dictionary,
      words: wordClassesOf(dictionary),
      ...(isUsedWord ? { isUsedWord } : {}),
      ...(model ? { languageModel: model } : {}),
    };
    applyFixers(doc, context, options);
    return doc;
  }
}
